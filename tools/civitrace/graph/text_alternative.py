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
    """``Recommandation R-01 : Évaluer chaque projet (réponse : retenue)``."""
    attrs = graph.nodes[node]
    title = clean(str(attrs.get("title") or ""))
    text = f"{kind_label(attrs)} {node}" + (f" : {title}" if title else "")
    details = [state_text(attrs)] if state_text(attrs) else []
    if attrs.get("kind") == "measure" and isinstance(attrs.get("group"), str):
        details.append(f"axe {attrs['group']}")
    return f"{text} ({' ; '.join(details)})" if details else text


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
            return Entry(f"Mesure {measure} (voir plus haut)", measure)
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
            Entry("Recommandations sans principe dans ce schéma", None, [recommendation_entry(r) for r in loose])
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
        result.append(Entry("Autres objets du schéma", None, [Entry(describe_node(graph, n), n) for n in others]))
    return result


def _overview_entries(graph: nx.DiGraph) -> list[Entry]:
    from .aggregate import tally
    from .style import badge

    result = []
    for kind, heading in (("principle", "Principes de l'avis"), ("axis", "Axes de la stratégie")):
        group = Entry(heading)
        member_kind = "recommendation" if kind == "principle" else "measure"
        noun = "recommandation(s)" if kind == "principle" else "mesure(s)"
        for node in ordered(graph, kind):
            attrs = graph.nodes[node]
            counts = ", ".join(f"{badge({'kind': member_kind, 'state': s})} : {n}" for s, n in tally(attrs))
            title = clean(str(attrs.get("title") or ""))
            text = f"{node}" + (f" : {title}" if title else "") + f" — {len(attrs.get('members', []))} {noun}"
            text += f" ({counts})" if counts else ""
            if attrs.get("uncovered"):
                text += f" ; non couvertes : {', '.join(attrs['uncovered'])}"
            entry = Entry(text, node if attrs.get("docname") else None)
            if kind == "principle":
                for _, axis, count in sorted(graph.out_edges(node, data="measures")):
                    entry.children.append(Entry(f"{count} mesure(s) de l'axe {axis} y répondent", axis))
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
