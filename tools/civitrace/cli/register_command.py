"""``civitrace register``: the public inventory of the AI systems (CRPA art. L312-1-2), CSV or JSON."""

from __future__ import annotations

import argparse

from ..i18n import _
from .arguments import EXIT_OK, add_root, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "register",
        help=_("write the public inventory of the AI systems (CSV or JSON)"),
        description=_(
            "Write the register's AI systems under ROOT as the French public inventory of algorithms "
            "(CRPA art. L312-1-2): French column names, UTF-8, one row per system. The JSON follows a schema "
            "shipped with civitrace (--schema prints it)."
        ),
    )
    add_root(parser)
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help=_("output format (default: csv)"))
    parser.add_argument("--schema", action="store_true", help=_("print the JSON Schema of the JSON inventory instead"))
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the inventory; return the exit status."""
    # Imported here so that other subcommands do not load the register code.
    from ..export import inventory
    from ..reader import read_project
    from ..source_date import source_timestamp

    if args.schema:
        data = inventory.shipped_schema()
    else:
        project = read_project(args.root)
        date = inventory.version_date(source_timestamp(args.root))
        data = inventory.to_csv(project, date) if args.format == "csv" else inventory.to_json(project, date)
    # newline="": the CSV module already wrote the CRLF line ends RFC 4180 asks for.
    write_output(data, args.output, newline="")
    return EXIT_OK
