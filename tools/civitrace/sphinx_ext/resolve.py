"""Fill every placeholder of a page from the whole model, at ``doctree-resolved``.

This runs when a page is written, for every builder, after all documents are
read: back-links, lateness, the matrix and the summary always show the
current state of the project (see :mod:`.incremental` for which pages are
rewritten when it changes).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from . import nodes as trace_nodes
from . import render_block, render_object, render_register, render_tables
from .page_context import PageContext


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the civitrace placeholders of one page."""
    placeholders = list(doctree.findall(lambda n: isinstance(n, trace_nodes.PLACEHOLDERS)))
    if not placeholders:
        return
    ctx = PageContext.for_page(app, docname)
    # Options first: they hold placeholders of their own (a measure's late flag).
    for node in [n for n in placeholders if isinstance(n, trace_nodes.TraceOptions)]:
        place = ctx.domain.at(node["docname"], node["anchor"])
        options = render_block.option_list(place.obj, place.anchor) if place is not None else None
        if options is not None and options.children:
            _resolve_links(ctx, options)
            node.replace_self(options)
        else:
            node.parent.remove(node)
    placeholders = list(doctree.findall(lambda n: isinstance(n, trace_nodes.PLACEHOLDERS)))
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


def _resolve_links(ctx: PageContext, content: nodes.Element) -> None:
    """Resolve the ``{trace}`` links of content made after Sphinx resolved the page's own."""
    for xref in list(content.findall(pending_xref)):
        contnode = xref.children[0] if xref.children else nodes.inline("", xref["reftarget"])
        try:
            found = ctx.domain.resolve_xref(
                ctx.env, ctx.docname, ctx.builder, xref["reftype"], xref["reftarget"], xref, contnode
            )
        except NoUri:  # builders without URIs show the words only
            found = None
        xref.replace_self(found if found is not None else contnode)


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
