"""What the cursor is on, for completion: a kind, an argument, an option's name or value, a role.

Only the text around the cursor is looked at (the author is typing: the reader's view of
the file may be a keystroke old); what each place accepts comes from the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..source_spans import Span
from ..vocabulary import KINDS

_OPENING = re.compile(r"^(?P<lead>[ \t>]*)(?::{3,}|`{3,}|~{3,})\{(?P<kind>[A-Za-z][A-Za-z0-9_-]*)\}(?P<rest>.*)$")
_KIND_PREFIX = re.compile(r"^[ \t>]*(?::{3,}|`{3,}|~{3,})\{(?P<prefix>[A-Za-z0-9_-]*)$")
_OPTION = re.compile(r"^(?P<lead>[ \t>]*):(?P<name>[A-Za-z][A-Za-z0-9_-]*):(?P<rest>.*)$")
_OPTION_NAME_PREFIX = re.compile(r"^[ \t>]*:(?P<prefix>[A-Za-z0-9_-]*)$")
_ROLE_PREFIX = re.compile(r"\{trace\}`(?P<content>[^`]*)$")
_ID_CHARS = re.compile(r"[A-Za-z0-9_.-]*")
#: How far up an option block is searched for its opening line.
_MAX_OPTIONS = 100


@dataclass(frozen=True)
class Cursor:
    """The place under the cursor.

    ``where`` is ``kind`` (after ``:::{``), ``argument`` (a directive's ID), ``option-name``,
    ``option-value``, ``trace`` (inside a role) or ``none``. ``replace`` is the stretch a
    completion replaces; ``prefix`` what is already typed of it.
    """

    where: str
    replace: Span
    prefix: str = ""
    kind: str = ""
    option: str = ""
    #: the options already written in the block, and the items already in a list value
    present: frozenset[str] = field(default_factory=frozenset)


def cursor_at(lines: Sequence[str], row: int, column: int) -> Cursor:
    """Describe the place at ``row``/``column`` (0-based, code points)."""
    line = lines[row] if 0 <= row < len(lines) else ""
    column = min(column, len(line))
    before = line[:column]
    after_id = _ID_CHARS.match(line, column)
    end = after_id.end() if after_id else column

    role = _ROLE_PREFIX.search(before)
    if role:
        content = role["content"]
        typed = content[content.rindex("<") + 1 :] if "<" in content else content
        typed = typed.lstrip()
        return Cursor("trace", Span(row, column - len(typed), end), typed)

    kind_prefix = _KIND_PREFIX.match(before)
    if kind_prefix:
        typed = kind_prefix["prefix"]
        return Cursor("kind", Span(row, column - len(typed), end), typed)

    opening = _OPENING.match(line)
    if opening and column >= opening.start("rest"):
        rest_start = opening.start("rest")
        typed = before[rest_start:]
        if typed.strip() and " " in typed.strip():
            return Cursor("none", Span(row, column, column))  # in the title
        typed_id = typed.strip()
        start = column - len(typed_id)
        return Cursor("argument", Span(row, start, end), typed_id, opening["kind"])

    kind, present = _enclosing_block(lines, row)
    if kind is None:
        return Cursor("none", Span(row, column, column))
    name_prefix = _OPTION_NAME_PREFIX.match(before)
    if name_prefix:
        typed = name_prefix["prefix"]
        # Replace the typed name, any rest of it, and the closing colon if it is there.
        stop = end + 1 if line[end : end + 1] == ":" else end
        written = _OPTION.match(line)
        if written:
            present = present - {written["name"]}
        return Cursor("option-name", Span(row, column - len(typed), stop), typed, kind, present=present)
    option = _OPTION.match(line)
    if option and column >= option.start("rest"):
        value = before[option.start("rest") :]
        typed = value.rsplit(",", 1)[-1].lstrip()
        items = frozenset(item.strip() for item in option["rest"].split(",") if item.strip()) - {typed}
        return Cursor("option-value", Span(row, column - len(typed), end), typed, kind, option["name"], items)
    return Cursor("none", Span(row, column, column))


def _enclosing_block(lines: Sequence[str], row: int) -> tuple[str | None, frozenset[str]]:
    """The kind of the traced directive whose option block holds ``row``, and the options written in it."""
    present: set[str] = set()
    for index in range(row, max(row - _MAX_OPTIONS, -1), -1):
        line = lines[index] if index < len(lines) else ""
        opening = _OPENING.match(line)
        if opening and index < row:
            kind = opening["kind"]
            if kind not in KINDS:
                return None, frozenset()
            break
        option = _OPTION.match(line)
        if option:
            present.add(option["name"])
        elif not (index == row and _OPTION_NAME_PREFIX.match(line)):
            return None, frozenset()
    else:
        return None, frozenset()
    for index in range(row + 1, min(row + _MAX_OPTIONS, len(lines))):
        option = _OPTION.match(lines[index])
        if not option:
            break
        present.add(option["name"])
    return kind, frozenset(present)
