"""Objects of the diagram in words: tooltips and the sentences of the text alternative."""

from __future__ import annotations

from collections import Counter

from ..i18n import _
from ..vocabulary import KINDS, LATE_LABEL, STATUS_LABELS, UNCOVERED_LABEL, capital
from .build import LATE, NO_RESPONSE, UNCOVERED
from .labels import clean
from .style import DECISION_STYLES, badge


def state_text(attrs: dict) -> str:
    """The state of an object in words: ``réponse : retenue``, ``non couverte``, ``en cours, en retard``."""
    kind = attrs.get("kind")
    state = attrs.get("state")
    if kind == "recommendation":
        if state == UNCOVERED:
            return _(UNCOVERED_LABEL)
        if state == NO_RESPONSE:
            return _("no published response")
        return (
            _("response: {decision}").format(decision=DECISION_STYLES[str(state)].label)
            if state in DECISION_STYLES
            else ""
        )
    if kind == "measure":
        status = attrs.get("status")
        label = STATUS_LABELS.get(str(status), _("status not given")) if status else _("status not given")
        if state == LATE and status != "delayed":
            return f"{label}, {_(LATE_LABEL)}"
        return label
    if kind == "ai-system":
        return badge(attrs).replace(" · ", ", ")
    return ""


def kind_label(attrs: dict) -> str:
    """The name of the object's kind, capitalised."""
    spec = KINDS.get(str(attrs.get("kind")))
    return capital(spec.label) if spec else ""


def tooltip(node_id: str, attrs: dict) -> str:
    """Hover text: kind, ID, full title, state (one line; graphviz shows it as the SVG link title)."""
    parts = [f"{kind_label(attrs)} {node_id}".strip()]
    title = clean(str(attrs.get("title") or ""))
    text = f"{parts[0]} — {title}" if title else parts[0]
    state = state_text(attrs)
    if attrs.get("kind") == "measure" and attrs.get("group"):
        axis = _("axis {id}").format(id=attrs["group"])
        state = f"{state}{_('; ')}{axis}" if state else axis
    return f"{text} ({state})" if state else text


def diagram_name(graph: object) -> str:
    """The accessible name of a diagram, saying what it shows and how much.

    ``Traçabilité du principe P-UTILITE : 4 recommandations, 6 mesures``.
    """
    view = graph.graph.get("view")  # type: ignore[attr-defined]
    root = graph.graph.get("root")  # type: ignore[attr-defined]
    counts = Counter(kind for _node, kind in graph.nodes(data="kind"))  # type: ignore[attr-defined]

    def count(kind: str) -> str:
        return KINDS[kind].count(counts[kind])

    if view == "overview":
        return _("Traceability overview: {principles}, {axes}").format(
            principles=count("principle"), axes=count("axis")
        )
    figures = ", ".join(count(kind) for kind in ("recommendation", "measure"))
    if view == "principle":
        return _("Traceability of principle {id}: {counts}").format(id=root, counts=figures)
    if view == "neighbourhood":
        return _("Traceability around {id}: {counts}").format(id=root, counts=figures)
    return _("Traceability diagram: {counts}").format(counts=figures)
