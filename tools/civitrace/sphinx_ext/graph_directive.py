"""``{trace-graph}``: the traceability diagram in the site, and a small one on every object page.

The directive only records what to draw; the drawing is made at
``doctree-resolved`` from the whole model, like the matrix, so it always shows
the current project. Per builder:

- HTML: the SVG is inlined, so every node is a real link to its object's page
  and shows its full title on hover; a toolbar zooms, a drag pans, and
  "Ouvrir en plein écran" opens the SVG file alone (its links rebased);
- the PDF (``civitrace-pdf`` builder, :mod:`.print_figure`): the SVG as an image
  with its alternative text, sized for an A4 page, landscape when much larger;
- any other builder: the text alternative only.

Every diagram is followed by its text alternative (a nested list with links).
Recommendation and measure pages get their own neighbourhood diagram without
any writing, unless ``civitrace_object_graphs = False`` in ``conf.py``.
"""

from __future__ import annotations

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
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from ..graph import DiagramError, DiagramRequest, RenderError, graph_dot, make_graph, render_cached
from ..graph.render import digest
from ..graph.text_alternative import Entry, entries
from .build_date import build_date
from .domain import CivitraceDomain, civitrace_domain
from .paper import is_paper
from .print_figure import print_figure

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "static" / "graph"
CSS_FILE = "civitrace-graph.css"
JS_FILE = "civitrace-graph.js"
#: Links in a drawing are written with this scheme, then rewritten for where the SVG is shown.
LINK_SCHEME = "civitrace-object:"
#: Kinds whose page shows its own neighbourhood diagram.
OBJECT_GRAPH_KINDS = ("recommendation", "measure")
TEXT_HEADING = "Version texte du schéma"
FULL_SCREEN = "Ouvrir en plein écran"
_HREF = re.compile(r'xlink:href="' + re.escape(LINK_SCHEME) + r'([^"]*)"')
_LINK_TITLE = re.compile(r'(<a\b[^>]*?xlink:title="([^"]*)"[^>]*>)')
_SVG_ID = re.compile(r'\bid="([^"]*)"')


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
        civitrace_domain(self.env).note_dependent(self.env.docname)
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
    placeholders = list(doctree.findall(TraceGraph))
    if not placeholders:
        return
    domain = civitrace_domain(app.env)
    as_of = domain.as_of or build_date(app)
    project = domain.project()
    for index, node in enumerate(placeholders):
        if node["auto"] and is_paper(app.builder):
            node.parent.remove(node)  # on paper, an object's links are already written out
            continue
        request = DiagramRequest(
            node["view"], node["root"], node["depth"], node["indicators"], node.get("register", False)
        )
        try:
            graph = make_graph(project, request, as_of)
        except DiagramError as exc:
            logger.warning(f"trace-graph: {exc}", location=node, type="civitrace", subtype="graph")
            node.replace_self(nodes.paragraph("", f"Schéma impossible à dessiner : {exc}"))
            continue
        content: list[nodes.Node] = []
        try:
            if is_paper(app.builder) and app.builder.format == "html":
                content.append(print_figure(app, graph, node["caption"] or _default_caption(graph)))
            elif app.builder.format == "html":
                content.append(_html_figure(app, domain, graph, docname, node, index))
        except RenderError as exc:
            logger.warning(f"trace-graph: {exc}", location=node, type="civitrace", subtype="graph")
        content.extend(_text_version(app, domain, graph, docname, node, bool(content)))
        node.replace_self(content)


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
    app: Sphinx, domain: CivitraceDomain, graph: Any, docname: str, node: TraceGraph, index: int
) -> nodes.raw:
    """The inline SVG with its toolbar, and the full-size SVG file beside the page."""
    source = graph_dot(graph, lambda node_id, attrs: f"{LINK_SCHEME}{node_id}" if attrs.get("docname") else None)
    drawing = render_cached(source, "svg", Path(app.doctreedir) / "civitrace-graphs").read_text(encoding="utf-8")

    # The file opened "full screen" sits in _images/: its links go from there.
    image_dir = Path(app.builder.outdir) / app.builder.imagedir
    name = f"trace-{digest(source, 'svg')}.svg"
    page_uri = app.builder.get_target_uri(docname)
    standalone = _with_links(drawing, lambda object_id: _uri_from_images(app, domain, object_id))
    image_dir.mkdir(parents=True, exist_ok=True)
    if not (image_dir / name).is_file():
        (image_dir / name).write_text(standalone, encoding="utf-8")
    full_size = relative_uri(page_uri, f"{app.builder.imagedir}/{name}")

    inline = _with_links(drawing, lambda object_id: _object_url(app, domain, docname, object_id))
    inline = _inline_svg(inline, prefix=f"civitrace-g{index}-")
    caption = node["caption"] or _default_caption(graph)
    classes = "civitrace-graph" + (" civitrace-graph-object" if node["auto"] else "")
    markup = (
        f'<figure class="{classes}" data-civitrace-view="{html.escape(str(graph.graph.get("view")))}">'
        '<div class="civitrace-graph-toolbar" hidden>'
        '<button type="button" data-civitrace-zoom="in" aria-label="Agrandir le schéma">+</button>'
        '<button type="button" data-civitrace-zoom="out" aria-label="Réduire le schéma">−</button>'
        '<button type="button" data-civitrace-zoom="fit">Ajuster</button>'
        "</div>"
        f'<div class="civitrace-graph-viewport">{inline}</div>'
        f'<figcaption>{html.escape(caption)} — <a class="civitrace-graph-full" href="{html.escape(full_size)}" '
        f'target="_blank" rel="noopener">{FULL_SCREEN}</a></figcaption>'
        "</figure>"
    )
    return nodes.raw("", markup, format="html")


