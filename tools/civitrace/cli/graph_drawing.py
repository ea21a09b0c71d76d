"""The work behind ``civitrace graph``: read the project, draw each requested diagram, write the files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..graph import DiagramError, DiagramRequest, ProjectGraphs, RenderError, graph_dot, make_graph, render_many
from ..graph.fit import svg_fit
from ..graph.links import site_urls
from ..graph.text_alternative import entries, to_markdown
from ..i18n import _
from ..reader import read_project
from ..source_date import source_date
from .arguments import UsageError, error_line
from .graph_command import FORMATS

#: Below this size on an A4 landscape page, text is not legible: suggest a printable view.
LEGIBLE_POINTS = 7.0
OVERVIEW_NAME = "vue-d-ensemble"


def _format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(_("cannot tell the format of '{path}': use a .svg, .pdf, .png or .dot file").format(path=path))
    return fmt


def _requests(args: argparse.Namespace) -> DiagramRequest:
    if args.depth < 0:
        raise UsageError(_("--depth must be 0 or more"))
    if args.root_id:
        return DiagramRequest("neighbourhood", args.root_id, args.depth, args.indicators, args.register)
    if args.overview:
        return DiagramRequest("overview", indicators=args.indicators, register=args.register)
    if args.principle:
        return DiagramRequest("principle", args.principle, indicators=args.indicators, register=args.register)
    return DiagramRequest("full", indicators=args.indicators, register=args.register)


def draw(args: argparse.Namespace) -> int:
    """Run ``civitrace graph`` with parsed arguments; return the exit status."""
    if args.split is None and not args.output:
        raise UsageError(_("say where to write the diagram: -o FILE (or --split DIR)"))
    if args.split is not None and args.output:
        raise UsageError(_("-o and --split cannot be used together"))
    if args.format and args.split is None:
        raise UsageError(_("--format only applies to --split; with -o the file's extension gives the format"))
    project = read_project(args.root)
    as_of = args.as_of or source_date(args.root)
    url_for = site_urls(args.base_url) if args.base_url else None
    jobs: list[tuple[DiagramRequest, Path]] = []
    if args.split is not None:
        fmt = args.format or "svg"
        jobs.append(
            (
                DiagramRequest("overview", indicators=args.indicators, register=args.register),
                args.split / f"{OVERVIEW_NAME}.{fmt}",
            )
        )
        for principle in project.of_kind("principle"):
            if project.by_id.get(principle.id) is principle:
                request = DiagramRequest("principle", principle.id, indicators=args.indicators, register=args.register)
                jobs.append((request, args.split / f"{principle.id}.{fmt}"))
    else:
        output = Path(args.output)
        _format_of(output)
        jobs.append((_requests(args), output))
    alternatives = []
    # One project graph for every diagram; the drawings made side by side, a few graphviz processes.
    graphs = ProjectGraphs(project, as_of)
    sources = []
    for request, _target in jobs:
        try:
            graph = make_graph(project, request, as_of, graphs)
        except DiagramError as exc:
            raise UsageError(str(exc)) from None
        try:
            sources.append(graph_dot(graph, url_for))
        except RenderError as exc:  # a principle's outline needs graphviz to measure its boxes
            sys.stderr.write(error_line("graph", str(exc)))
            return 1
        alternatives.append(to_markdown(entries(graph)))
    drawings: list[bytes | RenderError | None] = [None] * len(jobs)
    drawn = [i for i, (_request, path) in enumerate(jobs) if _format_of(path) != "dot"]
    if drawn:
        fmt = _format_of(jobs[drawn[0]][1])
        for index, data in zip(drawn, render_many([sources[i] for i in drawn], fmt, jobs=2), strict=True):
            drawings[index] = data
    for (request, path), source, data in zip(jobs, sources, drawings, strict=True):
        try:
            if isinstance(data, RenderError):
                raise data
            _write(source, data, path, _format_of(path), request)
        except RenderError as exc:
            sys.stderr.write(error_line("graph", str(exc)))
            return 1
    if args.text:
        Path(args.text).write_text("\n".join(alternatives), encoding="utf-8")  # OSError: main reports it
    return 0


def _write(source: str, data: bytes | None, path: Path, fmt: str, request: DiagramRequest) -> None:
    """Write one diagram (DOT ``source``, or its drawing ``data``) and say how large it is on an A4 landscape page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "dot" or data is None:
        path.write_text(source, encoding="utf-8")
        print(_("wrote {path}").format(path=path))
        return
    path.write_bytes(data)
    if fmt != "svg":
        print(_("wrote {path}").format(path=path))
        return
    fit = svg_fit(data)
    print(_("wrote {path} ({size})").format(path=path, size=fit.describe()))
    if fit.smallest_text < LEGIBLE_POINTS and request.view in ("full", "neighbourhood"):
        message = _(
            "note: printed on A4 landscape, this diagram's text would be {size} pt; "
            "for paper use --overview, --principle ID or --split DIR"
        )
        print(message.format(size=f"{fit.smallest_text:.1f}"), file=sys.stderr)
