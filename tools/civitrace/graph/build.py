"""From the model to a networkx graph: which objects are drawn, how they relate, in which state.

Nodes are named by object ID and carry everything a renderer needs (kind,
title, group, state); edges carry their ``relation``. Rendering choices live
in :mod:`.style` and :mod:`.dot`, so the graph can be tested on its own.

Relations (edge attribute ``relation``):

- ``principle``: principle → recommendation (the principle groups it);
- ``responds``: recommendation → measure (the measure responds to it);
- ``axis``: measure → axis (the axis groups it);
- ``indicator``: measure → indicator;
- ``carries``: measure → ai-system (drawn when the register is asked for).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable

import networkx as nx

from ..model import Project, TraceObject, is_late
from ..register import verdict

#: Kinds drawn as nodes.
DRAWN_KINDS = ("principle", "recommendation", "measure", "axis", "indicator")

#: Recommendation states, from the most to the least alarming.
UNCOVERED = "uncovered"
NO_RESPONSE = "no-response"
#: Measure state added to the status when the due date has passed.
LATE = "late"
#: AI system states, by the doctrine's verdict at the diagram's date.
BREACH, REVIEW_DUE, COMPLIANT, INACTIVE = "breach", "review-due", "compliant", "inactive"


def system_state(project: Project, system: TraceObject, as_of: dt.date) -> str:
    """``breach`` when a rule of the doctrine is broken, ``review-due``, ``compliant`` in use, else ``inactive``."""
    found = verdict(project, system)
    problems = found.problems(as_of)
    if any(code != "review-due" for code in problems):
        return BREACH
    if problems:
        return REVIEW_DUE
    return COMPLIANT if found.active else INACTIVE


def recommendation_state(project: Project, rec: TraceObject) -> str:
    """``uncovered``, the response's decision, or ``no-response``."""
    if not project.is_covered(rec.id):
        return UNCOVERED
    response = project.response_for(rec.id)
    decision = response.get("decision") if response else None
    return str(decision) if decision else NO_RESPONSE


def measure_state(measure: TraceObject, as_of: dt.date) -> str:
    """The status, or ``late`` when the measure is late at ``as_of`` (``planned`` when unset)."""
    if measure.get("status") == "delayed" or is_late(measure, as_of):
        return LATE
    return str(measure.get("status") or "planned")


def _node_attributes(project: Project, obj: TraceObject, as_of: dt.date) -> dict[str, object]:
    attrs: dict[str, object] = {
        "kind": obj.kind,
        "title": obj.title,
        "docname": obj.docname,
        "path": obj.location.path,
        "line": obj.location.line,
    }
    if obj.kind == "recommendation":
        response = project.response_for(obj.id)
        attrs["group"] = obj.get("principle")
        attrs["decision"] = response.get("decision") if response else None
        attrs["covered"] = project.is_covered(obj.id)
        attrs["state"] = recommendation_state(project, obj)
    elif obj.kind == "measure":
        attrs["group"] = obj.get("axis")
        attrs["status"] = obj.get("status")
        attrs["late"] = is_late(obj, as_of)
        attrs["state"] = measure_state(obj, as_of)
        attrs["owner"] = obj.get("owner")
        attrs["due"] = obj.get("due")
        attrs["progress"] = obj.get("progress")
    elif obj.kind == "indicator":
        attrs["group"] = obj.get("measure")
    elif obj.kind == "ai-system":
        attrs["status"] = obj.get("status")
        attrs["state"] = system_state(project, obj, as_of)
    elif obj.kind in ("principle", "axis"):
        attrs["group"] = obj.id
    return attrs


