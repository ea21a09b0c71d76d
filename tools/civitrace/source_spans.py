"""Where, in a file's text, each ID and option of the reader's objects is written.

The reader says which objects a file holds and on which line each one opens; an
editor needs columns too: the ID under the cursor, the value of an option, the
target of a ``{trace}`` role. This module maps the reader's objects back onto the
text they came from; it decides nothing about what the text means (the reader and
the vocabulary do).

Columns are code-point offsets in the line (Python string indices); the language
server converts them to the client's encoding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import TraceObject
from .reader import fences
from .vocabulary import ValueType

#: An option line of a directive, possibly inside a block quote or a list item.
_OPTION_LINE = re.compile(r"^(?P<lead>[ \t>]*):(?P<name>[A-Za-z][A-Za-z0-9_-]*):(?P<rest>.*)$")
_YAML_OPTION_LINE = re.compile(r"^(?P<lead>[ \t>]*)(?P<name>[A-Za-z][A-Za-z0-9_-]*):(?P<rest>.*)$")
_ROLE = re.compile(r"\{trace\}`(?P<content>[^`\n]+)`")
#: Directives whose content is code, not Markdown: roles in them are not links.
_LITERAL_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "literalinclude", "code-cell"})


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of one line: 0-based line, start and end columns (end excluded)."""

    line: int
    start: int
    end: int

    def contains(self, line: int, column: int) -> bool:
        """Whether a cursor at ``line``/``column`` touches this span (either end included)."""
        return line == self.line and self.start <= column <= self.end


@dataclass(frozen=True)
class Occurrence:
    """One place where an ID is written.

    ``role`` is ``definition`` (an object's own ID), ``argument`` (the recommendation
    a response is about), ``option`` (an ID in an ID option) or ``trace`` (a role).
    ``targets`` are the kinds the ID must be (empty: any kind).
    """

    id: str
    span: Span
    role: str
    option: str = ""
    targets: tuple[str, ...] = ()
    obj: TraceObject | None = None


@dataclass(frozen=True)
class OptionLine:
    """An option line of an object's block: its name and its value, where they are written."""

    obj: TraceObject
    name: str
    name_span: Span
    value_span: Span
    value: str


@dataclass
class FileSpans:
    """Every occurrence of an ID and every option line of one file."""

    occurrences: list[Occurrence] = field(default_factory=list)
    options: list[OptionLine] = field(default_factory=list)

    def occurrence_at(self, line: int, column: int) -> Occurrence | None:
        """The occurrence under the cursor, if any."""
        for occurrence in self.occurrences:
            if occurrence.span.contains(line, column):
                return occurrence
        return None

    def options_on(self, line: int) -> list[OptionLine]:
        """Option lines written on ``line``."""
        return [o for o in self.options if o.name_span.line == line]


def map_spans(text: str, objects: list[TraceObject]) -> FileSpans:
    """Map ``objects`` (read from ``text`` by the reader) back onto ``text``."""
    lines = text.splitlines()
    found = FileSpans()
    for obj in objects:
        _map_object(lines, obj, found)
    found.occurrences.extend(_roles(text, lines))
    found.occurrences.sort(key=lambda o: o.span)
    return found


def _map_object(lines: list[str], obj: TraceObject, found: FileSpans) -> None:
    index = obj.location.line - 1
    if not 0 <= index < len(lines):
        return
    opening = lines[index]
    marker = re.search(r"\{" + re.escape(obj.kind) + r"\}[ \t]*", opening)
    if marker and opening.startswith(obj.id, marker.end()):
        span = Span(index, marker.end(), marker.end() + len(obj.id))
        spec = obj.spec
        if spec.has_title:
            found.occurrences.append(Occurrence(obj.id, span, "definition", obj=obj))
        elif spec.argument_target:
            found.occurrences.append(Occurrence(obj.id, span, "argument", "argument", (spec.argument_target,), obj))
    for option in _option_lines(lines, index, obj):
        found.options.append(option)
        spec = obj.spec.options.get(option.name)
        if spec is None or spec.type not in (ValueType.ID, ValueType.IDS):
            continue
        for item, span in split_items(option.value_span, option.value):
            found.occurrences.append(Occurrence(item, span, "option", option.name, spec.targets, obj))


def _option_lines(lines: list[str], index: int, obj: TraceObject) -> list[OptionLine]:
    """The option lines right under the opening line (``:name: value``, or a ``---`` block)."""
    result = []
    row = index + 1
    pattern = _OPTION_LINE
    if row < len(lines) and lines[row].strip(" \t>") == "---":
        pattern, row = _YAML_OPTION_LINE, row + 1
    while row < len(lines):
        match = pattern.match(lines[row])
        if match is None or match["name"] not in obj.raw:
            break
        rest_start = match.start("rest")
        value = match["rest"].strip()
        value_start = rest_start + (len(match["rest"]) - len(match["rest"].lstrip())) if value else rest_start + 1
        value_start = min(value_start, len(lines[row]))
        result.append(
            OptionLine(
                obj,
                match["name"],
                Span(row, match.start("name"), match.end("name")),
                Span(row, value_start, value_start + len(value)),
                value,
            )
        )
        row += 1
    return result


def split_items(value_span: Span, value: str) -> list[tuple[str, Span]]:
    """The comma-separated items of a value, each with its own span."""
    items = []
    offset = 0
    for part in value.split(","):
        stripped = part.strip()
        if stripped:
            start = value_span.start + offset + (len(part) - len(part.lstrip()))
            items.append((stripped, Span(value_span.line, start, start + len(stripped))))
        offset += len(part) + 1
    return items


def _roles(text: str, lines: list[str]) -> list[Occurrence]:
    """The targets of ``{trace}`` roles, outside code blocks."""
    if "{trace}" not in text:
        return []
    literal = set()
    for fence in fences(text):
        info = fence.info.strip()
        name = info[1 : info.find("}")] if info.startswith("{") and "}" in info else None
        if name is None or name in _LITERAL_DIRECTIVES:
            literal.update(range(fence.map[0], fence.map[1]))
    found = []
    for row, line in enumerate(lines):
        if "{trace}" not in line or row in literal:
            continue
        for match in _ROLE.finditer(line):
            content = match["content"]
            start = match.start("content")
            if content.rstrip().endswith(">") and "<" in content:
                inner = content.rindex("<") + 1
                target = content[inner : content.rstrip().rindex(">")].strip()
                start += inner + (len(content[inner:]) - len(content[inner:].lstrip()))
            else:
                target = content.strip()
                start += len(content) - len(content.lstrip())
            found.append(Occurrence(target, Span(row, start, start + len(target)), "trace"))
    return found
