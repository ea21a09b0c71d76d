"""``civitrace check``: read the project, apply the rules, print diagnostics."""

from __future__ import annotations

import argparse
import datetime as dt

from ..diagnostics import Diagnostic
from ..i18n import _
from ..project_config import adopted_tag
from ..reader import read_project
from ..report_formats import FORMATS
from ..rules import check
from .arguments import EXIT_ERRORS, EXIT_OK, add_root, iso_date, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help=_("check traceability and report problems"),
        description=_(
            "Read every .md file under ROOT and report traceability problems, one a line. "
            "Exit status: 0 without error, 1 with at least one error, 2 on a usage error."
        ),
    )
    add_root(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help=_("output format (default: text)"))
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help=_("judge lateness at this date, YYYY-MM-DD (default: today)"),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write the report to FILE instead of standard output"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.root)
    diagnostics = check(project, as_of=args.as_of or dt.date.today())
    if adopted_tag(args.root) is not None:
        # Loaded only for a sealed opinion: comparing with its tag needs the git code.
        from ..history.adopted import seal_diagnostics

        sealed = seal_diagnostics(args.root, project)
        diagnostics = sorted({*diagnostics, *sealed}, key=Diagnostic.sort_key)
    write_output(FORMATS[args.format](diagnostics), args.output)
    return EXIT_ERRORS if any(d.is_error for d in diagnostics) else EXIT_OK
