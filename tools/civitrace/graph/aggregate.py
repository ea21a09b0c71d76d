"""The overview: principles and axes with counts and coverage, for projects too large to draw object by object.

One node per principle (its recommendations counted by state, the uncovered
ones named) and one per axis (its measures counted by status); an arrow from
a principle to an axis when measures of the axis answer recommendations of the
principle, labelled with the number of those measures.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from ..i18n import N_, _, label_value, ngettext
from ..vocabulary import KINDS
from .build import UNCOVERED, ordered
from .dot import Html
from .labels import html_text, wrap
from .legend import sample
from .style import (
    DECISION_ORDER,
    DECISION_STYLES,
    STATUS_ORDER,
    STATUS_STYLES,
    badge,
)

#: Names of the pseudo-groups for objects without a (known) principle or axis; not valid IDs, so no clash.
#: Message IDs, translated when the overview is built.
NO_PRINCIPLE = N_("(no principle)")
NO_AXIS = N_("(no axis)")
#: Tally cells per row inside an overview node.
CELLS_PER_ROW = 4
#: Uncovered recommendations named in a principle's node before "…".
MAX_NAMED = 12


def overview_graph(full: nx.DiGraph) -> nx.DiGraph:
    """Aggregate a full graph (from :func:`.build.build_graph`) into principles and axes."""
    overview = nx.DiGraph(view="overview", as_of=full.graph.get("as_of"))
    principle_of: dict[str, str] = {}
    axis_of: dict[str, str] = {}
    for kind, member, fallback, into in (
        ("principle", "recommendation", NO_PRINCIPLE, principle_of),
        ("axis", "measure", NO_AXIS, axis_of),
    ):
        groups = ordered(full, kind)
        for group in groups:
            overview.add_node(group, **_group_attributes(full.nodes[group]))
        for node in ordered(full, member):
            group = full.nodes[node].get("group")
            if not (isinstance(group, str) and group in overview):
                group = _(fallback)
                if group not in overview:
                    overview.add_node(group, kind=kind, title="", docname="", path="~", line=0)
            into[node] = group
            overview.nodes[group].setdefault("members", []).append(node)

    for _node, attrs in overview.nodes(data=True):
        members = attrs.setdefault("members", [])
        states = Counter(full.nodes[m]["state"] for m in members)
        if attrs["kind"] == "principle":
            attrs["recommendation_states"] = dict(states)
            attrs["uncovered"] = [m for m in members if full.nodes[m]["state"] == UNCOVERED]
        else:
            attrs["measure_states"] = dict(states)

    links: dict[tuple[str, str], set[str]] = {}
    for source, target, relation in full.edges(data="relation"):
        if relation == "responds" and source in principle_of and target in axis_of:
            links.setdefault((principle_of[source], axis_of[target]), set()).add(target)
    for (principle, axis), measures in links.items():
        count = len(measures)
        overview.add_edge(
            principle,
            axis,
            relation="responds",
            measures=count,
            penwidth=round(1.0 + 1.2 * math.log2(count), 2),
            dot_label=str(count),
            dot_tooltip=ngettext(
                "{count} measure of {axis} responds to recommendations of {principle}",
                "{count} measures of {axis} respond to recommendations of {principle}",
                count,
            ).format(count=count, axis=axis, principle=principle),
        )
    for node, attrs in overview.nodes(data=True):
        attrs["dot_label"] = overview_label(node, attrs)
        attrs["dot_tooltip"] = overview_tooltip(node, attrs)
        attrs["overview"] = True
        if attrs.get("uncovered"):
            attrs["state"] = UNCOVERED  # the whole principle is marked: it holds uncovered recommendations
    return overview


def _group_attributes(attrs: dict) -> dict:
    return {key: attrs.get(key) for key in ("kind", "title", "docname", "path", "line")}


def tally(attrs: dict) -> list[tuple[str, int]]:
    """``(state, count)`` pairs of a group, in legend order, zeros left out."""
    if attrs["kind"] == "principle":
        counts, order = attrs.get("recommendation_states", {}), DECISION_ORDER
    else:
        counts, order = attrs.get("measure_states", {}), STATUS_ORDER
    return [(state, counts[state]) for state in order if counts.get(state)]


def overview_label(node: str, attrs: dict) -> Html:
    """A group's label: ID and title, the number of members with a tally cell per state, uncovered IDs named.

    Compact on purpose: the overview must fit a landscape page with large text.
    """
    is_principle = attrs["kind"] == "principle"
    styles = DECISION_STYLES if is_principle else STATUS_STYLES
    member_kind = "recommendation" if is_principle else "measure"
    members = len(attrs.get("members", []))
    span = CELLS_PER_ROW + 1
    lines = wrap(f"{node} {attrs.get('title') or ''}", 40)
    rows = []
    for index, line in enumerate(lines):
        text = html_text(line)
        if index == 0 and line.startswith(node):
            text = f"<B>{html_text(node)}</B>{html_text(line[len(node) :])}"
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{span}">{text}</TD></TR>')
    cells = [
        sample(styles[state], label_value(badge({"kind": member_kind, "state": state}), count))
        for state, count in tally(attrs)
    ]
    first = f'<TD ALIGN="LEFT">{html_text(_("{label}:").format(label=KINDS[member_kind].count(members)))}</TD>'
    for start in range(0, max(len(cells), 1), CELLS_PER_ROW):
        lead = first if start == 0 else "<TD></TD>"
        rows.append(f"<TR>{lead}{''.join(cells[start : start + CELLS_PER_ROW])}</TR>")
    uncovered = attrs.get("uncovered") or []
    if uncovered:
        named = ", ".join(uncovered[:MAX_NAMED]) + (", …" if len(uncovered) > MAX_NAMED else "")
        for line in wrap(_("not covered: {ids}").format(ids=named), 48):
            rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{span}"><B>{html_text(line)}</B></TD></TR>')
    return Html(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">{"".join(rows)}</TABLE>')


def overview_tooltip(node: str, attrs: dict) -> str:
    """Hover text of a group: title and tally in words."""
    member_kind = "recommendation" if attrs["kind"] == "principle" else "measure"
    parts = [label_value(badge({"kind": member_kind, "state": s}), n) for s, n in tally(attrs)]
    title = str(attrs.get("title") or "")
    head = f"{node} — {title}" if title else node
    return f"{head} ({', '.join(parts)})" if parts else head
