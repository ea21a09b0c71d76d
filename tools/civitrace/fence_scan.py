"""Finding fenced blocks without a full Markdown parse, for the common shape of a file.

A traced project is mostly headings, paragraphs and directives written as
fences at the start of a line. For such text, where fences start and end
follows from a few CommonMark rules, and a scan that jumps from one
interesting line to the next finds them several times faster than
markdown-it's block parser. Any construct that could change the answer
(indented fences, block quotes, HTML blocks, front matter, reference
definitions) makes :func:`scan_fences` return ``None``, and the caller parses
with markdown-it instead. A test holds both to the same tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines that may open a fence or make the simple scan unsafe:
#: a fence marker at the start of the line, or up to three spaces or a tab before
#: a marker, a block quote, an HTML block or a reference definition.
_INTERESTING = re.compile(r"^(?:(?:```|~~~|:::)|[ ]{1,3}(?:`{3}|~{3}|:{3}|[<>\[])|[<>\[]|\t)", re.M)


@dataclass(frozen=True)
class Fence:
    """One fenced block at the top level, as markdown-it's fence tokens describe it."""

    markup: str
    info: str
    content: str
    #: 0-based line of the opening fence, and the line after the block (as markdown-it's ``map``).
    map: tuple[int, int]
    closed: bool


def scan_fences(text: str) -> list[Fence] | None:
    """The top-level fences of ``text`` in order, or ``None`` when a full parse is needed."""
    if text.startswith("---") or "\r" in text or "\x00" in text:
        return None  # front matter, or line ends and characters markdown-it normalizes first
    fences: list[Fence] = []
    length = len(text)
    pos = 0
    line = 0  # 0-based line number of ``pos``
    while True:
        found = _INTERESTING.search(text, pos)
        if found is None:
            return fences
        start = found.start()
        line += text.count("\n", pos, start)
        char = text[start]
        if char not in "`~:":
            return None  # indented marker, quote, HTML, reference, tab: leave it to markdown-it
        end = text.find("\n", start)
        end = length if end < 0 else end
        marker_end = start
        while marker_end < end and text[marker_end] == char:
            marker_end += 1
        markup = text[start:marker_end]
        info = text[marker_end:end]
        if char == "`" and "`" in info:
            pos, line = _next_line(end, length, line)  # not a fence: ordinary text
            continue
        closing = re.compile(r"^[ ]{0,3}" + re.escape(char) + "{" + str(len(markup)) + r",}[ \t]*$", re.M)
        body_start = min(end + 1, length)
        close = closing.search(text, body_start)
        body_lines = text.count("\n", body_start, close.start() if close else length)
        if close is None:
            content = text[body_start:]
            last = line + 1 + body_lines + (0 if content.endswith("\n") or not content else 1)
            fences.append(Fence(markup, info, content, (line, last), False))
            return fences
        fences.append(Fence(markup, info, text[body_start : close.start()], (line, line + body_lines + 2), True))
        close_end = text.find("\n", close.start())
        if close_end < 0:
            return fences
        pos = close_end + 1
        line = line + body_lines + 2


def _next_line(end: int, length: int, line: int) -> tuple[int, int]:
    return (end + 1, line + 1) if end < length else (length, line)