def _uri_from_images(app: Sphinx, domain: CivitraceDomain, object_id: str) -> str | None:
    place = domain.locate(object_id)
    if place is None:
        return None
    try:
        target = app.builder.get_target_uri(place.docname)
    except NoUri:
        return None
    return f"{relative_uri(app.builder.imagedir + '/x.svg', target)}#{place.anchor}"


def _with_links(svg: str, url_of: Any) -> str:
    """Rewrite the placeholder links of a drawing; an object without a page loses its link."""

    def replace(match: re.Match[str]) -> str:
        url = url_of(html.unescape(match.group(1)))
        return f'xlink:href="{html.escape(url, quote=True)}"' if url else 'xlink:href="#"'

    svg = _HREF.sub(replace, svg)
    # A <title> inside each link is the tooltip browsers show on hover, over the node's own <title> (its ID).
    return _LINK_TITLE.sub(lambda m: f"{m.group(1)}<title>{m.group(2)}</title>", svg)


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG document made fit for inlining: no XML prolog or doctype, ids unique in the page."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = _SVG_ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    return svg.replace("<svg ", '<svg class="civitrace-graph-svg" role="img" aria-label="Schéma de traçabilité" ', 1)


def _default_caption(graph: Any) -> str:
    view, root = graph.graph.get("view"), graph.graph.get("root")
    if view == "overview":
        return "Vue d'ensemble : principes de l'avis et axes de la stratégie"
    if view == "principle":
        return f"Le principe {root}, ses recommandations et les mesures qui y répondent"
    if view == "neighbourhood":
        return f"Autour de {root}"
    return "Schéma de traçabilité"


def _text_version(
    app: Sphinx, domain: CivitraceDomain, graph: Any, docname: str, node: TraceGraph, has_drawing: bool
) -> list[nodes.Node]:
    """The text alternative: a nested list with links, folded under the drawing in HTML."""
    items = _bullets(app, domain, entries(graph), docname)
    container = nodes.container(classes=["civitrace-graph-text"])
    if not is_paper(app.builder) and has_drawing:
        opening = f'<details class="civitrace-graph-text"><summary>{TEXT_HEADING}</summary>'
        container += items
        return [nodes.raw("", opening, format="html"), container, nodes.raw("", "</details>", format="html")]
    container += nodes.rubric("", TEXT_HEADING)
    container += items
    return [container]


def _bullets(app: Sphinx, domain: CivitraceDomain, items: list[Entry], docname: str) -> nodes.bullet_list:
    bullets = nodes.bullet_list()
    for item in items:
        paragraph = nodes.paragraph()
        place = domain.locate(item.node) if item.node else None
        link = None
        if place is not None:
            try:
                link = make_refnode(
                    app.builder, docname, place.docname, place.anchor, nodes.inline(item.text, item.text)
                )
            except NoUri:
                link = None
        paragraph += link if link is not None else nodes.Text(item.text)
        entry = nodes.list_item("", paragraph)
        if item.children:
            entry += _bullets(app, domain, item.children, docname)
        bullets += entry
    return bullets


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
    app.add_directive("trace-graph", TraceGraphDirective)
    app.add_css_file(CSS_FILE)
    app.add_js_file(JS_FILE, defer="defer")
    app.connect("config-inited", _on_config_inited)
    app.connect("doctree-read", add_object_graphs)
    app.connect("doctree-resolved", resolve_graphs)