def build_graph(project: Project, as_of: dt.date, indicators: bool = False, register: bool = False) -> nx.DiGraph:
    """The whole project as a graph: every principle, recommendation, measure and axis.

    Indicators and the AI systems of the register are drawn when asked for.

    References to unknown IDs or to objects of the wrong kind are left out:
    ``civitrace check`` reports them, the diagram draws what is sound.
    """
    graph = nx.DiGraph(view="full", as_of=as_of, indicators=indicators, register=register)
    kinds = set(DRAWN_KINDS) - (set() if indicators else {"indicator"})
    if register:
        kinds.add("ai-system")
    for obj in project.by_id.values():
        if obj.kind in kinds:
            graph.add_node(obj.id, **_node_attributes(project, obj, as_of))

    def link(source: str | None, target: str | None, relation: str, source_kind: str, target_kind: str) -> None:
        if (
            source in graph
            and target in graph
            and graph.nodes[source]["kind"] == source_kind
            and graph.nodes[target]["kind"] == target_kind
        ):
            graph.add_edge(source, target, relation=relation)

    for rec in project.of_kind("recommendation"):
        if project.by_id.get(rec.id) is rec:
            link(_one(rec.get("principle")), rec.id, "principle", "principle", "recommendation")
    for measure in project.of_kind("measure"):
        if project.by_id.get(measure.id) is not measure:
            continue  # a duplicate ID: the first object written is the one drawn
        for rec_id in measure.ids("responds"):
            link(rec_id, measure.id, "responds", "recommendation", "measure")
        link(measure.id, _one(measure.get("axis")), "axis", "measure", "axis")
    if indicators:
        for indicator in project.of_kind("indicator"):
            if project.by_id.get(indicator.id) is indicator:
                link(_one(indicator.get("measure")), indicator.id, "indicator", "measure", "indicator")
    if register:
        for system in project.of_kind("ai-system"):
            if project.by_id.get(system.id) is system:
                for measure_id in system.ids("measures"):
                    link(measure_id, system.id, "carries", "measure", "ai-system")
    return graph


def _one(value: object) -> str | None:
    return value if isinstance(value, str) else None


def neighbourhood(graph: nx.DiGraph, root: str, depth: int = 1) -> nx.DiGraph:
    """The objects within ``depth`` links of ``root``, whichever the direction.

    Grouping links are followed up (a measure's axis) but not down (an axis's
    other measures), unless the group is the root itself: otherwise one step
    through a principle would draw the whole principle.
    """
    if root not in graph:
        raise KeyError(root)
    seen = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for neighbour in _steps(graph, node, is_root=node == root):
            if neighbour not in seen:
                seen[neighbour] = seen[node] + 1
                queue.append(neighbour)
    sub = induced(graph, seen)
    sub.graph.update(view="neighbourhood", root=root, depth=depth)
    return sub


def induced(graph: nx.DiGraph, keep: Iterable[str]) -> nx.DiGraph:
    """The graph of ``keep`` and the links between them: ``graph.subgraph(keep).copy()``, in time of the part kept.

    networkx's subgraph view filters through every neighbour of every node kept: a
    site cutting one small diagram per object paid for the view more than for the diagram.
    """
    keep = dict.fromkeys(keep)
    sub = nx.DiGraph()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((node, graph.nodes[node].copy()) for node in keep)
    successors = graph.succ
    sub.add_edges_from(
        (node, target, data.copy()) for node in keep for target, data in successors[node].items() if target in keep
    )
    return sub


def _steps(graph: nx.DiGraph, node: str, is_root: bool) -> Iterable[str]:
    """Neighbours one step away; a grouping link is walked down (to the group's members) only from the root."""
    for _, target, relation in graph.out_edges(node, data="relation"):
        if relation == "principle" and not is_root:
            continue  # principle -> its recommendations: down
        yield target
    for source, _, relation in graph.in_edges(node, data="relation"):
        if relation == "axis" and not is_root:
            continue  # axis <- its measures: down
        yield source


def principle_view(graph: nx.DiGraph, principle_id: str) -> nx.DiGraph:
    """One principle, its recommendations and the measures (and indicators) that answer them.

    Axes are left out: in this view each measure names its axis itself, so the
    page holds answers, not structure.
    """
    if principle_id not in graph or graph.nodes[principle_id]["kind"] != "principle":
        raise KeyError(principle_id)
    keep = {principle_id}
    recs = [t for _, t, r in graph.out_edges(principle_id, data="relation") if r == "principle"]
    keep.update(recs)
    for rec in recs:
        for _, measure, relation in graph.out_edges(rec, data="relation"):
            if relation == "responds":
                keep.add(measure)
                keep.update(t for _, t, r in graph.out_edges(measure, data="relation") if r in ("indicator", "carries"))
    sub = induced(graph, keep)
    # A measure also answering another principle's recommendation keeps only the links drawn here.
    sub.graph.update(view="principle", root=principle_id)
    return sub


def ordered(graph: nx.DiGraph, kind: str) -> list[str]:
    """The nodes of one kind, in source order (path, line), so diagrams are stable."""
    nodes = [n for n, k in graph.nodes(data="kind") if k == kind]
    return sorted(nodes, key=lambda n: (graph.nodes[n]["path"], graph.nodes[n]["line"], n))
