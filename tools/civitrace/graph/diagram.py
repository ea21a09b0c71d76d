"""What to draw, in one request, from a project to DOT source.

A request names a view: the ``full`` project, the aggregated ``overview``,
one ``principle`` with what answers it, or the ``neighbourhood`` of one
object. The CLI and the Sphinx directive both go through :func:`diagram_dot`.

The graph of the whole project is built once per model and date
(:class:`ProjectGraphs`) and every view is cut from it, so a site drawing one
small diagram per object costs the objects plus the diagrams' sizes, never
objects × diagrams.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from ..i18n import _
from ..model import Project
from ..vocabulary import kind_name
from .aggregate import overview_graph
from .build import build_graph, neighbourhood, principle_view
from .dot import to_dot
from .links import UrlFor

VIEWS = ("full", "overview", "principle", "neighbourhood")


class DiagramError(ValueError):
    """A request that cannot be drawn (an unknown root, a principle ID that is not a principle)."""


@dataclass(frozen=True)
class DiagramRequest:
    """What to draw. ``root`` is the object of a neighbourhood or the principle of a principle's view."""

    view: str = "full"
    root: str | None = None
    depth: int = 1
    indicators: bool = False
    register: bool = False  # the AI systems after the measures that carry them


class ProjectGraphs:
    """The graphs of one project at one date, built on first use and kept: views are cut from them.

    The project must not change while this is in use (a :class:`Project` never does).
    """

    def __init__(self, project: Project, as_of: dt.date) -> None:
        self.project = project
        self.as_of = as_of
        self._full: dict[tuple[bool, bool], nx.DiGraph] = {}
        self._overview: dict[tuple[bool, bool], nx.DiGraph] = {}
        #: Memos for :func:`graph_dot`, one per way of writing links (see :func:`.dot.to_dot`).
        self.memos: dict[str, dict] = {}

    def full(self, indicators: bool = False, register: bool = False) -> nx.DiGraph:
        """The whole project's graph (with indicators, AI systems if asked); shared, so never modify it."""
        found = self._full.get((indicators, register))
        if found is None:
            found = build_graph(self.project, self.as_of, indicators=indicators, register=register)
            self._full[(indicators, register)] = found
        return found

    def overview(self, indicators: bool = False, register: bool = False) -> nx.DiGraph:
        """The aggregated overview (principles and axes), from the full graph with the same options."""
        found = self._overview.get((indicators, register))
        if found is None:
            found = self._overview[(indicators, register)] = overview_graph(self.full(indicators, register))
        return found


def make_graph(
    project: Project,
    request: DiagramRequest,
    as_of: dt.date,
    graphs: ProjectGraphs | None = None,
    *,
    shared: bool = False,
) -> nx.DiGraph:
    """The graph of a request; raises :class:`DiagramError` when the root does not fit the view.

    Pass the same ``graphs`` for many requests on one project: its graph is then built once.
    The result is the caller's own copy, unless ``shared``: then the ``full`` and ``overview``
    views are the graphs kept in ``graphs`` (no copy of the whole project; never modify them).
    """
    if request.view not in VIEWS:
        raise DiagramError(
            _("unknown view '{view}' (expected one of: {views})").format(view=request.view, views=", ".join(VIEWS))
        )
    if request.depth < 0:
        raise DiagramError(_("depth must be 0 or more"))
    if graphs is None or graphs.project is not project or graphs.as_of != as_of:
        graphs = ProjectGraphs(project, as_of)
    indicators = request.indicators or (request.view == "neighbourhood" and _kind(project, request.root) == "indicator")
    register = request.register or (request.view == "neighbourhood" and _kind(project, request.root) == "ai-system")
    if request.view == "overview":
        overview = graphs.overview(indicators, register)
        return overview if shared else overview.copy()
    full = graphs.full(indicators, register)
    if request.view == "full":
        return full if shared else full.copy()
    if not request.root:
        raise DiagramError(_("the '{view}' view needs an object ID").format(view=request.view))
    if request.root not in full:
        known = project.by_id.get(request.root)
        if known is None:
            raise DiagramError(_("unknown ID '{id}'").format(id=request.root))
        raise DiagramError(
            _("'{id}' ({kind}) is not drawn in diagrams").format(id=request.root, kind=kind_name(known.kind))
        )
    if request.view == "principle":
        if full.nodes[request.root]["kind"] != "principle":
            raise DiagramError(_("'{id}' is not a principle").format(id=request.root))
        return principle_view(full, request.root)
    return neighbourhood(full, request.root, request.depth)


def _kind(project: Project, object_id: str | None) -> str | None:
    obj = project.by_id.get(object_id or "")
    return obj.kind if obj else None


def graph_dot(graph: nx.DiGraph, url_for: UrlFor | None = None, fit: bool = True, memo: dict | None = None) -> str:
    """DOT source for a graph; a principle's view is fitted to an A4 landscape page unless ``fit`` is false.

    ``memo``: see :func:`.dot.to_dot` (one dict per project graph and ``url_for``).
    """
    # A principle's view fits itself to the page (see outline.best_columns); ``fit=False`` keeps one column.
    return to_dot(graph, url_for, columns=None if fit else 1, memo=memo)


def diagram_dot(
    project: Project,
    request: DiagramRequest,
    as_of: dt.date,
    url_for: UrlFor | None = None,
    fit: bool = True,
) -> str:
    """DOT source for a request."""
    return graph_dot(make_graph(project, request, as_of), url_for, fit)
