"""Box sizes estimated from the text of a node statement, for when graphviz is not there to measure them.

A principle's view places its boxes itself (:mod:`.outline`), so it needs their
sizes. graphviz measures them exactly; without it (a DOT file is wanted, and
DOT needs no graphviz), each label's text is measured with approximate
Helvetica widths and its HTML-like table laid out as graphviz lays it out
(cell padding, borders, spacing, spans). The estimate errs on the large side:
a box a little too wide reads well, text out of its box does not.
"""

from __future__ import annotations

import re
import unicodedata
from xml.etree import ElementTree

from .style import FONT_SIZE

#: Helvetica advance widths in thousandths of an em, by character class (close to the font's metrics).
_NARROW = frozenset("ijl.,:;'|!`")  # 222–278
_THIN = frozenset("frtI-()[]/ \u00a0")  # 278–333
_WIDE = frozenset("mwMW@%")  # 833–944
_UPPER_WIDTH, _LOWER_WIDTH, _DIGIT_WIDTH, _OTHER_WIDTH = 700, 556, 556, 600
#: How much wider bold text is, and the margin kept for the error of the estimate.
_BOLD, _SAFETY = 1.1, 1.09
_LINE_SPACING = 1.05  # the line height graphviz gives Helvetica, in font sizes
_INCH = 72.0

_LABEL = re.compile(r"\blabel=<")
_ATTRIBUTE = re.compile(r'\b(shape|margin|peripheries|fontsize)="?([^",\]]*)"?')
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")


def _char_width(char: str) -> float:
    if char in _NARROW:
        return 250
    if char in _THIN:
        return 310
    if char in _WIDE:
        return 880
    if unicodedata.combining(char):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    if char.isdigit():
        return _DIGIT_WIDTH
    if char.isupper():
        return _UPPER_WIDTH
    if char.islower():
        return _LOWER_WIDTH
    return _OTHER_WIDTH


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width in points of one line of text in Helvetica at ``size`` (approximate, generous)."""
    width = sum(_char_width(c) for c in text) * size / 1000.0
    return width * (_BOLD if bold else 1.0) * _SAFETY


def _html_label(statement: str) -> tuple[str | None, str]:
    """The inside of the statement's HTML-like label ``label=<…>`` (brackets balanced), and the rest of it."""
    match = _LABEL.search(statement)
    if match is None:
        return None, statement
    depth, start = 1, match.end()
    for index in range(start, len(statement)):
        char = statement[index]
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
            if depth == 0:
                return statement[start:index], statement[: match.start()] + statement[index + 1 :]
    return None, statement


class _Lines:
    """Text being laid out in lines: the width of each line, the height of the tallest text on it."""

    def __init__(self) -> None:
        self.lines: list[list[float]] = [[0.0, 0.0]]
        self.blocks: list[tuple[float, float]] = []  # nested tables: (width, height)

    def text(self, text: str, size: float, bold: bool) -> None:
        if not text:
            return
        line = self.lines[-1]
        line[0] += text_width(text, size, bold)
        line[1] = max(line[1], size * _LINE_SPACING)

    def line_break(self, size: float) -> None:
        if self.lines[-1][1] == 0.0:
            self.lines[-1][1] = size * _LINE_SPACING
        self.lines.append([0.0, 0.0])

    def size(self) -> tuple[float, float]:
        widths = [line[0] for line in self.lines] + [w for w, _ in self.blocks]
        heights = sum(line[1] for line in self.lines) + sum(h for _, h in self.blocks)
        return max(widths, default=0.0), heights


def _inline(element: ElementTree.Element, lines: _Lines, size: float, bold: bool) -> None:
    """Text, ``<B>``, ``<I>``, ``<FONT>``, ``<BR/>`` and nested tables of a cell or a label."""
    lines.text(" ".join((element.text or "").split()) if element.text and element.text.strip() else "", size, bold)
    for child in element:
        tag = child.tag.upper()
        if tag == "BR":
            lines.line_break(size)
        elif tag == "TABLE":
            lines.blocks.append(_table(child, size))
        else:
            child_size = float(child.get("POINT-SIZE", size)) if tag == "FONT" else size
            _inline(child, lines, child_size, bold or tag == "B")
        if child.tail and child.tail.strip():
            lines.text(" ".join(child.tail.split()), size, bold)


