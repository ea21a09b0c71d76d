"""The diagrams of a build, drawn in bulk: cut from one project graph, drawn by a few graphviz processes.

When writing starts, the diagrams of the pages to be written are cut from the
project graph (built once, see :class:`civitrace.graph.ProjectGraphs`), turned
into DOT, and those not yet in the cache (keyed by DOT source, format and
graphviz version, see :mod:`civitrace.graph.render`) are drawn in the
background by a few graphviz processes, each over many graphs, while Sphinx
writes the pages; a page waits only for its own drawings. The objects' own
diagrams are prepared a window ahead of the page being written, so the build
never holds every diagram at once. Links are written with a placeholder
scheme, so one drawing serves every page that shows it.
"""

from __future__ import annotations

import weakref
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..graph import DiagramError, DiagramRequest, RenderError, graph_dot, make_graph, render_cached, render_many_cached
from ..graph.render import cached_path
from ..i18n import _
from . import incremental
from .build_date import build_date
from .domain import CivitraceDomain, DiagramSpec, civitrace_domain
from .paper import is_paper

#: Links in a drawing are written with this scheme, then rewritten for where the SVG is shown.
LINK_SCHEME = "civitrace-object:"
#: Kinds whose page shows its own neighbourhood diagram.
OBJECT_GRAPH_KINDS = ("recommendation", "measure")
#: Diagrams of more nodes than this are drawn each by its own graphviz process, first.
LARGE_DIAGRAM = 200
#: Small diagrams drawn by one graphviz process (small enough that the first pages need not wait long).
BATCH = 100
#: Object diagrams sent to graphviz ahead of the page being written (a few batches per graphviz process).
AHEAD = 4 * BATCH


@dataclass
class Prepared:
    """One diagram ready to show: its graph, its DOT source and its drawing (or why there is none).

    ``pending`` is the batch drawing it in the background, when the bulk pass started one,
    and ``position`` its place in that batch. Once the bulk pass has sent a diagram to be
    drawn (or found it drawn), its graph and source are let go (``None``): a site of
    thousands of diagrams holds one page's graphs at a time, not all of them, and the
    page cuts its graphs again from the project graph (see :func:`graph_of`).
    """

    graph: Any | None
    source: str | None
    drawing: Path | RenderError | None = None
    pending: Future | None = None
    position: int = 0


#: Per build: (spec, format) -> the prepared diagram, or the DiagramError it gave.
prepared_diagrams: weakref.WeakKeyDictionary[Sphinx, dict[tuple[DiagramSpec, str], Prepared | DiagramError]] = (
    weakref.WeakKeyDictionary()
)
#: Per build: the documents read in this build (written again, with their diagrams).
_read_now: weakref.WeakKeyDictionary[Sphinx, set[str]] = weakref.WeakKeyDictionary()


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _read_now[app] = set(docnames)


def drawing_format(app: Sphinx) -> str | None:
    """What the site's pages inline (SVG), or None for builders drawing otherwise (paper, text)."""
    # On paper (print_figure) each diagram is drawn without links, by the page itself.
    return "svg" if app.builder.format == "html" and not is_paper(app.builder) else None


def cache_dir(app: Sphinx, fmt: str) -> Path:
    """Where drawings are kept between builds: beside the doctrees (they are read into the pages)."""
    return Path(app.doctreedir) / "civitrace-graphs"


def prepare(app: Sphinx, domain: CivitraceDomain, spec: DiagramSpec, fmt: str) -> Prepared | DiagramError:
    """Cut a diagram from the project graph and write its DOT source (each spec once per build)."""
    table = prepared_diagrams.setdefault(app, {})
    found = table.get((spec, fmt))
    if found is None:
        try:
            graph = _cut(app, domain, spec)
        except DiagramError as exc:
            found = exc
        else:
            memo = domain.graphs(domain.as_of or build_date(app)).memos.setdefault(fmt, {})
            found = Prepared(graph, graph_dot(graph, _placeholder_link if fmt == "svg" else None, memo=memo))
        table[(spec, fmt)] = found
    return found


def _cut(app: Sphinx, domain: CivitraceDomain, spec: DiagramSpec) -> Any:
    """The graph of a diagram, cut from the project graph (the whole project's is shared, not copied)."""
    as_of = domain.as_of or build_date(app)
    graphs = domain.graphs(as_of)
    return make_graph(graphs.project, DiagramRequest(*spec), as_of, graphs, shared=True)


def graph_of(app: Sphinx, domain: CivitraceDomain, spec: DiagramSpec, prepared: Prepared) -> Any:
    """The graph of a prepared diagram, cut again when the bulk pass let it go (never modify it)."""
    return prepared.graph if prepared.graph is not None else _cut(app, domain, spec)


def _placeholder_link(node_id: str, attrs: dict) -> str | None:
    """Links are written with a placeholder, rewritten for each page: one drawing serves every page."""
    return f"{LINK_SCHEME}{node_id}" if attrs.get("docname") else None


