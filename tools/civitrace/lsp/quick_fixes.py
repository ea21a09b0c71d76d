"""Quick fixes for the simple cases: an unknown ID, value or option name close to a right one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..i18n import _
from ..model import Project
from ..new_block import choices_of
from ..source_spans import FileSpans, Span, split_items
from ..vocabulary import ValueType

#: How close a suggestion must be (difflib's ratio).
_CUTOFF = 0.6
_SUGGESTIONS = 3


@dataclass(frozen=True)
class Fix:
    """Replace ``span`` with ``text``; ``code`` is the diagnostic code it answers."""

    title: str
    span: Span
    text: str
    code: str


def fixes_on(project: Project, spans: FileSpans, first_line: int, last_line: int) -> list[Fix]:
    """The quick fixes for the IDs, values and option names written on these lines."""
    found: list[Fix] = []
    for occurrence in spans.occurrences:
        if not first_line <= occurrence.span.line <= last_line or occurrence.role == "definition":
            continue
        target = project.by_id.get(occurrence.id)
        if target is not None and (not occurrence.targets or target.kind in occurrence.targets):
            continue
        code = "unknown-reference" if target is None else "wrong-kind"
        candidates = {
            obj.id: obj.title
            for obj in project.by_id.values()
            if not occurrence.targets or obj.kind in occurrence.targets
        }
        for match in difflib.get_close_matches(occurrence.id, list(candidates), _SUGGESTIONS, _CUTOFF):
            title = _("Replace with {id} ({title})").format(id=match, title=candidates[match])
            found.append(Fix(title, occurrence.span, match, code))
    for option in spans.options:
        if not first_line <= option.name_span.line <= last_line:
            continue
        spec = option.obj.spec.options.get(option.name)
        if spec is None:
            for match in difflib.get_close_matches(option.name, list(option.obj.spec.options), _SUGGESTIONS, _CUTOFF):
                title = _("Replace with the option '{option}'").format(option=match)
                found.append(Fix(title, option.name_span, match, "unknown-option"))
        elif choices_of(spec) and option.value:
            items = split_items(option.value_span, option.value) if spec.type is ValueType.CHOICES else []
            for value, span in items or [(option.value, option.value_span)]:
                if value in choices_of(spec):
                    continue
                for match in difflib.get_close_matches(value, list(choices_of(spec)), _SUGGESTIONS, 0.5):
                    title = _("Replace with '{value}'").format(value=match)
                    found.append(Fix(title, span, match, "invalid-value"))
    return found