def _number(element: ElementTree.Element, name: str, default: float) -> float:
    try:
        return float(element.get(name, default))
    except ValueError:
        return default


def _table(table: ElementTree.Element, size: float) -> tuple[float, float]:
    """A graphviz HTML-like table's size: columns as wide as their widest cell, rows as tall as their tallest."""
    border = _number(table, "BORDER", 1.0)
    cell_border = _number(table, "CELLBORDER", border)
    spacing = _number(table, "CELLSPACING", 2.0)
    padding = _number(table, "CELLPADDING", 2.0)
    rows: list[list[tuple[int, float, float]]] = []  # (colspan, width, height) per cell
    for row in (r for r in table if r.tag.upper() == "TR"):
        cells = []
        for cell in (c for c in row if c.tag.upper() == "TD"):
            lines = _Lines()
            _inline(cell, lines, size, False)
            width, height = lines.size()
            around = 2 * (_number(cell, "CELLPADDING", padding) + _number(cell, "BORDER", cell_border))
            span = max(1, int(_number(cell, "COLSPAN", 1)))
            cells.append((span, width + around, height + around))
        rows.append(cells)
    columns = max((sum(span for span, _, _ in cells) for cells in rows), default=0)
    widths = [0.0] * columns
    for cells in rows:  # single cells first, then spans widen the columns they cover if they need to
        position = 0
        for span, width, _height in cells:
            if span == 1:
                widths[position] = max(widths[position], width)
            position += span
    for cells in rows:
        position = 0
        for span, width, _height in cells:
            covered = sum(widths[position : position + span]) + spacing * (span - 1)
            if span > 1 and covered < width:
                for index in range(position, position + span):
                    widths[index] += (width - covered) / span
            position += span
    total_width = sum(widths) + spacing * (columns + 1) + 2 * border
    total_height = sum(max((h for _, _, h in cells), default=0.0) for cells in rows)
    return total_width, total_height + spacing * (len(rows) + 1) + 2 * border


def _label_size(label: str, size: float) -> tuple[float, float]:
    """The size of an HTML-like label's content (a table or formatted text)."""
    try:
        root = ElementTree.fromstring(f"<label>{_ENTITY.sub('&amp;', label)}</label>")
    except ElementTree.ParseError:
        text = re.sub(r"<[^>]*>", " ", label)
        return text_width(text, size), size * _LINE_SPACING
    lines = _Lines()
    _inline(root, lines, size, False)
    return lines.size()


def estimated_size(statement: str, size: float = FONT_SIZE) -> tuple[float, float]:
    """Width and height in points graphviz would give the node of ``statement`` (the header's defaults)."""
    label, rest = _html_label(statement)
    attributes = dict(_ATTRIBUTE.findall(rest))
    try:
        size = float(attributes.get("fontsize") or size)
    except ValueError:
        pass
    width, height = _label_size(label, size) if label is not None else (text_width("Node", size), size)
    if attributes.get("shape") in ("plain", "plaintext", "none"):
        return width, height
    margin_x, _, margin_y = (attributes.get("margin") or "0.07,0.03").partition(",")
    try:
        width += 2 * float(margin_x) * _INCH
        height += 2 * float(margin_y or margin_x) * _INCH
    except ValueError:
        pass
    extra = 8.0 * (int(attributes.get("peripheries") or 1) - 1)  # each extra border, 4 points a side
    return max(width + extra, 0.3 * _INCH), max(height + extra, 0.2 * _INCH)


def estimated_sizes(statements: list[str]) -> dict[str, tuple[float, float]]:
    """Estimated size of each node statement, by node name (as :func:`.outline.node_sizes` returns them)."""
    sizes = {}
    for statement in statements:
        name = statement.split(" [", 1)[0].strip()
        if name.startswith('"') and name.endswith('"'):
            name = name[1:-1].replace('\\"', '"')
        sizes[name] = estimated_size(statement)
    return sizes
