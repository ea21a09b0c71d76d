"""A principle's view laid out as an outline in newspaper columns, for the printed page.

Graphviz's ``dot`` puts every recommendation beside the stack of measures that
answer it, which leaves most of the recommendations' column empty: a
principle of a large convention then needs a poster. Here each block reads as
an outline — the recommendation, then its measures indented under it, joined
by elbow arrows — and blocks flow top to bottom, column after column, like
text. Positions are computed here and graphviz draws them as given
(``neato -n2``), so nothing is wasted and the result is exactly predictable.

Node sizes come from graphviz itself (one sizing pass over the same node
statements), so text never overflows its box; without graphviz they are
estimated from the text, so the DOT source can still be written.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass

import graphviz

from .fit import A4_LANDSCAPE, page_scale
from .label_size import estimated_sizes

#: Indentation per level (recommendation 1, measure 2, indicator 3) and gaps, in points.
INDENT = 14.0
NODE_GAP = 3.0
BLOCK_GAP = 9.0
COLUMN_GAP = 18.0
ARROW = 7.0  # room left for the arrowhead before a node
#: Marks a DOT source whose positions are final: render it with ``neato -n2``.
FIXED_LAYOUT_MARK = "// civitrace: fixed layout (neato -n2)"


@dataclass
class Item:
    """One drawn node in the outline: its DOT name, its level and, once sized, its box."""

    name: str
    level: int
    statement: str  # the DOT node statement, without position
    natural: float = 0.0  # the width graphviz needs for the label
    width: float = 0.0  # the width drawn: the column's, less the indentation
    height: float = 0.0
    x: float = 0.0  # left edge
    y: float = 0.0  # top edge, y growing downwards (flipped when written)


@dataclass
class Link:
    """An arrow from a node to one of its children in the outline."""

    source: str
    target: str
    statement_attributes: str  # the DOT edge attributes, without position


def node_sizes(header: list[str], statements: list[str]) -> dict[str, tuple[float, float]]:
    """Width and height in points of each node, as graphviz sizes them (one pass, no edges).

    ``header`` opens the graph with the same defaults (font, margins) as the drawing. Without graphviz,
    or when it cannot measure, the sizes are estimated from the text (:mod:`.label_size`): DOT output
    needs no graphviz, and a drawing that fails says so when it is drawn.
    """
    if shutil.which("dot") is None:
        return estimated_sizes(statements)
    source = "\n".join([*header, *statements, "}"]) + "\n"
    try:
        data = json.loads(graphviz.pipe("dot", "json0", source.encode("utf-8"), quiet=True))
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, ValueError, OSError):
        return estimated_sizes(statements)
    sizes = {}
    for obj in data.get("objects", []):
        if "width" in obj and "height" in obj:
            sizes[obj["name"]] = (float(obj["width"]) * 72.0, float(obj["height"]) * 72.0)
    return sizes


def block_height(block: list[Item]) -> float:
    return sum(item.height for item in block) + NODE_GAP * max(len(block) - 1, 0)


def _column_width(block_list: list[list[Item]]) -> float:
    return max((item.level * INDENT + item.natural for block in block_list for item in block), default=0.0)


def partition(heights: list[float], columns: int, first: float = 0.0) -> list[list[int]]:
    """Cut a sequence of block heights into ``columns`` runs, in order, minimising the tallest run.

    Linear partition by dynamic programming; ``first`` is added to the first
    column (the principle heading it). A principle has a few dozen blocks.
    """
    count = len(heights)
    columns = max(1, min(columns, count)) if count else 1
    prefix = [0.0]
    for height in heights:
        prefix.append(prefix[-1] + height + BLOCK_GAP)
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in range(columns + 1)]
    cut = [[0] * (count + 1) for _ in range(columns + 1)]
    best[0][0] = 0.0
    for k in range(1, columns + 1):
        for i in range(count + 1):
            for j in range(i + 1):
                run = prefix[i] - prefix[j] + (first if k == 1 else 0.0)
                value = max(best[k - 1][j], run)
                if value < best[k][i]:
                    best[k][i], cut[k][i] = value, j
    runs: list[list[int]] = []
    end = count
    for k in range(columns, 0, -1):
        runs.append(list(range(cut[k][end], end)))
        end = cut[k][end]
    return list(reversed(runs))


def arrange(
    head: list[Item], blocks: list[list[Item]], columns: int, tail: list[Item] | None = None
) -> tuple[float, float]:
    """Place the items in ``columns`` columns; return the total width and height in points.

    ``head`` tops the first column. ``tail`` (the legend) ends the last column,
    or sits at the foot of the column it lengthens least, whichever comes out
    larger on the page.
    """
    candidates = []
    heights = [block_height(b) for b in blocks]
    first = block_height(head) if head else 0.0
    if tail:
        runs = partition([*heights, block_height(tail)], columns, first)
        candidates.append(_columns(head, [*blocks, tail], runs))
    runs = partition(heights, columns, first)
    laid = _columns(head, blocks, runs)
    if tail:
        totals = [sum(block_height(b) + BLOCK_GAP for b in column) for column in laid]
        shortest = min(range(len(laid)), key=lambda i: (totals[i], -i))
        laid[shortest].append(tail)
    candidates.append(laid)
    best = max(candidates, key=lambda laid: page_scale(*_place(laid)))
    return _place(best)


def _columns(head: list[Item], blocks: list[list[Item]], runs: list[list[int]]) -> list[list[list[Item]]]:
    return [([head] if index == 0 and head else []) + [blocks[i] for i in run] for index, run in enumerate(runs)]


def _place(laid: list[list[list[Item]]]) -> tuple[float, float]:
    """Give every item its box, column by column; return the total width and height."""
    x = 0.0
    total_height = 0.0
    for column in laid:
        width = _column_width(column)
        y = 0.0
        for block in column:
            for item in block:
                item.x = x + item.level * INDENT
                item.y = y
                item.width = width - item.level * INDENT  # one right edge per column: reads as a list
                y += item.height + NODE_GAP
            y += BLOCK_GAP - NODE_GAP
        total_height = max(total_height, y - BLOCK_GAP)
        x += width + COLUMN_GAP
    return max(x - COLUMN_GAP, 0.0), total_height


def best_columns(
    head: list[Item], blocks: list[list[Item]], tail: list[Item] | None = None, page: tuple[float, float] = A4_LANDSCAPE
) -> int:
    """The number of columns whose layout comes out largest on the page (exact: sizes are known)."""
    best, best_scale = 1, -1.0
    for columns in range(1, max(len(blocks), 1) + 1):
        scale = page_scale(*arrange(head, blocks, columns, tail), page)
        if scale > best_scale + 1e-9:
            best, best_scale = columns, scale
    return best


def _point(x: float, y: float, height: float) -> str:
    return f"{x:.2f},{height - y:.2f}"


def elbow(parent: Item, child: Item, height: float) -> str:
    """Spline control points of an elbow arrow: down from the parent, then right into the child."""
    spine = parent.x + INDENT / 2.0
    top = parent.y + parent.height
    middle = child.y + child.height / 2.0
    tip = child.x
    end = tip - ARROW

    def segment(ax: float, ay: float, bx: float, by: float) -> list[str]:
        return [_point(ax + (bx - ax) * t, ay + (by - ay) * t, height) for t in (1 / 3, 2 / 3, 1.0)]

    points = [_point(spine, top, height), *segment(spine, top, spine, middle), *segment(spine, middle, end, middle)]
    return f"e,{_point(tip, middle, height)} " + " ".join(points)


def write(items: list[Item], links: list[Link], header: list[str], columns: int | None = None) -> str:
    """The DOT source of an outline; ``header`` holds the graph lines, without the closing brace."""
    by_name = {item.name: item for item in items}
    height = max((item.y + item.height for item in items), default=0.0)
    lines = [FIXED_LAYOUT_MARK, *header, "  graph [layout=neato, inputscale=72, splines=true, overlap=true];"]
    for item in items:
        centre = _point(item.x + item.width / 2.0, item.y + item.height / 2.0, height)
        statement = item.statement.rstrip().rstrip(";").rstrip()
        assert statement.endswith("]")
        lines.append(
            f'  {statement[:-1]}, pos="{centre}!", width={item.width / 72.0:.4f}, '
            f"height={item.height / 72.0:.4f}, fixedsize=false];"
        )
    for link in links:
        parent, child = by_name.get(link.source), by_name.get(link.target)
        if parent is None or child is None:
            continue
        attributes = link.statement_attributes.rstrip().rstrip(";").rstrip()
        lines.append(f'  {attributes[:-1]}, pos="{elbow(parent, child, height)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
