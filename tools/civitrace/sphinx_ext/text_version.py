"""A diagram's text version (a nested list with links) in a page.

Under a drawing in HTML it is written straight as markup, folded in a
``<details>``: a site draws one diagram per object, and building, resolving
and translating thousands of small docutils lists costs more than the rest of
the object's box. The markup is the one Sphinx's HTML writer gives the same
list, and the node carries the list's words, so the search index holds the
text version as before. Other builders (paper, text, LaTeX) get docutils nodes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from ..graph.text_alternative import Entry, entries
from ..i18n import N_, _
from . import graph_markup
from .domain import CivitraceDomain
from .drawn_markup import DrawnFigure
from .paper import is_paper

TEXT_HEADING = N_("Text version of the diagram")
#: What Sphinx's HTML writer escapes in text and attribute values (docutils' ``special_characters``).
_HTML_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;"}


class TextVersionMarkup(DrawnFigure):
    """The folded text version as HTML (``markup``); its child is the list's words, for the search index."""


def figure_prefix(index: int) -> str:
    """The prefix of the ids of a page's n-th diagram (its SVG's ids, its viewport, its text version)."""
    return f"civitrace-g{index}-"


def text_version(
    app: Sphinx,
    domain: CivitraceDomain,
    graph: Any,
    docname: str,
    has_drawing: bool,
    index: int = 0,
) -> list[nodes.Node]:
    """The text alternative: a nested list with links, folded under the drawing in HTML."""
    items = entries(graph)
    if not is_paper(app.builder) and has_drawing:
        return [_folded_markup(app, domain, items, docname, index)]
    container = nodes.container(classes=["civitrace-graph-text"])
    container += nodes.rubric("", _(TEXT_HEADING))
    container += _bullets(app, domain, items, docname)
    return [container]


def _folded_markup(
    app: Sphinx, domain: CivitraceDomain, items: list[Entry], docname: str, index: int
) -> TextVersionMarkup:
    heading = _(TEXT_HEADING)
    parts = [graph_markup.text_version_opening(figure_prefix(index), heading)]
    parts.append('<div class="civitrace-graph-text docutils container">\n')
    words = [heading]  # the search index read it in the raw opening before
    _list_markup(app, domain, items, docname, parts, words, top=True)
    parts.append("</div>\n</details>")
    return TextVersionMarkup("", nodes.Text("\n".join(words)), markup="".join(parts))


def _list_markup(
    app: Sphinx,
    domain: CivitraceDomain,
    items: list[Entry],
    docname: str,
    parts: list[str],
    words: list[str],
    top: bool,
) -> None:
    """The list as Sphinx's HTML writer writes it: compact (``simple``) at the top, a paragraph per item."""
    parts.append('<ul class="simple">\n' if top else "<ul>\n")
    for item in items:
        words.append(item.text)
        text = item.text.translate(_HTML_ESCAPES)
        href = _href(app, domain, item.node, docname) if item.node else None
        if href is not None:
            parts.append(f'<li><p><a class="reference internal" href="{href}"><span>{text}</span></a></p>')
        else:
            parts.append(f"<li><p>{text}</p>")
        if item.children:
            parts.append("\n")
            _list_markup(app, domain, item.children, docname, parts, words, top=False)
        parts.append("</li>\n")
    parts.append("</ul>\n")


def _href(app: Sphinx, domain: CivitraceDomain, object_id: str, docname: str) -> str | None:
    """The link to an object's block, as :func:`sphinx.util.nodes.make_refnode` makes it (escaped)."""
    place = domain.locate(object_id)
    if place is None:
        return None
    if place.docname == docname and place.anchor:
        return f"#{place.anchor}".translate(_HTML_ESCAPES)
    try:
        uri = app.builder.get_relative_uri(docname, place.docname)
    except NoUri:
        return None
    uri = f"{uri}#{place.anchor}" if place.anchor else uri
    return (uri or "#").translate(_HTML_ESCAPES)


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
