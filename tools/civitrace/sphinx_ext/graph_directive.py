"""``{trace-graph}``: the traceability diagram in the site, and a small one on every object page.

The directive only records what to draw; the drawing is made at
``doctree-resolved`` from the whole model, like the matrix, so it always shows
the current project. Per builder:

- HTML: the SVG is inlined, so every node is a real link to its object's page
  and shows its full title on hover; a toolbar zooms, a drag pans, and
  "Open full screen" opens the SVG file alone (its links rebased);
- the PDF (``civitrace-pdf`` builder, :mod:`.print_figure`): the SVG as an image
  with its alternative text, sized for an A4 page, landscape when much larger;
- any other builder: the text alternative only.

Every diagram is followed by its text alternative (a nested list with links).
Recommendation and measure pages get their own neighbourhood diagram without
any writing, unless ``civitrace_object_graphs = False`` in ``conf.py``.

Drawing is done in bulk (see :mod:`.graph_drawings`): when writing starts,
the diagrams of every page to be written are cut from the one project graph
and those not in the cache are drawn by a few graphviz processes while the
pages are written. Pages then only read the drawings.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..graph import DiagramError, RenderError
from ..graph.describe import diagram_name
from ..i18n import N_, _
from . import graph_markup
from .domain import CivitraceDomain, DiagramSpec, civitrace_domain
from .drawn_markup import DrawnFigure, splice_written_pages, visit_drawn_figure
from .graph_drawings import (
    LINK_SCHEME,
    OBJECT_GRAPH_KINDS,
    Prepared,
    advance,
    draw_in_bulk,
    drawing,
    drawing_format,
    graph_of,
    note_read,
    prepare,
    prepared_diagrams,
)
from .paper import is_paper
from .print_figure import print_figure
from .text_version import TextVersionMarkup, figure_prefix, text_version

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "static" / "graph"
CSS_FILE = "civitrace-graph.css"
JS_FILE = "civitrace-graph.js"
FULL_SCREEN = N_("Open full screen")
# Drawings are handled as UTF-8 bytes (see _html_figure).
_HREF = re.compile(rb'xlink:href="' + re.escape(LINK_SCHEME.encode()) + rb'([^"]*)"')
_LINK_TITLE = re.compile(rb'(<a\b[^>]*?xlink:title="([^"]*)"[^>]*>)')
#: What inlining rewrites: the prolog, a placeholder link, an id, a graphviz group (see :func:`_inline_svg`).
_INLINE = re.compile(
    rb"(?s:\A.*?<svg )|" + _HREF.pattern + rb'|\bid="([^"]*)"|' + graph_markup.GRAPHVIZ_GROUP.pattern.encode()
)


class TraceGraph(nodes.General, nodes.Element):
    """Where a diagram goes; filled at ``doctree-resolved``."""


class TraceGraphDirective(SphinxDirective):
    """``{trace-graph}`` with ``:root: ID`` and ``:depth: N``, or ``:overview:``, or ``:principle: ID``."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {
        "root": directives.unchanged_required,
        "depth": directives.nonnegative_int,
        "overview": directives.flag,
        "principle": directives.unchanged_required,
        "indicators": directives.flag,
        "register": directives.flag,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        chosen = [name for name in ("root", "overview", "principle") if name in self.options]
        if len(chosen) > 1:
            logger.warning(
                f"trace-graph: choose one of :root:, :overview: and :principle: (got {', '.join(chosen)})",
                location=self.get_location(),
                type="civitrace",
                subtype="graph",
            )
        if "overview" in self.options:
            view, root = "overview", None
        elif "principle" in self.options:
            view, root = "principle", self.options["principle"].strip()
        elif "root" in self.options:
            view, root = "neighbourhood", self.options["root"].strip()
        else:
            view, root = "full", None
        domain = civitrace_domain(self.env)
        options = self.options
        domain.note_diagram(
            self.env.docname, (view, root, options.get("depth", 1), "indicators" in options, "register" in options)
        )
        if view in ("full", "overview"):
            domain.note_whole(self.env.docname)
        node = TraceGraph(
            view=view,
            root=root,
            depth=self.options.get("depth", 1),
            indicators="indicators" in self.options,
            register="register" in self.options,
            caption=self.options.get("caption", ""),
            auto=False,
        )
        self.set_source_info(node)
        return [node]


# -- object pages: a neighbourhood diagram without writing -------------------------------------


