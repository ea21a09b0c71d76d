"""The same information as a diagram, as a nested list, for screen readers and for text-only readers.

The list follows the reading order of the diagram: each principle, its
recommendations with their state, under each the measures that answer it with
their status and axis (and indicators when drawn); then what the diagram
holds outside that tree. For the overview: each principle and axis with its
counts, then which axes answer which principles.

:func:`entries` builds a neutral tree; :func:`to_markdown` writes it as text;
the Sphinx directive turns it into a bullet list with links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..i18n import N_, _, label_value, ngettext
from ..vocabulary import KINDS
from .build import ordered
from .describe import kind_label, state_text
from .labels import clean


@dataclass
class Entry:
    """One line of the text alternative; ``node`` is the object it names (None for a heading)."""

    text: str
    node: str | None = None
    children: list[Entry] = field(default_factory=list)


def describe_node(graph: nx.DiGraph, node: str) -> str:
    """``Recommandation R-01 : Évaluer chaque projet (réponse : retenue)`` (in the current language)."""
    attrs = graph.nodes[node]
    title = clean(str(attrs.get("title") or ""))
    name = f"{kind_label(attrs)} {node}"
    text = label_value(name, title) if title else name
    details = [state_text(attrs)] if state_text(attrs) else []
    if attrs.get("kind") == "measure" and isinstance(attrs.get("group"), str):
        details.append(_("axis {id}").format(id=attrs["group"]))
    return f"{text} ({_('; ').join(details)})" if details else text


def _children(graph: nx.DiGraph, node: str, relation: str) -> list[str]:
    found = [t for _, t, r in graph.out_edges(node, data="relation") if r == relation]
    return sorted(found, key=lambda n: (graph.nodes[n]["path"], graph.nodes[n]["line"], n))


def entries(graph: nx.DiGraph) -> list[Entry]:
    """The text alternative of a graph, as a tree of entries."""
    if graph.graph.get("view") == "overview":
        return _overview_entries(graph)
    listed: set[str] = set()

    def measure_entry(measure: str) -> Entry:
        if measure in listed:
            return Entry(_("Measure {id} (see above)").format(id=measure), measure)
        listed.add(measure)
        entry = Entry(describe_node(graph, measure), measure)
        for child in _children(graph, measure, "indicator") + _children(graph, measure, "carries"):
            listed.add(child)
            entry.children.append(Entry(describe_node(graph, child), child))
        return entry

    def recommendation_entry(rec: str) -> Entry:
        listed.add(rec)
        entry = Entry(describe_node(graph, rec), rec)
        measures = _children(graph, rec, "responds")
        if measures:
            entry.children = [measure_entry(m) for m in measures]
        return entry

    result = []
    for principle in ordered(graph, "principle"):
        listed.add(principle)
        entry = Entry(describe_node(graph, principle), principle)
        entry.children = [recommendation_entry(r) for r in _children(graph, principle, "principle")]
        result.append(entry)
    loose = [r for r in ordered(graph, "recommendation") if r not in listed]
    if loose:
        result.append(
            Entry(
                _("Recommendations without a principle in this diagram"), None, [recommendation_entry(r) for r in loose]
            )
        )
    for axis in ordered(graph, "axis"):
        listed.add(axis)
        members = [m for m, _, r in graph.in_edges(axis, data="relation") if r == "axis"]
        members = [m for m in ordered(graph, "measure") if m in members]
        entry = Entry(describe_node(graph, axis), axis)
        entry.children = [measure_entry(m) for m in members]
        result.append(entry)
    others = [n for kind in ("measure", "indicator", "ai-system") for n in ordered(graph, kind) if n not in listed]
    if others:
        result.append(
            Entry(_("Other objects of the diagram"), None, [Entry(describe_node(graph, n), n) for n in others])
        )
    return result


def _overview_entries(graph: nx.DiGraph) -> list[Entry]:
    from .aggregate import tally
    from .style import badge

    result = []
    for kind, heading in (("principle", N_("Principles of the opinion")), ("axis", N_("Axes of the strategy"))):
        group = Entry(_(heading))
        member_kind = "recommendation" if kind == "principle" else "measure"
        for node in ordered(graph, kind):
            attrs = graph.nodes[node]
            counts = ", ".join(label_value(badge({"kind": member_kind, "state": s}), n) for s, n in tally(attrs))
            title = clean(str(attrs.get("title") or ""))
            members = len(attrs.get("members", []))
            text = label_value(node, title) if title else node
            text += f" — {KINDS[member_kind].count(members)}"
            text += f" ({counts})" if counts else ""
            if attrs.get("uncovered"):
                text += _("; ") + _("not covered: {ids}").format(ids=", ".join(attrs["uncovered"]))
            entry = Entry(text, node if attrs.get("docname") else None)
            if kind == "principle":
                for _source, axis, count in sorted(graph.out_edges(node, data="measures")):
                    said = ngettext(
                        "{count} measure of axis {axis} responds to them",
                        "{count} measures of axis {axis} respond to them",
                        count,
                    )
                    entry.children.append(Entry(said.format(count=count, axis=axis), axis))
            group.children.append(entry)
        result.append(group)
    return result


def to_markdown(items: list[Entry], depth: int = 0) -> str:
    """The entries as a nested Markdown list."""
    lines = []
    for item in items:
        lines.append(f"{'  ' * depth}- {item.text}")
        if item.children:
            lines.append(to_markdown(item.children, depth + 1).rstrip("\n"))
    return "\n".join(lines) + "\n"
