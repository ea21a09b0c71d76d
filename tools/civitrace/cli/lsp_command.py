"""``civitrace lsp``: the Language Server Protocol server, on standard input and output."""

from __future__ import annotations

import argparse

from ..i18n import _
from .arguments import EXIT_OK, UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp",
        help=_("run the language server for editors (on stdin/stdout)"),
        description=_(
            "Run a Language Server Protocol server on standard input and output, for VS Code, "
            "Neovim, Emacs, Helix or any LSP client: diagnostics of `civitrace check` as you type, completion, "
            "hover, go to definition, references, rename and quick fixes, for the project holding each open file. "
            "Needs the optional dependency pygls: pip install 'civitrace[lsp]'."
        ),
    )
    # Some clients add --stdio to the command they start; standard input and output is the only transport anyway.
    parser.add_argument("--stdio", action="store_true", help=_("talk over standard input and output (the default)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        # Imported here: pygls is an optional dependency, and no other command needs it.
        from ..lsp.server import serve
    except ImportError as exc:
        raise UsageError(
            _(
                "the language server needs the optional dependency pygls ({error}); "
                "install it with: pip install 'civitrace[lsp]'"
            ).format(error=exc)
        ) from None
    serve()
    return EXIT_OK
