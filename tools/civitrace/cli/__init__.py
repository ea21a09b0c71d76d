"""The ``civitrace`` command line: one module per subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import i18n
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
        description="Trace a citizens' convention opinion to the strategy that answers it.",
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the messages (fr, en); default: the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # Messages follow the locale like any gettext program; --lang forces one. Codes never change.
    i18n.set_language(args.lang if args.lang else i18n.language_from_environment())
    try:
        return int(args.handler(args))
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"civitrace {args.command}: error: {exc}\n")
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    return EXIT_OK  # pragma: no cover - parser.exit does not return


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
