"""From civitrace's places (0-based lines, code-point columns) to the protocol's, and back."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..diagnostics import Diagnostic, Severity
from ..source_spans import FileSpans, Span
from ..vocabulary import ValueType

_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}
#: Codes whose last ID is the reference at fault: the diagnostic underlines it.
_REFERENCE_CODES = frozenset({"unknown-reference", "wrong-kind"})
#: Codes about one option's name or value: the diagnostic underlines that option line.
_OPTION_CODES = frozenset({"unknown-option", "invalid-value", "invalid-date"})
#: Codes whose place is narrowed with the file's spans (the others underline their line).
NARROWED_CODES = _REFERENCE_CODES | _OPTION_CODES


def lines_of(text: str | None) -> list[str]:
    """A text's lines, without their ends (an empty text has one empty line)."""
    return (text or "").splitlines() or [""]


def to_range(codec: PositionCodec, lines: Sequence[str], span: Span) -> types.Range:
    """A span as a protocol range, in the client's position encoding."""
    if span.line >= len(lines):
        # A line the text does not have (an undecodable file, the settings file): keep the line, column 0.
        return types.Range(types.Position(span.line, 0), types.Position(span.line, 0))
    return codec.range_to_client_units(
        lines, types.Range(types.Position(span.line, span.start), types.Position(span.line, span.end))
    )


def from_position(codec: PositionCodec, lines: Sequence[str], position: types.Position) -> tuple[int, int]:
    """A protocol position as a 0-based line and a code-point column."""
    if position.line >= len(lines):
        return position.line, 0
    server = codec.position_from_client_units(lines, position)
    return server.line, server.character


def line_span(lines: Sequence[str], row: int) -> Span:
    """The written part of one line (without leading blanks)."""
    if not 0 <= row < len(lines):
        return Span(max(row, 0), 0, 0)
    line = lines[row]
    return Span(row, len(line) - len(line.lstrip()), len(line))


def diagnostic_span(diagnostic: Diagnostic, lines: Sequence[str], spans: FileSpans) -> Span:
    """Where to underline a diagnostic: the faulty ID or option when it can be told, else its line."""
    row = diagnostic.location.line - 1
    if diagnostic.code in _REFERENCE_CODES and diagnostic.ids:
        target = diagnostic.ids[-1]
        for occurrence in spans.occurrences:
            if (
                occurrence.id == target
                and occurrence.role in ("option", "argument")
                and occurrence.obj is not None
                and occurrence.obj.location.line - 1 == row
            ):
                return occurrence.span
    if diagnostic.code in _OPTION_CODES:
        faulty = [
            option
            for option in spans.options
            if option.obj.location.line - 1 == row and _option_is_faulty(option.obj, option.name, diagnostic.code)
        ]
        if len(faulty) == 1:
            option = faulty[0]
            return option.name_span if diagnostic.code == "unknown-option" else option.value_span
    return line_span(lines, row)


def _option_is_faulty(obj: object, name: str, code: str) -> bool:
    spec = obj.spec.options.get(name)  # type: ignore[attr-defined]
    if code == "unknown-option":
        return spec is None
    if spec is None or name in obj.values:  # type: ignore[attr-defined]
        return False
    is_date = spec.type in (ValueType.DATE, ValueType.MILESTONES)
    return is_date == (code == "invalid-date")


def to_diagnostic(diagnostic: Diagnostic, range_: types.Range) -> types.Diagnostic:
    """One civitrace diagnostic as the protocol's: same code, same message."""
    return types.Diagnostic(
        range=range_,
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source="civitrace",
    )
