"""From a networkx graph to DOT source: layout for reading, labels, links, legend.

The layout reads left to right. In the full and neighbourhood views,
principles and their recommendations are grouped in one box per principle,
measures and their axis in one box per axis. A principle's view is an
outline, one block per recommendation (the recommendation and the measures
that answer it) flowing in columns sized to a landscape page (see
:mod:`.outline`). The overview (see :mod:`.aggregate`) draws principles and
axes only.

Each object is a graphviz node named by its ID, so in SVG its ``<title>`` is
the ID; its full title goes in the tooltip and its page in ``URL``.
"""

from __future__ import annotations

import itertools

import networkx as nx

from ..escaping import url_for_graphviz
from . import outline
from .build import ordered
from .describe import tooltip
from .labels import MAX_LABEL_CHARACTERS, html_lines, html_text, quoted, shortened, wrap
from .legend import legend_label
from .links import UrlFor
from .style import (
    CLUSTER_FILL,
    EDGE_STYLES,
    FONT,
    FONT_SIZE,
    SHAPES,
    TEXT_COLOUR,
    WRAP_WIDTH,
    badge,
    graphviz_style,
    node_style,
)

#: Margins of the page diagrams are fitted to, and graphviz's own padding, in points.
PAGE_MARGIN = 28.0


class Html(str):
    """The inside of a graphviz HTML-like label, already escaped (written between ``<`` and ``>``)."""

    __slots__ = ()


def node_label(node_id: str, attrs: dict, wrap_width: int = WRAP_WIDTH, note: str = "") -> Html:
    """The HTML-like label of an object: its ID in bold and its state in words, then its title, wrapped.

    The state shares the ID's line: one line less per node, which is what lets
    a principle of a large convention fit a printed page.
    """
    state = badge(attrs)
    first = f"<B>{html_text(node_id)}</B>"
    if state:
        first += html_text(" · ") + (f"<B>{html_text(state)}</B>" if node_style(attrs).alarm else html_text(state))
    parts = [first]
    title = shortened(str(attrs.get("title") or ""), MAX_LABEL_CHARACTERS)
    if title:
        parts.append(html_lines(wrap(title, wrap_width)))
    if note:
        parts.append(f"<I>{html_lines(wrap(note, wrap_width))}</I>")
    return left_aligned(parts)