class _Bulk:
    """The drawing of one build's diagrams, kept a window ahead of the page being written.

    The diagrams the pages' directives ask for are sent first (the large ones each
    to its own process); the objects' own diagrams follow, page by page, only so
    far ahead of the page being written (:data:`AHEAD`): graphviz is kept busy
    while the build holds the DOT sources of a few hundred diagrams, not of all.
    """

    def __init__(self, app: Sphinx, domain: CivitraceDomain, fmt: str, pages: list[str]) -> None:
        self.app, self.domain, self.fmt = app, domain, fmt
        self.folder = cache_dir(app, fmt)
        self.pages = deque(pages)  # pages whose object diagrams are not prepared yet, in writing order
        self.ahead: deque[tuple[str, int]] = deque()  # pages prepared and not written yet, with diagrams sent
        self.count = 0  # diagrams sent for the pages ahead
        self.small: list[tuple[Prepared, str]] = []  # sources waiting for a full batch
        self.waiting: set[str] = set()  # pages with a diagram among them
        self.pool: ThreadPoolExecutor | None = None
        large: list[tuple[Prepared, str]] = []
        for docname in pages:
            for spec in domain.data["diagrams"].get(docname, ()):
                self._queue(docname, spec, large)
        for item in large:
            self._submit([item])
        self.advance(None)

    def _queue(self, docname: str, spec: DiagramSpec, large: list[tuple[Prepared, str]] | None = None) -> int:
        """Prepare one diagram and send it to be drawn unless it is in the cache; 1 when sent."""
        prepared = prepare(self.app, self.domain, spec, self.fmt)
        if isinstance(prepared, DiagramError) or prepared.drawing is not None or prepared.pending is not None:
            return 0
        assert prepared.source is not None and prepared.graph is not None  # just prepared
        sent = 0
        path = cached_path(prepared.source, self.fmt, self.folder)
        if path.is_file():
            prepared.drawing = path
        else:
            prepared.pending = Future()  # a placeholder until its batch is submitted
            if large is not None and len(prepared.graph) > LARGE_DIAGRAM:
                large.append((prepared, prepared.source))
            else:
                self.small.append((prepared, prepared.source))
                self.waiting.add(docname)
                if len(self.small) >= BATCH:
                    self.flush()
            sent = 1
        # The page cuts its graph again when written; the batch keeps the source until drawn.
        prepared.graph = prepared.source = None
        return sent

    def _submit(self, batch: list[tuple[Prepared, str]]) -> None:
        if self.pool is None:
            workers = max(2, getattr(self.app, "parallel", 1) or 1)
            self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="civitrace-dot")
        future = self.pool.submit(render_many_cached, [source for _, source in batch], self.fmt, self.folder)
        for position, (prepared, _source) in enumerate(batch):
            prepared.pending, prepared.position = future, position

    def flush(self) -> None:
        """Send the diagrams waiting for a full batch."""
        if self.small:
            self._submit(self.small)
        self.small, self.waiting = [], set()

    def _prepare_page(self, docname: str) -> None:
        sent = 0
        if self.app.config.civitrace_object_graphs:
            for place in self.domain.data["objects"].get(docname, ()):
                if place.obj.kind in OBJECT_GRAPH_KINDS:
                    sent += self._queue(docname, ("neighbourhood", place.obj.id, 1, False, False))
        self.ahead.append((docname, sent))
        self.count += sent

    def advance(self, docname: str | None) -> None:
        """``docname`` is being written: its diagrams are sent now, and those of the pages a window ahead."""
        if docname is not None:
            while self.pages and self.pages[0] <= docname:  # not reached yet (pages are written in order)
                page = self.pages.popleft()
                if page == docname:
                    self._prepare_page(page)
            if docname in self.waiting:
                self.flush()
            while self.ahead and self.ahead[0][0] <= docname:  # written (or never to be)
                self.count -= self.ahead.popleft()[1]
        while self.pages and self.count < AHEAD:
            self._prepare_page(self.pages.popleft())
        if not self.pages:
            self.flush()
            if self.pool is not None:
                self.pool.shutdown(wait=False)  # the threads end with their batches; pages wait on their futures
                self.pool = None


#: Per build: the bulk drawing of the diagrams of the pages being written.
_bulks: weakref.WeakKeyDictionary[Sphinx, _Bulk] = weakref.WeakKeyDictionary()


def draw_in_bulk(app: Sphinx, builder: Any) -> None:
    """When writing starts: draw in the background the diagrams of the pages to be written not in the cache.

    Graphviz runs in a few processes while Sphinx writes the pages; a page waits
    only for its own diagrams (see :class:`_Bulk`; :func:`advance` moves it on).
    """
    fmt = drawing_format(app)
    prepared_diagrams[app] = {}
    _bulks.pop(app, None)
    if fmt is None:
        return
    pages = (_read_now.get(app, set()) | incremental.rewritten(app)) & set(app.env.found_docs)
    _bulks[app] = _Bulk(app, civitrace_domain(app.env), fmt, sorted(pages))


def advance(app: Sphinx, docname: str) -> None:
    """A page is being written: send its diagrams to graphviz if not yet, and those of the next pages."""
    bulk = _bulks.get(app)
    if bulk is not None:
        bulk.advance(docname)


def drawing(app: Sphinx, prepared: Prepared, fmt: str) -> Path:
    """The drawing of a prepared diagram, drawn now if the bulk pass did not (raises RenderError)."""
    if prepared.drawing is None and prepared.pending is not None:
        try:
            prepared.drawing = prepared.pending.result()[prepared.position]
        except OSError as exc:  # the cache folder could not be written
            prepared.drawing = RenderError(_("cannot write the drawing: {error}").format(error=exc))
    if prepared.drawing is None and prepared.source is not None:
        try:
            prepared.drawing = render_cached(prepared.source, fmt, cache_dir(app, fmt))
        except RenderError as exc:
            prepared.drawing = exc
    if prepared.drawing is None:
        prepared.drawing = RenderError(_("graphviz drew nothing"))
    if isinstance(prepared.drawing, RenderError):
        raise prepared.drawing
    prepared.pending = None  # the batch (and its sources) can go
    return prepared.drawing
