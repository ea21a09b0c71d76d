"""``civitrace export``: the traced objects as open data (JSON or CSV), or the JSON Schema."""

from __future__ import annotations

import argparse
import datetime as dt

from ..i18n import _
from .arguments import UsageError, add_root, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help=_("export the traced objects as open data (JSON or CSV), or as Decidim results"),
        description=_(
            "Write every traced object under ROOT, one entry per object with its options "
            "(links as ID lists) and its text: JSON described by a JSON Schema (--schema prints it), or CSV. "
            "--format decidim writes instead the results CSV that Decidim's accountability component imports "
            "(one result per measure, under the recommendations it answers), set by [tool.civitrace.decidim]."
        ),
    )
    add_root(parser)
    parser.add_argument(
        "--format", choices=("json", "csv", "decidim"), default="json", help=_("output format (default: json)")
    )
    parser.add_argument("--schema", action="store_true", help=_("print the JSON Schema of the JSON export instead"))
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the open-data export; return the exit status."""
    # Imported here so that other subcommands do not load the export code.
    from ..export.schema import shipped_schema
    from ..export.tabular import to_csv, to_json
    from ..reader import read_project
    from ..source_date import source_timestamp, version_label

    if args.schema:
        data = shipped_schema()
    else:
        project = read_project(args.root)
        if args.format == "decidim":
            data = _decidim(args, project)
        elif args.format == "csv":
            data = to_csv(project)
        else:
            stamp = source_timestamp(args.root)
            date = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat() if stamp is not None else None
            data = to_json(project, version_label(args.root), date)
    # newline="": the CSV module already wrote the CRLF line ends RFC 4180 asks for.
    write_output(data, args.output, newline="")
    return 0


def _decidim(args: argparse.Namespace, project: object) -> str:
    """The Decidim results CSV, with the settings of ``[tool.civitrace.decidim]``."""
    from ..export.decidim import DecidimSettingsError, settings_from, to_decidim_csv
    from ..project_config import civitrace_table

    table = civitrace_table(args.root).get("decidim", {})
    try:
        settings = settings_from(table if isinstance(table, dict) else {})
    except DecidimSettingsError as exc:
        raise UsageError(f"pyproject.toml [tool.civitrace.decidim]: {exc}") from None
    return to_decidim_csv(project, settings)  # type: ignore[arg-type]