def add_object_graphs(app: Sphinx, doctree: nodes.document) -> None:
    """After reading a page, put a neighbourhood diagram at the end of each recommendation and measure box."""
    if not app.config.civitrace_object_graphs:
        return
    domain = civitrace_domain(app.env)
    for place in domain.data["objects"].get(app.env.docname, []):
        if place.obj.kind not in OBJECT_GRAPH_KINDS:
            continue
        box = _box_of(doctree, place.anchor)
        if box is not None:
            box += TraceGraph(view="neighbourhood", root=place.obj.id, depth=1, indicators=False, caption="", auto=True)


def _box_of(doctree: nodes.document, anchor: str) -> nodes.Element | None:
    """The box of an object (see ``render_block.object_block``): it carries the anchor once targets are propagated."""
    holder = doctree.ids.get(anchor)
    if isinstance(holder, nodes.target):  # not propagated (yet): the box follows its target
        holder = holder.next_node(descend=False, siblings=True)
    return holder if isinstance(holder, nodes.admonition) else None


# -- drawing, when a page is written -------------------------------------------------------------


def resolve_graphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each diagram placeholder of a page with the drawing for this builder and its text version."""
    advance(app, docname)  # (every page moves the bulk drawing on, with diagrams or not)
    placeholders = list(doctree.findall(TraceGraph))
    if not placeholders:
        return
    domain = civitrace_domain(app.env)
    fmt = drawing_format(app)
    for index, node in enumerate(placeholders):
        if node["auto"] and is_paper(app.builder):
            node.parent.remove(node)  # on paper, an object's links are already written out
            continue
        spec: DiagramSpec = (node["view"], node["root"], node["depth"], node["indicators"], node.get("register", False))
        prepared = prepare(app, domain, spec, fmt or "svg")
        if isinstance(prepared, DiagramError):
            exc = prepared
            logger.warning(f"trace-graph: {exc}", location=node, type="civitrace", subtype="graph")
            node.replace_self(nodes.paragraph("", _("The diagram cannot be drawn: {error}").format(error=exc)))
            continue
        graph = graph_of(app, domain, spec, prepared)
        content: list[nodes.Node] = []
        try:
            if is_paper(app.builder) and app.builder.format == "html":
                content.append(print_figure(app, graph, node["caption"] or _default_caption(graph)))
            elif app.builder.format == "html":
                content.append(_html_figure(app, domain, prepared, graph, docname, node, index))
        except RenderError as exc:
            logger.warning(f"trace-graph: {exc}", location=node, type="civitrace", subtype="graph")
        content.extend(text_version(app, domain, graph, docname, bool(content), index))
        node.replace_self(content)
        if node["auto"]:
            # An object's own diagram is shown on its page only: let it go once written.
            prepared_diagrams.get(app, {}).pop((spec, fmt or "svg"), None)


def _object_url(app: Sphinx, domain: CivitraceDomain, docname: str, object_id: str) -> str | None:
    """The URL of an object's block, from the page ``docname``."""
    place = domain.locate(object_id)
    if place is None:
        return None
    try:
        return f"{app.builder.get_relative_uri(docname, place.docname)}#{place.anchor}"
    except NoUri:
        return None


def _html_figure(
    app: Sphinx,
    domain: CivitraceDomain,
    prepared: Prepared,
    graph: Any,
    docname: str,
    node: TraceGraph,
    index: int,
) -> DrawnFigure:
    """The inline SVG with its toolbar, and the full-size SVG file beside the page."""
    # The whole project's drawing is megabytes: it stays UTF-8 bytes (half the size of its text,
    # which holds dashes) until the page is finished, and each step lets the last copy go.
    svg = _LINK_TITLE.sub(rb"\1<title>\2</title>", drawing(app, prepared, "svg").read_bytes())
    full_size = _full_size_file(app, domain, svg, docname)
    prefix = figure_prefix(index)
    name = diagram_name(graph)
    inline = _inline_svg(svg, prefix, name, lambda object_id: _object_url(app, domain, docname, object_id))
    del svg
    caption = node["caption"] or _default_caption(graph)
    classes = "civitrace-graph" + (" civitrace-graph-object" if node["auto"] else "")
    view = str(graph.graph.get("view"))
    head, tail = graph_markup.figure(classes, view, prefix, name, caption, full_size, _(FULL_SCREEN))
    return DrawnFigure("", markup=(head, inline, tail))


