"""The legend drawn on every diagram, as a graphviz HTML-like table.

It shows only what the diagram holds (the states present), so a small
neighbourhood diagram gets a small legend, and it is built from the style
tables, so the samples look exactly like the nodes.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ..i18n import _
from ..vocabulary import long_date
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
    for _node, attrs in graph.nodes(data=True):
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
        groups.append((_("Recommendation (rounded corners), by response:"), labels, cells))
    if measure_states:
        labels = [badge({"kind": "measure", "state": s}) for s in measure_states]
        cells = [sample(STATUS_STYLES[s], label) for s, label in zip(measure_states, labels, strict=True)]
        groups.append((_("Measure (square corners), by status:"), labels, cells))
    system_states = [] if overview else _present(graph, "ai-system", SYSTEM_ORDER)
    if system_states:
        labels = [SYSTEM_STYLES[s].label for s in system_states]
        cells = [sample(SYSTEM_STYLES[s], label) for s, label in zip(system_states, labels, strict=True)]
        groups.append((_("AI system (tabs), by the doctrine:"), labels, cells))

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
    date = html_text(_("as of {date}").format(date=long_date(as_of))) if isinstance(as_of, dt.date) else ""
    rows = [spanning(("<BR/>" if narrow else " — ") + date if date else "", f"<B>{html_text(_('Legend'))}</B>")]
    for heading, _labels, cells in groups:
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
            _(
                "On the left the principles of the opinion, on the right the axes of the strategy. An arrow links "
                "a principle to an axis whose measures respond to its recommendations; the thicker it is, the more "
                "measures there are (their number is written on the arrow when there is room, otherwise on hover)."
            ),
        ]
    notes = [_("An arrow goes from a recommendation to each measure that responds to it.")]
    if view == "principle":
        notes.insert(0, _("The principle, then each of its recommendations followed by the measures responding to it."))
    else:
        systems = any(k == "ai-system" for _node, k in graph.nodes(data="kind"))
        if systems:
            notes.insert(
                0, _("From left to right: principles, recommendations, measures, axes of the strategy, AI systems.")
            )
        else:
            notes.insert(0, _("From left to right: principles, recommendations, measures, axes of the strategy."))
    if any(k == "indicator" for _node, k in graph.nodes(data="kind")):
        notes.append(_("A dashed arrow goes from a measure to its indicator (folded corner)."))
    if any(k == "ai-system" for _node, k in graph.nodes(data="kind")):
        notes.append(_("An arrow with a hollow head goes from a measure to each AI system it carries (tabs)."))
    return notes
