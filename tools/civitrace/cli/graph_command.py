"""``civitrace graph``: draw the traceability diagram to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..graph import DiagramError, DiagramRequest, RenderError, graph_dot, make_graph, render
from ..graph.fit import svg_fit
from ..graph.links import site_urls
from ..graph.text_alternative import entries, to_markdown
from ..reader import read_project
from ..source_date import source_date
from .arguments import add_root, iso_date

FORMATS = ("svg", "pdf", "png", "dot")
#: Below this size on an A4 landscape page, text is not legible: suggest a printable view.
LEGIBLE_POINTS = 7.0
OVERVIEW_NAME = "vue-d-ensemble"

DESCRIPTION = """\
Draw the traceability diagram of the project under ROOT into FILE; the format follows
the file's extension: .svg, .pdf, .png or .dot (graphviz source). In SVG each object is
a node whose <title> is its ID.

What to draw (one at a time):
  (default)          every principle, recommendation, measure and axis, left to right
  --root ID          the neighbourhood of one object, --depth links around it (default 1)
  --overview         principles and axes only, with counts and coverage: for large projects
  --principle ID     one principle: its recommendations and the measures that answer them,
                     laid out to fit an A4 landscape page
  --split DIR        for print: DIR/vue-d-ensemble.FORMAT plus one DIR/<PRINCIPLE-ID>.FORMAT
                     per principle (use this when the whole diagram is too large to read)

Lateness is judged at the date of the version (SOURCE_DATE_EPOCH, else the last commit,
else today) unless --as-of is given, so two runs on one commit draw the same diagram.
"""


def usage_error(message: str) -> Exception:
    """A :class:`~civitrace.cli.UsageError` (imported late: the cli package imports this module first)."""
    from . import UsageError

    return UsageError(message)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "graph",
        help="draw the traceability diagram (svg, pdf, png, dot)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(parser)
    parser.add_argument("-o", "--output", metavar="FILE", help="file to write: .svg, .pdf, .png or .dot")
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--root", dest="root_id", metavar="ID", help="draw the neighbourhood of this object")
    view.add_argument("--overview", action="store_true", help="draw principles and axes with counts")
    view.add_argument("--principle", metavar="ID", help="draw one principle and what answers it")
    view.add_argument("--split", metavar="DIR", type=Path, help="write the overview and one file per principle")
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="links around --root (default: 1)")
    parser.add_argument("--indicators", action="store_true", help="draw indicators after their measures")
    parser.add_argument("--format", choices=FORMATS, default=None, help="format for --split (default: svg)")
    parser.add_argument(
        "--as-of", type=iso_date, default=None, metavar="DATE", help="judge lateness at this date, YYYY-MM-DD"
    )
    parser.add_argument(
        "--base-url", metavar="URL", default=None, help="link each node to its page in the site published at URL"
    )
    parser.add_argument("--text", metavar="FILE", help="also write the text alternative (a Markdown list) to FILE")
    parser.set_defaults(handler=run)


def _format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise usage_error(f"cannot tell the format of '{path}': use a .svg, .pdf, .png or .dot file")
    return fmt


def _requests(args: argparse.Namespace) -> DiagramRequest:
    if args.depth < 0:
        raise usage_error("--depth must be 0 or more")
    if args.root_id:
        return DiagramRequest("neighbourhood", args.root_id, args.depth, args.indicators)
    if args.overview:
        return DiagramRequest("overview", indicators=args.indicators)
    if args.principle:
        return DiagramRequest("principle", args.principle, indicators=args.indicators)
    return DiagramRequest("full", indicators=args.indicators)


def run(args: argparse.Namespace) -> int:
    if args.split is None and not args.output:
        raise usage_error("say where to write the diagram: -o FILE (or --split DIR)")
    if args.split is not None and args.output:
        raise usage_error("-o and --split cannot be used together")
    if args.format and args.split is None:
        raise usage_error("--format only applies to --split; with -o the file's extension gives the format")
    project = read_project(args.root)
    as_of = args.as_of or source_date(args.root)
    url_for = site_urls(args.base_url) if args.base_url else None
    jobs: list[tuple[DiagramRequest, Path]] = []
    if args.split is not None:
        fmt = args.format or "svg"
        jobs.append((DiagramRequest("overview", indicators=args.indicators), args.split / f"{OVERVIEW_NAME}.{fmt}"))
        for principle in project.of_kind("principle"):
            if project.by_id.get(principle.id) is principle:
                request = DiagramRequest("principle", principle.id, indicators=args.indicators)
                jobs.append((request, args.split / f"{principle.id}.{fmt}"))
    else:
        output = Path(args.output)
        _format_of(output)
        jobs.append((_requests(args), output))
    alternatives = []
    for request, path in jobs:
        try:
            graph = make_graph(project, request, as_of)
        except DiagramError as exc:
            raise usage_error(str(exc)) from None
        source = graph_dot(graph, url_for)
        try:
            _write(source, path, _format_of(path), request)
        except RenderError as exc:
            print(f"civitrace graph: error: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            raise usage_error(f"cannot write '{path}': {exc.strerror}") from None
        alternatives.append(to_markdown(entries(graph)))
    if args.text:
        try:
            Path(args.text).write_text("\n".join(alternatives), encoding="utf-8")
        except OSError as exc:
            raise usage_error(f"cannot write '{args.text}': {exc.strerror}") from None
    return 0


def _write(source: str, path: Path, fmt: str, request: DiagramRequest) -> None:
    """Write one diagram and say how large it is on an A4 landscape page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "dot":
        path.write_text(source, encoding="utf-8")
        print(f"wrote {path}")
        return
    data = render(source, fmt)
    path.write_bytes(data)
    if fmt != "svg":
        print(f"wrote {path}")
        return
    fit = svg_fit(data)
    print(f"wrote {path} ({fit.describe()})")
    if fit.smallest_text < LEGIBLE_POINTS and request.view in ("full", "neighbourhood"):
        print(
            f"note: printed on A4 landscape, this diagram's text would be {fit.smallest_text:.1f} pt; "
            "for paper use --overview, --principle ID or --split DIR",
            file=sys.stderr,
        )
