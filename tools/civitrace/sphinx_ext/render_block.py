"""The block a traced directive leaves on its own page: title, options, body.

What depends on other documents (back-links, lateness) is left as
placeholders, filled in by :mod:`.render_object` once everything is read.
"""

from __future__ import annotations

from docutils import nodes

from ..i18n import _
from ..model import TraceObject
from ..register_vocabulary import REGISTER_LABELS
from ..vocabulary import PAGE_LABELS, capital, kind_label
from ..wording import status_text
from . import nodes as trace_nodes
from .render_values import trace_xref, value_nodes

#: Kinds whose block shows links from other objects.
KINDS_WITH_BACKLINKS = frozenset({"principle", "recommendation", "axis", "measure", "ai-system"})

#: The heading of kinds without their own ID, before a link to the object they are about.
_ATTACHED_TITLES = {
    "response": PAGE_LABELS["response_to"],
    "assessment": PAGE_LABELS["assessment_of"],
    "evaluation": REGISTER_LABELS["evaluation_of"],
}


def object_block(obj: TraceObject, anchor: str, body: nodes.Element) -> list[nodes.Node]:
    """A target and a titled box: the object's options, its body, then placeholders."""
    box = nodes.admonition(classes=["civitrace", f"civitrace-{obj.kind}"])
    box += title(obj)
    if obj.raw or obj.kind == "measure":  # a measure always shows its status
        box += trace_nodes.TraceOptions(docname=obj.docname, anchor=anchor)
    if body.children:
        box += body
    if obj.kind in KINDS_WITH_BACKLINKS:
        box += trace_nodes.TraceBacklinks(kind=obj.kind, object_id=obj.id, docname=obj.docname, anchor=anchor)
    return [nodes.target("", "", ids=[anchor]), box]


def invalid_block(kind: str, argument: str, body: nodes.Element) -> list[nodes.Node]:
    """What an object without a valid ID still shows: its kind, what was written, its body."""
    box = nodes.admonition(classes=["civitrace", f"civitrace-{kind}", "civitrace-invalid"])
    heading = f"{capital(kind_label(kind))} — {PAGE_LABELS['unnamed_object']}"
    box += nodes.title(heading, heading)
    if argument.strip():
        box += nodes.paragraph("", "", nodes.literal(argument, argument))
    if body.children:
        box += body
    return [box]


def title(obj: TraceObject) -> nodes.title:
    """``Recommandation R-01 — Évaluer…``; ``Réponse à R-01 — …`` for attached kinds."""
    # Titles and values appear verbatim in links and tables built later: keep the author's quotes.
    heading = nodes.title(support_smartquotes=False)
    if obj.has_own_id:
        text = f"{capital(kind_label(obj.kind))} {obj.id}" + (f" — {obj.title}" if obj.title else "")
        heading += nodes.Text(text)
    else:
        heading += nodes.Text(_(_ATTACHED_TITLES[obj.kind]) + " ")
        heading += trace_xref(obj.id, obj.docname)
    return heading


def option_list(obj: TraceObject, anchor: str) -> nodes.definition_list:
    """The options as written, in vocabulary order, with French labels; unknown ones last."""
    items = nodes.definition_list(classes=["civitrace-options"], support_smartquotes=False)
    for name, spec in obj.spec.options.items():
        if name == "status" and obj.kind == "measure":
            items += status_item(obj, anchor, spec.label)
        elif name in obj.raw:
            items += item(spec.label, value_nodes(obj, name, obj.docname))
    for name in obj.raw:
        if name not in obj.spec.options:
            items += item(name, value_nodes(obj, name, obj.docname))
    return items


def status_item(measure: TraceObject, anchor: str, label: str) -> nodes.definition_list_item:
    """A measure's status, always shown, with a placeholder for "en retard" at the build date."""
    if "status" in measure.raw:
        shown = value_nodes(measure, "status", measure.docname)
    else:
        shown = [nodes.Text(status_text(measure))]
    flag = trace_nodes.TraceLateFlag(object_id=measure.id, docname=measure.docname, anchor=anchor)
    return item(label, [*shown, flag])


def is_inline(node: nodes.Node) -> bool:
    """Whether a node goes inside a paragraph (text, links, emphasis) rather than beside one."""
    return isinstance(node, (nodes.Text, nodes.Inline))


def item(label: str, content: list[nodes.Node]) -> nodes.definition_list_item:
    """One ``label: value`` row; block content (a list) goes below the paragraph."""
    inline = [n for n in content if is_inline(n)]
    blocks = [n for n in content if not is_inline(n)]
    definition = nodes.definition()
    if inline:
        definition += nodes.paragraph("", "", *inline)
    for block in blocks:
        definition += block
    return nodes.definition_list_item("", nodes.term(label, label), definition)
