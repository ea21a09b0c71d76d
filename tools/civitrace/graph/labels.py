"""Text in a DOT file: wrapping titles and escaping them for graphviz.

Two escaping rules matter, both checked against graphviz by the tests.
Node labels are graphviz *HTML-like* labels, where ``& < > "`` must be XML
entities; braces and ``|`` are plain text there (unlike in record labels), but
graphviz still expands ``\\N`` (the node's name), ``\\G``… in them, so each
backslash is doubled. Attributes such as ``tooltip`` and ``URL`` are
double-quoted *escString*s: the DOT reader first turns ``\\\\`` into ``\\``, then
the escString expansion does it again, so a backslash is written four times,
and ``"`` is escaped.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of printable text: line breaks and runs of spaces become one space, control characters go.

    Control characters are not allowed in XML 1.0: kept, they would make the SVG ill-formed.
    """
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


@functools.lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """Columns the text takes: wide East Asian characters count double, combining marks zero."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _split_long(word: str, width: int) -> list[str]:
    """Cut a word wider than a line (a URL, a long compound, a run of CJK text) into line-sized pieces."""
    pieces, current = [], ""
    for char in word:
        if current and display_width(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` into lines of at most ``width`` columns, breaking between words when possible.

    With ``max_lines``, the last kept line ends with an ellipsis when text was cut
    (the full text stays in the tooltip and the text alternative).
    """
    words: list[str] = []
    for word in clean(text).split(" "):
        words.extend(_split_long(word, width) if display_width(word) > width else [word] if word else [])
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if display_width(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return lines


def html_text(text: str) -> str:
    """Text for a graphviz HTML-like label: XML entities for ``& < > "``, backslashes doubled, controls dropped."""
    text = _CONTROL.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\\", "\\\\")


#: graphviz refuses quoted strings longer than 16,384 bytes; a character takes up to 4 bytes, escaping doubles it.
MAX_QUOTED_CHARACTERS = 1500
#: Titles longer than this are cut in a diagram's boxes (the object's page keeps the whole title).
MAX_LABEL_CHARACTERS = 300


def shortened(text: str, limit: int) -> str:
    """``text`` cut at ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quoted(value: object) -> str:
    """A DOT double-quoted string (escString): one line, quotes escaped, each backslash written four times."""
    return _quoted(str(value))


@functools.lru_cache(maxsize=65536)
def _quoted(text: str) -> str:
    # A site's diagrams repeat the same colours, styles and IDs thousands of times: each is quoted once.
    text = shortened(clean(text), MAX_QUOTED_CHARACTERS)
    return '"' + text.replace("\\", "\\" * 4).replace('"', '\\"') + '"'


def html_lines(lines: list[str]) -> str:
    """Lines joined by ``<BR/>`` for an HTML-like label."""
    return "<BR/>".join(html_text(line) for line in lines)
