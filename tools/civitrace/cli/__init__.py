"""The ``civitrace`` command line: one module per subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import i18n
from ..i18n import _
from . import (
    bilan_command,
    check_command,
    diff_command,
    export_command,
    graph_command,
    init_command,
    lsp_command,
    new_command,
    register_command,
    seal_command,
)
from .arguments import EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["COMMANDS", "UsageError", "build_parser", "main", "run"]

#: Subcommand modules, in the order ``--help`` lists them. Each keeps its heavy imports
#: (networkx, git history) inside its handler, so ``civitrace check`` does not load them.
COMMANDS = [
    check_command,
    diff_command,
    export_command,
    graph_command,
    register_command,
    bilan_command,
    init_command,
    new_command,
    seal_command,
    lsp_command,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="civitrace",
        description=_("Trace a citizens' convention opinion to the strategy that answers it."),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_("language of the messages (fr, en); default: the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def language_asked(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (read before the parser is built, as its help is translated)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Messages follow the locale like any gettext program; --lang forces one. Codes never change.
    # Chosen before the parser is built: its help texts and argparse's own words are translated.
    i18n.set_language(language_asked(argv) or i18n.language_from_environment())
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as exc:
        parser.exit(
            EXIT_USAGE, _("civitrace {command}: error: {message}").format(command=args.command, message=exc) + "\n"
        )
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    return EXIT_OK  # pragma: no cover - parser.exit does not return


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
