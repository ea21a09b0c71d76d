"""``civitrace new``: print a ready block of one kind, with the next free ID of the project's pattern."""

from __future__ import annotations

import argparse
import sys

from ..i18n import _
from ..new_block import BlockError, new_block
from ..reader import read_project
from ..vocabulary import KINDS
from .arguments import EXIT_OK, UsageError, add_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help=_("print a new block of one kind, ready to paste"),
        description=_(
            "Print a block of KIND with the next free ID of the project's pattern (M-26 -> M-27) "
            "and every option filled with a valid value, checked against the project: pasted as it is, "
            "it passes `civitrace check`. The block goes to standard output, a hint on where to paste it "
            "to standard error."
        ),
    )
    parser.add_argument(
        "kind", choices=sorted(KINDS), metavar="KIND", help=_("kind of object: {kinds}").format(kinds=", ".join(KINDS))
    )
    add_root(parser)
    parser.add_argument("--axis", metavar="ID", help=_("the axis the new object belongs to (an existing ID)"))
    parser.add_argument(
        "--responds", metavar="IDS", help=_("the recommendations it responds to (existing IDs, comma-separated)")
    )
    parser.add_argument(
        "--for",
        dest="about",
        metavar="ID",
        help=_("for kinds about another object (a response, an assessment): that object's ID"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.root)
    preset = {}
    if args.axis is not None:
        preset["axis"] = [args.axis.strip()]
    if args.responds is not None:
        preset["responds"] = [item.strip() for item in args.responds.split(",") if item.strip()]
    try:
        block = new_block(project, args.kind, preset, args.about)
    except BlockError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(block.text)
    sys.stderr.write(_("# {id}: paste this block into a page under {folder}/").format(id=block.id, folder=block.folder))
    sys.stderr.write("\n")
    for diagnostic in block.remaining:
        sys.stderr.write(_("# still to do: {message}").format(message=diagnostic.message) + "\n")
    return EXIT_OK