def _full_size_file(app: Sphinx, domain: CivitraceDomain, svg: bytes, docname: str) -> str:
    """Write the SVG file opened "full screen" (if not there yet); return its URI from the page.

    It sits in _images/: its links go from there. It is named after what it holds,
    links included, so an object moving page gives a new file, never a stale one.
    """
    image_dir = Path(app.builder.outdir) / app.builder.imagedir
    data = _with_links(svg, lambda object_id: _uri_from_images(app, domain, object_id))
    name = f"trace-{hashlib.sha256(data).hexdigest()[:20]}.svg"
    image_dir.mkdir(parents=True, exist_ok=True)
    if not (image_dir / name).is_file():
        (image_dir / name).write_bytes(data)
    return relative_uri(app.builder.get_target_uri(docname), f"{app.builder.imagedir}/{name}")


def _uri_from_images(app: Sphinx, domain: CivitraceDomain, object_id: str) -> str | None:
    place = domain.locate(object_id)
    if place is None:
        return None
    try:
        target = app.builder.get_target_uri(place.docname)
    except NoUri:
        return None
    return f"{relative_uri(app.builder.imagedir + '/x.svg', target)}#{place.anchor}"


def _link(url: str | None) -> bytes:
    """A link attribute of a drawing; an object without a page loses its link."""
    return f'xlink:href="{html.escape(url, quote=True)}"'.encode() if url else b'xlink:href="#"'


def _with_links(svg: bytes, url_of: Any) -> bytes:
    """Rewrite the placeholder links of a drawing."""
    written: dict[bytes, bytes] = {}  # an object is linked from its node and its edges' ends: look it up once

    def replace(match: re.Match[bytes]) -> bytes:
        found = written.get(match.group(1))
        if found is None:
            found = written[match.group(1)] = _link(url_of(html.unescape(match.group(1).decode())))
        return found

    return _HREF.sub(replace, svg)


def _inline_svg(svg: bytes, prefix: str, name: str, url_of: Any) -> bytes:
    """An SVG document made fit for inlining, in one pass over it.

    No XML prolog or doctype; the placeholder links point from this page; ids are
    unique in the page; the SVG is a group named ``name`` whose graphviz groups are
    presentational (see :mod:`.graph_markup`).
    """
    written: dict[bytes, bytes] = {}
    id_prefix = f'id="{prefix}'.encode()

    def replace(match: re.Match[bytes]) -> bytes:
        target, element_id = match.group(1), match.group(2)
        if target is not None:
            found = written.get(target)
            if found is None:
                found = written[target] = _link(url_of(html.unescape(target.decode())))
            return found
        if element_id is not None:
            return id_prefix + element_id + b'"'
        if match.group(0).startswith(b"<g"):
            return graph_markup.PRESENTATIONAL_GROUP.encode()
        return graph_markup.svg_opening(name).encode()  # the prolog and the opening of the <svg> element

    return _INLINE.sub(replace, svg)


def _default_caption(graph: Any) -> str:
    view, root = graph.graph.get("view"), graph.graph.get("root")
    if view == "overview":
        return _("Overview: principles of the opinion and axes of the strategy")
    if view == "principle":
        return _("The principle {id}, its recommendations and the measures responding to them").format(id=root)
    if view == "neighbourhood":
        return _("Around {id}").format(id=root)
    return _("Traceability diagram")


# -- registration -----------------------------------------------------------------------------


def _skip(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _on_config_inited(app: Sphinx, config: Any) -> None:
    try:
        static = os.path.relpath(STATIC, app.confdir)  # relative: .buildinfo stays checkout-independent
    except ValueError:  # another drive (Windows)
        static = str(STATIC)
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def setup(app: Sphinx) -> None:
    """Register ``trace-graph``, the object pages' diagrams and the zoom/pan assets."""
    app.add_config_value("civitrace_object_graphs", True, "env", [bool])
    visitors = {name: (_skip, None) for name in ("html", "latex", "text", "man", "texinfo")}
    app.add_node(TraceGraph, **visitors)
    others = {k: v for k, v in visitors.items() if k != "html"}
    app.add_node(DrawnFigure, html=(visit_drawn_figure, None), **others)
    app.add_node(TextVersionMarkup, html=(visit_drawn_figure, None), **others)
    app.add_directive("trace-graph", TraceGraphDirective)
    app.add_css_file(CSS_FILE)
    app.add_js_file(JS_FILE, defer="defer")
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", splice_written_pages)
    app.connect("doctree-read", add_object_graphs)
    app.connect("env-before-read-docs", note_read)
    app.connect("write-started", draw_in_bulk)
    app.connect("doctree-resolved", resolve_graphs)
