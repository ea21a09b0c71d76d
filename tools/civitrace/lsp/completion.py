"""Completion: kinds, option names, allowed values and IDs of the right kind, all from the vocabulary."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator

from lsprotocol import types

from ..i18n import _
from ..model import Project, TraceObject
from ..new_block import choices_of, next_id
from ..source_spans import Span
from ..vocabulary import KINDS, ValueType, label_for
from .context import Cursor

#: An integer option offers its values when there are at most this many.
_MAX_LISTED_INTEGERS = 10
#: At most this many IDs are sent at once (the list is marked incomplete: the editor asks again as one types).
MAX_IDS = 100

RangeOf = Callable[[Span], types.Range]


def completions(cursor: Cursor, project: Project, range_of: RangeOf, today: dt.date) -> types.CompletionList:
    """The items for the place under the cursor (IDs: those matching what is typed, up to :data:`MAX_IDS`)."""
    # Items are made lazily: a project of 5,000 recommendations must not build 5,000 to send 100.
    items = list(itertools.islice(_items(cursor, project, range_of, today), MAX_IDS + 1))
    return types.CompletionList(is_incomplete=len(items) > MAX_IDS, items=items[:MAX_IDS])


def _matching(objects: Iterable[TraceObject], typed: str) -> Iterator[TraceObject]:
    """Objects whose ID starts with what is typed, or whose title contains it (ignoring case)."""
    typed = typed.lower()
    for obj in objects:
        if not typed or obj.id.lower().startswith(typed) or typed in obj.title.lower():
            yield obj


def _items(cursor: Cursor, project: Project, range_of: RangeOf, today: dt.date) -> Iterable[types.CompletionItem]:
    edit_range = range_of(cursor.replace)

    def item(
        label: str,
        detail: str = "",
        documentation: str = "",
        insert: str | None = None,
        sort: str | None = None,
        filter_text: str | None = None,
    ) -> types.CompletionItem:
        return types.CompletionItem(
            label=label,
            kind=types.CompletionItemKind.Value,
            detail=detail or None,
            documentation=documentation or None,
            text_edit=types.TextEdit(range=edit_range, new_text=label if insert is None else insert),
            filter_text=filter_text or label,
            sort_text=sort,
        )

    if cursor.where == "kind":
        return [item(name, _(spec.label), insert=f"{name}}}") for name, spec in KINDS.items()]
    if cursor.where == "trace":
        return (_id_item(item, obj) for obj in _matching(project.by_id.values(), cursor.prefix))
    if cursor.where == "argument":
        spec = KINDS.get(cursor.kind)
        if spec is None:
            return []
        if spec.has_title:
            return [item(next_id(project, cursor.kind), _("next free ID"))]
        target = spec.argument_target or ""
        own = (obj for obj in project.of_kind(target) if project.by_id.get(obj.id) is obj)
        return (_id_item(item, obj) for obj in _matching(own, cursor.prefix))
    if cursor.where == "option-name":
        spec = KINDS[cursor.kind]
        return [
            item(name, _(option.label), insert=f"{name}: ", sort=f"{index:03d}")
            for index, (name, option) in enumerate(spec.options.items())
            if name not in cursor.present
        ]
    if cursor.where == "option-value":
        return _values(cursor, project, item, today)
    return []


def _id_item(
    item: Callable[..., types.CompletionItem], obj: TraceObject, sort: str | None = None
) -> types.CompletionItem:
    # Filtered on the title too: typing "registre" finds the measure about the register.
    return item(
        obj.id, obj.title, f"{_(obj.spec.label)} {obj.id} — {obj.title}", sort=sort, filter_text=f"{obj.id} {obj.title}"
    )


def _values(
    cursor: Cursor, project: Project, item: Callable[..., types.CompletionItem], today: dt.date
) -> Iterable[types.CompletionItem]:
    option = KINDS[cursor.kind].options.get(cursor.option)
    if option is None:
        return []
    choices = choices_of(option)
    if choices:
        present = cursor.present if option.type is ValueType.CHOICES else frozenset()
        return [
            item(value, _(label_for(option.name, value, cursor.kind)), sort=f"{index:03d}")
            for index, value in enumerate(choices)
            if value not in present
        ]
    if option.type in (ValueType.ID, ValueType.IDS):
        present = cursor.present if option.type is ValueType.IDS else frozenset()
        return (
            _id_item(item, obj, f"{index:06d}")
            for index, obj in enumerate(
                _matching((o for kind in option.targets for o in project.of_kind(kind)), cursor.prefix)
            )
            if obj.id not in present and project.by_id.get(obj.id) is obj
        )
    if option.type in (ValueType.DATE, ValueType.MILESTONES):
        return [item(today.isoformat(), _("today"))]
    if option.type is ValueType.INTEGER and option.minimum is not None and option.maximum is not None:
        if option.maximum - option.minimum < _MAX_LISTED_INTEGERS:
            return [item(str(n), sort=f"{n - option.minimum:03d}") for n in range(option.minimum, option.maximum + 1)]
    return []
