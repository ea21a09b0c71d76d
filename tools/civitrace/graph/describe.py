"""Objects of the diagram in French words: tooltips and the sentences of the text alternative."""

from __future__ import annotations

from ..vocabulary import KINDS, LATE_LABEL, STATUS_LABELS, UNCOVERED_LABEL, capital, in_french
from .build import LATE, NO_RESPONSE, UNCOVERED
from .labels import clean
from .style import DECISION_STYLES, badge


def state_text(attrs: dict) -> str:
    """The state of an object in words: ``réponse : retenue``, ``non couverte``, ``en cours, en retard``."""
    kind = attrs.get("kind")
    state = attrs.get("state")
    if kind == "recommendation":
        if state == UNCOVERED:
            return UNCOVERED_LABEL
        if state == NO_RESPONSE:
            return "sans réponse publiée"
        return f"réponse : {DECISION_STYLES[str(state)].label}" if state in DECISION_STYLES else ""
    if kind == "measure":
        status = attrs.get("status")
        label = STATUS_LABELS.get(str(status), "statut non renseigné") if status else "statut non renseigné"
        if state == LATE and status != "delayed":
            return f"{label}, {LATE_LABEL}"
        return label
    if kind == "ai-system":
        return badge(attrs).replace(" · ", ", ")
    return ""


def kind_label(attrs: dict) -> str:
    """The French name of the object's kind, capitalised."""
    spec = KINDS.get(str(attrs.get("kind")))
    return capital(in_french(spec.label)) if spec else ""


def tooltip(node_id: str, attrs: dict) -> str:
    """Hover text: kind, ID, full title, state (one line; graphviz shows it as the SVG link title)."""
    parts = [f"{kind_label(attrs)} {node_id}".strip()]
    title = clean(str(attrs.get("title") or ""))
    text = f"{parts[0]} — {title}" if title else parts[0]
    state = state_text(attrs)
    if attrs.get("kind") == "measure" and attrs.get("group"):
        state = f"{state} ; axe {attrs['group']}" if state else f"axe {attrs['group']}"
    return f"{text} ({state})" if state else text