def left_aligned(lines: list[str]) -> Html:
    """Lines of an HTML-like label, aligned left: a card reads like a list, not like a poster."""
    body = "<BR/>".join(lines)
    return Html(f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD BALIGN="LEFT">{body}</TD></TR></TABLE>')


def _attributes(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, Html):
            parts.append(f"{key}=<{value}>")  # an HTML-like label, already escaped
        else:
            parts.append(f"{key}={quoted(value)}")
    return ", ".join(parts)


def node_statement(
    node_id: str, attrs: dict, url_for: UrlFor | None, extra: dict | None = None, name: str | None = None
) -> str:
    """One node: shape and state styling, label, tooltip, link. ``name`` names a second drawing of the object."""
    kind = str(attrs.get("kind"))
    style = node_style(attrs)
    values: dict[str, object] = {
        "label": attrs.get("dot_label") or node_label(node_id, attrs),
        "shape": SHAPES.get(kind, "box"),
        "style": graphviz_style(style, kind),
        "fillcolor": style.fill,
        "color": style.border,
        "penwidth": style.penwidth,
        "peripheries": 2 if style.double else None,
        "fontcolor": style.text if style.text != TEXT_COLOUR else None,
        "tooltip": attrs.get("dot_tooltip") or tooltip(node_id, attrs),
        "id": f"trace-{node_id}",
        "class": f"trace-node trace-{kind}",
    }
    url = url_for(node_id, attrs) if url_for else None
    if url:
        values.update(URL=url_for_graphviz(url), target="_top")
    if extra:
        values.update(extra)
    return f"{quoted(name or node_id)} [{_attributes(values)}];"


def edge_statement(source: str, target: str, attrs: dict, extra: dict | None = None) -> str:
    """One edge, styled by its relation."""
    colour, line, width, head = EDGE_STYLES.get(str(attrs.get("relation")), EDGE_STYLES["responds"])
    values: dict[str, object] = {
        "color": colour,
        "style": line,
        "penwidth": width,
        "arrowhead": head,
        "tooltip": attrs.get("dot_tooltip") or f"{source} → {target}",
    }
    if extra:
        values.update(extra)
    return f"{quoted(source)} -> {quoted(target)} [{_attributes(values)}];"


def header(graph: nx.DiGraph, name: str = "trace", memo: dict | None = None) -> list[str]:
    """The graph, node and edge defaults common to every view.

    The legend is the graph's label, at the bottom, except in a principle's
    view where it is a block of the last column (it fills the space the
    columns leave rather than adding a band under them).
    """
    in_flow = graph.graph.get("view") == "principle"
    legend = "" if in_flow else f"label=<{_legend(graph, memo)}>, labelloc=b, labeljust=l, "
    # No graph or cluster tooltip: graphviz would wrap the whole drawing in a link, which themes underline.
    return [
        f"digraph {quoted(name)} {{",
        f"  graph [{_attributes(dict(rankdir='LR', newrank='true', fontname=FONT, fontsize=FONT_SIZE))}, "
        f"{legend}nodesep=0.12, ranksep=0.3, "
        'pad=0.1, bgcolor="white"];',
        f"  node [{_attributes(dict(fontname=FONT, fontsize=FONT_SIZE, fontcolor=TEXT_COLOUR))}, "
        'margin="0.07,0.03", height=0.2, width=0.3];',
        f"  edge [{_attributes(dict(fontname=FONT, fontsize=FONT_SIZE, fontcolor=TEXT_COLOUR))}, arrowsize=0.7];",
    ]


def to_dot(
    graph: nx.DiGraph, url_for: UrlFor | None = None, columns: int | None = None, memo: dict | None = None
) -> str:
    """DOT source for ``graph``, laid out according to its ``view`` graph attribute.

    ``columns`` is the number of blocks per row in a principle's view (chosen
    by :func:`.fit.fit_columns` to fit the page when not given). ``memo``, a
    dict kept by the caller for many diagrams cut from one project graph with
    the same ``url_for``, keeps each node's statement and each legend, so a
    node drawn in ten neighbourhoods is written once.
    """
    view = graph.graph.get("view", "full")
    if view == "principle":
        return _principle_dot(graph, url_for, columns)
    if view == "overview":
        body = _overview_body(graph, url_for)
    else:
        body = _grouped_body(graph, url_for, memo)
    return "\n".join([*header(graph, memo=memo), *body, "}"]) + "\n"


def _legend(graph: nx.DiGraph, memo: dict | None) -> str:
    """The legend, from the memo when a diagram with the same states already drew it."""
    if memo is None:
        return legend_label(graph)
    # What the legend shows: the kinds present and their states (see legend.legend_label).
    states = frozenset((attrs.get("kind"), attrs.get("state")) for _, attrs in graph.nodes(data=True))
    key = ("legend", graph.graph.get("view"), graph.graph.get("as_of"), states)
    found = memo.get(key)
    if found is None:
        found = memo[key] = legend_label(graph)
    return found


def _statement(graph: nx.DiGraph, node: str, url_for: UrlFor | None, memo: dict | None) -> str:
    """A node's statement (see :func:`node_statement`), from the memo when it was written before."""
    if memo is None:
        return node_statement(node, graph.nodes[node], url_for)
    found = memo.get(node)
    if found is None:
        found = memo[node] = node_statement(node, graph.nodes[node], url_for)
    return found


def _grouped_body(graph: nx.DiGraph, url_for: UrlFor | None, memo: dict | None = None) -> list[str]:
    """Full and neighbourhood views: one box per principle, one per axis, columns by kind."""
    lines: list[str] = []
    drawn: set[str] = set()
    clusters = 0
    for group_kind, member_kind in (("principle", "recommendation"), ("axis", "measure")):
        groups: dict[str, list[str]] = {}
        for node in ordered(graph, member_kind):
            group = graph.nodes[node].get("group")
            if isinstance(group, str) and group in graph:
                groups.setdefault(group, []).append(node)
        for group in ordered(graph, group_kind):
            clusters += 1
            lines.append(f"  subgraph cluster_{clusters} {{")
            fill = CLUSTER_FILL[group_kind]
            lines.append(f'    graph [style="filled,rounded", fillcolor="{fill}", color="#c8c8d0", label=""];')
            for node in [group, *groups.get(group, [])]:
                lines.append("    " + _statement(graph, node, url_for, memo))
                drawn.add(node)
            lines.append("  }")
    for kind in ("principle", "recommendation", "measure", "axis", "indicator", "ai-system"):
        for node in ordered(graph, kind):
            if node not in drawn:
                lines.append("  " + _statement(graph, node, url_for, memo))
    # Columns by kind, whatever the links: a recommendation without principle still sits with the others.
    for rank, kind in enumerate(("principle", "recommendation", "measure", "axis", "ai-system")):
        nodes = ordered(graph, kind)
        if nodes:
            lines.append(f"  {{ rank=same; {' '.join(quoted(n) for n in nodes)} }}  // column {rank + 1}")
    for source, target, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        lines.append("  " + edge_statement(source, target, attrs))
    return lines


def _principle_dot(graph: nx.DiGraph, url_for: UrlFor | None, columns: int | None) -> str:
    """A principle's view: the principle, then one outline block per recommendation, in newspaper columns.

    A block is a recommendation with the measures (and indicators) answering
    it indented under it, so it reads on its own. A measure answering several
    recommendations is drawn in full in the first block and as a short
    reminder (ID, state, where to look) in the others, so no arrow crosses
    from a block to another. See :mod:`.outline` for the placement.
    """
    levels = {"principle": 0, "recommendation": 0, "measure": 1, "indicator": 2, "ai-system": 2}
    groups: list[list[outline.Item]] = []
    links: list[outline.Link] = []
    for block in principle_blocks(graph):
        items = []
        for name, node in block.nodes:
            attrs = graph.nodes[node]
            extra: dict[str, object] = {"id": f"trace-{name}"}
            if name != node:
                extra["label"] = repeat_label(node, attrs, block.first.get(name, ""))
            elif block.also.get(name):
                extra["label"] = node_label(node, attrs, note=f"aussi pour {', '.join(block.also[name])}")
            statement = node_statement(node, attrs, url_for, extra, name=name)
            items.append(outline.Item(name, levels.get(str(attrs.get("kind")), 1), statement))
        for source, target, relation in block.edges:
            links.append(outline.Link(source, target, edge_statement(source, target, {"relation": relation})))
        groups.append(items)
    legend = f'{quoted(LEGEND_NODE)} [shape=plain, label=<{legend_label(graph, narrow=True)}>, id="trace-legend"];'
    tail = [outline.Item(LEGEND_NODE, 0, legend)]
    every = [item for group in groups for item in group] + tail
    top = header(graph)
    sizes = outline.node_sizes(top, [item.statement for item in every])
    for item in every:
        item.natural, item.height = sizes.get(item.name.strip('"'), (72.0, 36.0))
    head, rest = groups[0], groups[1:]
    chosen = columns or outline.best_columns(head, rest, tail)
    outline.arrange(head, rest, chosen, tail)
    return outline.write(every, links, top)


#: Above this many arrows, the overview writes no count on them (they would pile up).
MAX_LABELLED_EDGES = 24


#: Name of the legend node in a principle's view (not an ID: IDs have no spaces or accents).
LEGEND_NODE = "légende"


def repeat_label(node_id: str, attrs: dict, first_block: str) -> Html:
    """A measure drawn a second time, on one line: its ID, its state (colour and words), where it is in full."""
    text = f"<B>{html_text(node_id)}</B>"
    state = badge(attrs)
    if state:
        text += html_text(" · ") + (f"<B>{html_text(state)}</B>" if node_style(attrs).alarm else html_text(state))
    if first_block:
        text += html_text(f" · voir {first_block}")
    return Html(text)


class Block:
    """One block of a principle's view: drawn node names (with the object each stands for) and edges."""

    def __init__(self) -> None:
        self.nodes: list[tuple[str, str]] = []  # (name in the DOT source, object ID)
        self.edges: list[tuple[str, str, str]] = []  # (source name, target name, relation)
        self.also: dict[str, list[str]] = {}  # name -> other recommendations of this principle it answers
        self.first: dict[str, str] = {}  # name of a repeated drawing -> the block drawing it in full

    def add(self, name: str, node: str) -> None:
        self.nodes.append((name, node))


def principle_blocks(graph: nx.DiGraph) -> list[Block]:
    """The blocks of a principle's view: the principle alone, then one per recommendation in source order."""
    root = graph.graph.get("root")
    head = Block()
    if root in graph:
        head.add(root, root)
    blocks = [head]
    drawn: dict[str, str] = {}  # object -> recommendation whose block draws it in full
    for rec in ordered(graph, "recommendation"):
        block = Block()
        block.add(rec, rec)
        measures = [t for _, t, r in graph.out_edges(rec, data="relation") if r == "responds"]
        for measure in sorted(measures, key=_source_key(graph)):
            name = _place(block, drawn, measure, rec)
            block.edges.append((rec, name, "responds"))
            answered = [s for s, _, r in graph.in_edges(measure, data="relation") if r == "responds"]
            others = sorted((s for s in answered if s != rec), key=_source_key(graph))
            if others:
                block.also[name] = others
            for _measure, child, relation in sorted(graph.out_edges(measure, data="relation")):
                if relation in ("indicator", "carries"):  # indicators and AI systems, under their measure
                    block.edges.append((name, _place(block, drawn, child, rec), relation))
        blocks.append(block)
    return blocks


def _place(block: Block, drawn: dict[str, str], obj: str, rec: str) -> str:
    """Add ``obj`` to ``rec``'s block: in full the first time, else as a reminder of where it is drawn."""
    name = obj if obj not in drawn else f"{obj}@{rec}"
    if name != obj:
        block.first[name] = drawn[obj]
    drawn.setdefault(obj, rec)
    block.add(name, obj)
    return name


def _source_key(graph: nx.DiGraph):
    return lambda n: (graph.nodes[n]["path"], graph.nodes[n]["line"], n)


def _overview_body(graph: nx.DiGraph, url_for: UrlFor | None) -> list[str]:
    # Unlabelled arrows go straight from one column to the next: no middle rank of
    # virtual nodes, which would each claim vertical room; a wide gap keeps them apart.
    lines = [] if graph.number_of_edges() <= MAX_LABELLED_EDGES else ["  graph [ranksep=1.0];"]
    for kind in ("principle", "axis"):
        nodes = ordered(graph, kind)
        for node in nodes:
            lines.append("  " + node_statement(node, graph.nodes[node], url_for))
        if nodes:
            lines.append(f"  {{ rank=same; {' '.join(quoted(n) for n in nodes)} }}")
            # Invisible edges inside a rank keep the order of the texts, top to bottom.
            for upper, lower in itertools.pairwise(nodes):
                lines.append(f"  {quoted(upper)} -> {quoted(lower)} [style=invis];")
    # Counts on the arrows while they stay readable; past that, thickness and tooltips carry them.
    labelled = graph.number_of_edges() <= MAX_LABELLED_EDGES
    for source, target, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        extra = {"penwidth": attrs.get("penwidth"), "label": attrs.get("dot_label") if labelled else None}
        extra["minlen"] = 3 if labelled else 1
        lines.append("  " + edge_statement(source, target, attrs, extra))
    return lines
