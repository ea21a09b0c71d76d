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
    """The parts of a directive, as MyST's ``DirectiveParsingResult`` gives them."""

    arguments: list[str]
    options: dict[str, str]
    body: list[str]
    body_offset: int


def split_simple(first_line: str, content: str) -> Split | None:
    """Split a directive of the plain shape, or return ``None`` to let MyST do it."""
    lines = content.splitlines()
    options: dict[str, str] = {}
    count = 0
    for line in lines:
        if not line.startswith(":") or line.startswith(":::"):
            if line.lstrip().startswith(":"):
                return None  # indented option lines: leave them to MyST
            break
        match = _OPTION.fullmatch(line)
        if match is None or match["key"] in options:
            return None
        value = match["value"] or ""
        if value.endswith(":"):
            return None
        options[match["key"]] = value
        count += 1
    if count == 0 and content.lstrip().startswith((":", "---")):
        return None
    body = lines[count:]
    offset = count
    if body and not body[0].strip():
        body = body[1:]
        offset += 1
    arguments = first_line.split(None, 0) if first_line.split() else []
    return Split(arguments, options, body, offset)
