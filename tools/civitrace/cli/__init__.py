"""The ``civitrace`` command line: one module per subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import i18n
from ..console import EXIT_INTERRUPTED, interrupted
from ..escaping import for_terminal
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
from .arguments import EXIT_OK, EXIT_USAGE, UsageError, error_line

__all__ = ["COMMANDS", "EXIT_INTERRUPTED", "UsageError", "build_parser", "main", "run"]

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
        parser.exit(EXIT_USAGE, error_line(args.command, str(exc)))
    except BrokenPipeError:  # e.g. piped into `head`, or stdout closed
        _drop_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write(_("civitrace: interrupted") + "\n")
        return EXIT_INTERRUPTED
    except OSError as exc:  # an output that cannot be written: no such folder, full disk, no permission
        where = f" {for_terminal(str(exc.filename))}" if exc.filename else ""
        reason = for_terminal(exc.strerror or str(exc))
        message = _("cannot write{where}: {reason}").format(where=where, reason=reason)
        parser.exit(EXIT_USAGE, error_line(args.command, message))
    return EXIT_OK  # pragma: no cover - parser.exit does not return


def _drop_stdout() -> None:
    """Send what is left for a closed stdout to /dev/null, so that exiting does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    """Console-script entry point."""
    # A closed stdout or stderr (``>&-``): what would go there is dropped, the exit status still tells.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
        status = EXIT_OK
    except KeyboardInterrupt:  # outside a command's handler (the parser being built): one line too
        interrupted()
    sys.exit(status)
