"""Fill every placeholder of a page from the whole model, at ``doctree-resolved``.

This runs when a page is written, for every builder, after all documents are
read: back-links, lateness, the matrix and the summary always show the
current state of the project (see :mod:`.incremental` for which pages are
rewritten when it changes).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from . import nodes as trace_nodes
from . import render_object, render_register, render_tables
from .page_context import PageContext


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the civitrace placeholders of one page."""
    placeholders = list(doctree.findall(lambda n: isinstance(n, trace_nodes.PLACEHOLDERS)))
    if not placeholders:
        return
    ctx = PageContext.for_page(app, docname)
    for node in placeholders:
        content = _render(ctx, node)
        for table in (t for part in content for t in part.findall(nodes.table) if not t["ids"]):
            # a titled table is numbered like a figure, and Sphinx wants it to have an ID
            doctree.set_id(table, suggested_prefix="civitrace-table")
        _replace(node, content)


def _render(ctx: PageContext, node: nodes.Element) -> list[nodes.Node]:
    if isinstance(node, trace_nodes.TraceMatrix):
        return render_tables.matrix(ctx)
    if isinstance(node, trace_nodes.TraceSummary):
        return render_tables.summary(ctx)
    if isinstance(node, trace_nodes.TraceRegister):
        return render_register.register_table(ctx)
    place = ctx.domain.at(node["docname"], node["anchor"])
    if place is None:
        return []
    if isinstance(node, trace_nodes.TraceLateFlag):
        return render_object.late_flag(ctx, place.obj)
    if place.obj.kind == "recommendation" and not ctx.project.is_covered(place.obj.id):
        _mark_box(node, "civitrace-uncovered")
    return render_object.backlinks(ctx, place.obj)


def _mark_box(node: nodes.Element, css_class: str) -> None:
    """Add a class to the object's box, so a theme can style uncovered recommendations."""
    box = node.parent
    if isinstance(box, nodes.admonition) and css_class not in box["classes"]:
        box["classes"].append(css_class)


def _replace(node: nodes.Element, content: list[nodes.Node]) -> None:
    if content:
        node.replace_self(content)
    else:
        node.parent.remove(node)


def setup(app: Sphinx) -> None:
    """Resolve placeholders on every page a builder writes."""
    app.connect("doctree-resolved", resolve_placeholders)
