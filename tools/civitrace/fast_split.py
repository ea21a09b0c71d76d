"""A fast path for splitting the common shape of a traced directive.

MyST's ``parse_directive_text`` tokenizes options with a YAML-like scanner,
which dominates ``civitrace check`` on large projects. Nearly every traced
directive has the plain shape ``:key: value`` lines, an optional blank line,
then the body; for that shape the split is simple and this module does it.
Anything else (``---`` blocks, quoted or special values, comments, repeated
keys) returns ``None`` and the caller uses MyST, so results never differ; a
test compares both on many inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A key MyST reads as a plain YAML scalar, followed by a value safe to read as plain text.
_OPTION = re.compile(
    r":(?P<key>[A-Za-z][A-Za-z0-9_-]*):"
    r"(?:[ ]+(?P<value>[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\t\x00-\x1f\x7f#:]|:(?! |$)|(?<! )#)*?))?"
    r"[ ]*"
)


@dataclass(frozen=True)
class Split:
    """The parts of a directive, as MyST's ``DirectiveParsingResult`` gives them (the body joined)."""

    arguments: list[str]
    options: dict[str, str]
    body: str
    body_offset: int


#: Line ends other than ``\n`` that MyST's ``splitlines`` splits on (and rejoins with ``\n``).
_OTHER_LINE_ENDS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def split_simple(first_line: str, content: str) -> Split | None:
    """Split a directive of the plain shape, or return ``None`` to let MyST do it."""
    if _OTHER_LINE_ENDS.search(content):
        return None
    options: dict[str, str] = {}
    start = 0  # offset of the current line in ``content``
    count = 0
    length = len(content)
    # Only the option lines at the top are looked at; the body is sliced off whole, not split into lines.
    while start < length and content.startswith(":", start) and not content.startswith(":::", start):
        end = content.find("\n", start)
        end = length if end < 0 else end
        match = _OPTION.fullmatch(content, start, end)
        if match is None or match["key"] in options:
            return None
        value = match["value"] or ""
        if value.endswith(":"):
            return None
        options[match["key"]] = value
        count += 1
        start = end + 1
    rest = content[start:] if start < length else ""
    if rest[:1].isspace() and rest.lstrip(" \t").startswith(":"):
        return None  # indented option lines: leave them to MyST
    if count == 0 and content.lstrip().startswith((":", "---")):
        return None
    offset = count
    first, newline, after = rest.partition("\n")
    if not first.strip() and (newline or first):
        rest = after  # one blank line between options and body is not part of the body
        offset += 1
    body = rest.rstrip("\n")
    arguments = first_line.split(None, 0) if first_line.split() else []
    return Split(arguments, options, body, offset)
