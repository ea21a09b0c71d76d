"""The French legend drawn on every diagram, as a graphviz HTML-like table.

It shows only what the diagram holds (the states present), so a small
neighbourhood diagram gets a small legend, and it is built from the style
tables, so the samples look exactly like the nodes.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ..vocabulary import french_date
from .labels import html_text, wrap
from .style import (
    DECISION_ORDER,
    DECISION_STYLES,
    STATUS_ORDER,
    STATUS_STYLES,
    SYSTEM_ORDER,
    SYSTEM_STYLES,
    NodeStyle,
    badge,
)

#: Characters per line of the narrow legend, which sits in a column of a principle's view.
NARROW_WIDTH = 34


def sample(style: NodeStyle, text: str) -> str:
    """A legend cell drawn like a node in that state: fill, border colour, thickness, style, doubling."""
    border = max(1, round(style.penwidth))
    line = f' STYLE="{style.line}"' if style.line in ("dashed", "dotted") else ""
    label = f"<B>{html_text(text)}</B>" if style.alarm else html_text(text)
    if style.double:
        return (
            f'<TD CELLPADDING="0"><TABLE BORDER="{border}" COLOR="{style.border}" CELLBORDER="{border}" '
            f'CELLSPACING="2" CELLPADDING="3"><TR><TD BGCOLOR="{style.fill}" COLOR="{style.border}"{line}>'
            f"{label}</TD></TR></TABLE></TD>"
        )
    return f'<TD BGCOLOR="{style.fill}" COLOR="{style.border}" BORDER="{border}"{line} CELLPADDING="4">{label}</TD>'


def _present(graph: nx.DiGraph, kind: str, order: tuple[str, ...]) -> list[str]:
    states = {a.get("state") for _, a in graph.nodes(data=True) if a.get("kind") == kind}
    return [s for s in order if s in states]


def _present_counts(graph: nx.DiGraph, key: str, order: tuple[str, ...]) -> list[str]:
    """States that appear in the counts of aggregated nodes (the overview)."""
    states: set[str] = set()
    for _, attrs in graph.nodes(data=True):
        states.update(s for s, n in (attrs.get(key) or {}).items() if n)
    return [s for s in order if s in states]


def legend_label(graph: nx.DiGraph, narrow: bool = False) -> str:
    """The legend of ``graph`` as an HTML-like label (without the outer ``< >``).

    One grid: a heading then the sample cells of each kind, so samples line up
    in columns. ``narrow`` stacks it (two samples a row, short lines) to sit in
    a column of a principle's view.
    """
    overview = graph.graph.get("view") == "overview"
    if overview:
        rec_states = _present_counts(graph, "recommendation_states", DECISION_ORDER)
        measure_states = _present_counts(graph, "measure_states", STATUS_ORDER)
    else:
        rec_states = _present(graph, "recommendation", DECISION_ORDER)
        measure_states = _present(graph, "measure", STATUS_ORDER)
    groups = []
    if rec_states:
        labels = [badge({"kind": "recommendation", "state": s}) for s in rec_states]
        cells = [sample(DECISION_STYLES[s], label) for s, label in zip(rec_states, labels, strict=True)]
        groups.append(("Recommandation (coins arrondis), selon la réponse :", labels, cells))
    if measure_states:
        labels = [badge({"kind": "measure", "state": s}) for s in measure_states]
        cells = [sample(STATUS_STYLES[s], label) for s, label in zip(measure_states, labels, strict=True)]
        groups.append(("Mesure (coins droits), selon son statut :", labels, cells))
    system_states = [] if overview else _present(graph, "ai-system", SYSTEM_ORDER)
    if system_states:
        labels = [SYSTEM_STYLES[s].label for s in system_states]
        cells = [sample(SYSTEM_STYLES[s], label) for s, label in zip(system_states, labels, strict=True)]
        groups.append(("Système d'IA (onglets), selon la doctrine :", labels, cells))

    if narrow:
        columns, width = 2, NARROW_WIDTH
    else:
        columns = 1 + max((len(cells) for _, _, cells in groups), default=0)
        # Notes as wide as the widest row of samples, so that they do not stretch the grid.
        widest = max((len(h) + sum(len(label) + 4 for label in labels) for h, labels, _ in groups), default=0)
        width = max(45, min(100, widest))

    def spanning(text: str, bold_first: str = "") -> str:
        return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="{columns}">{bold_first}{text}</TD></TR>'

    as_of = graph.graph.get("as_of")
    date = html_text(f"état au {french_date(as_of)}") if isinstance(as_of, dt.date) else ""
    rows = [spanning(("<BR/>" if narrow else " — ") + date if date else "", "<B>Légende</B>")]
    for heading, _, cells in groups:
        if narrow:
            rows.append(spanning(_lines(heading, width)))
            rows += [f"<TR>{''.join(cells[i : i + columns])}</TR>" for i in range(0, len(cells), columns)]
        else:
            rows.append(f'<TR><TD ALIGN="LEFT">{html_text(heading)}</TD>{"".join(cells)}</TR>')
    rows += [spanning(_lines(note, width)) for note in reading_notes(graph)]
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{"".join(rows)}</TABLE>'


def _lines(text: str, width: int) -> str:
    return '<BR ALIGN="LEFT"/>'.join(html_text(part) for part in wrap(text, width))


def reading_notes(graph: nx.DiGraph) -> list[str]:
    """How to read the diagram, in a sentence or two."""
    view = graph.graph.get("view")
    if view == "overview":
        return [
            "À gauche les principes de l'avis, à droite les axes de la stratégie. Une flèche relie un principe "
            "à un axe dont des mesures répondent à ses recommandations ; plus elle est épaisse, plus il y a "
            "de mesures (leur nombre est écrit sur la flèche quand la place le permet, sinon au survol).",
        ]
    notes = ["Une flèche va d'une recommandation vers chaque mesure qui y répond."]
    if view == "principle":
        notes.insert(0, "Le principe, puis chacune de ses recommandations suivie des mesures qui y répondent.")
    else:
        systems = any(k == "ai-system" for _, k in graph.nodes(data="kind"))
        order = "principes, recommandations, mesures, axes de la stratégie" + (", systèmes d'IA" if systems else "")
        notes.insert(0, f"De gauche à droite : {order}.")
    if any(k == "indicator" for _, k in graph.nodes(data="kind")):
        notes.append("Une flèche en tirets va d'une mesure vers son indicateur (coin plié).")
    if any(k == "ai-system" for _, k in graph.nodes(data="kind")):
        notes.append("Une flèche à pointe creuse va d'une mesure vers chaque système d'IA qu'elle porte (onglets).")
    return notes
