"""What changed between two versions of a project: a pure comparison of two :class:`Project`.

Objects are matched by key (their ID; for a response its recommendation; for an
assessment its recommendation and session date). A change is one fact a
reader of a council report cares about: an object added or removed, a new
title, an option's new value, links gained or lost, a rewritten text, a
recommendation that became covered or stopped being so. Whitespace and the
place of an object in the files are not changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ..model import Project, TraceObject
from ..progress import Coverage, coverage
from ..register_vocabulary import ADDED_SUMMARY
from ..vocabulary import KINDS, ValueType


class ChangeType(StrEnum):
    """The kinds of change, in the order they are listed for one object."""

    ADDED = "added"
    REMOVED = "removed"
    RETITLED = "retitled"
    VALUE = "value"  # a non-link option: status, progress, decision, due, owner, grade, ...
    LINKS = "links"  # an ID option gained or lost targets: responds, axis, principle, measure
    TEXT = "text"  # the body (justification, description, comment) was rewritten
    COVERAGE = "coverage"  # a recommendation became covered, or stopped being so


# For one object: added/removed, title, then options in vocabulary order (values and links alike), text, coverage.
_TYPE_ORDER = {t: i for i, t in enumerate(ChangeType)}
_TYPE_ORDER[ChangeType.LINKS] = _TYPE_ORDER[ChangeType.VALUE]
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class Change:
    """One change of one object.

    ``title`` is the object's title in the newer version (the older one when it
    was removed); ``date`` is an assessment's session date (ISO), else None.
    ``before``/``after`` are typed values (VALUE, RETITLED, COVERAGE: booleans;
    LINKS: tuples of IDs); ``added``/``removed`` the IDs a LINKS change gained and lost.
    """

    type: ChangeType
    kind: str
    id: str
    key: str
    title: str = ""
    date: str | None = None
    option: str | None = None
    before: object = None
    after: object = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The changes between two versions and the coverage of the recommendations in each."""

    changes: tuple[Change, ...]
    coverage_before: Coverage
    coverage_after: Coverage

    def __bool__(self) -> bool:
        return bool(self.changes)

    def count(self, *types: ChangeType) -> int:
        return sum(1 for c in self.changes if not types or c.type in types)


def natural_key(text: str) -> tuple:
    """Sort ``M-2`` before ``M-10``: digit runs compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def _first_by_key(project: Project) -> dict[str, TraceObject]:
    # On duplicates the first written wins, as for Project.by_id.
    found: dict[str, TraceObject] = {}
    for obj in project.objects:
        found.setdefault(obj.key, obj)
    return found


def option_value(obj: TraceObject, option: str) -> object:
    """The typed value of an option, or the raw text when it did not parse (None when absent)."""
    if option in obj.values:
        return obj.values[option]
    return obj.raw.get(option)


def _squash(text: str) -> str:
    # Rewrapping a paragraph is not a change of its text.
    return " ".join(text.split())


def _session(obj: TraceObject) -> str | None:
    # the date that tells two assessments (or two evaluations) of one object apart
    date = obj.values.get(obj.spec.key_option) if obj.spec.key_option else None
    return date.isoformat() if date is not None and hasattr(date, "isoformat") else None


def _make(type_: ChangeType, obj: TraceObject, **fields: object) -> Change:
    return Change(type_, obj.kind, obj.id, obj.key, obj.title, _session(obj), **fields)  # type: ignore[arg-type]


def compare_objects(before: TraceObject, after: TraceObject) -> Iterator[Change]:
    """The changes from one version of an object to the next (same key and kind)."""
    if before.title != after.title:
        yield _make(ChangeType.RETITLED, after, before=before.title, after=after.title)
    for name, spec in KINDS[after.kind].options.items():
        old, new = option_value(before, name), option_value(after, name)
        if old == new:
            continue
        if spec.type in (ValueType.ID, ValueType.IDS):
            old_ids, new_ids = before.ids(name), after.ids(name)
            yield _make(
                ChangeType.LINKS,
                after,
                option=name,
                before=old_ids,
                after=new_ids,
                added=tuple(i for i in new_ids if i not in old_ids),
                removed=tuple(i for i in old_ids if i not in new_ids),
            )
        else:
            yield _make(ChangeType.VALUE, after, option=name, before=old, after=new)
    # Options the vocabulary does not know are reported by `check`; a change in them is still a change.
    unknown = sorted((set(before.raw) | set(after.raw)) - set(KINDS[after.kind].options))
    for name in unknown:
        if before.raw.get(name) != after.raw.get(name):
            yield _make(ChangeType.VALUE, after, option=name, before=before.raw.get(name), after=after.raw.get(name))
    if _squash(before.body) != _squash(after.body):
        yield _make(ChangeType.TEXT, after)


def _coverage_changes(before: Project, after: Project) -> Iterator[Change]:
    for rec in after.of_kind("recommendation"):
        old = before.by_id.get(rec.id)
        if after.by_id.get(rec.id) is not rec or old is None or old.kind != "recommendation":
            continue
        was, now = before.is_covered(rec.id), after.is_covered(rec.id)
        if was != now:
            yield _make(ChangeType.COVERAGE, rec, before=was, after=now)


def compare(before: Project, after: Project) -> Comparison:
    """Every change from ``before`` to ``after``, grouped by kind, then by ID, then by type."""
    old_objects, new_objects = _first_by_key(before), _first_by_key(after)
    changes: list[Change] = []
    for key, new in new_objects.items():
        old = old_objects.get(key)
        if old is None or old.kind != new.kind:
            summary = ADDED_SUMMARY.get(new.kind)
            if summary and summary in new.values:  # "a new evaluation and its result"
                changes.append(_make(ChangeType.ADDED, new, option=summary, after=new.values[summary]))
            else:
                changes.append(_make(ChangeType.ADDED, new))
        else:
            changes.extend(compare_objects(old, new))
    for key, old in old_objects.items():
        new = new_objects.get(key)
        if new is None or new.kind != old.kind:
            changes.append(_make(ChangeType.REMOVED, old))
    changes.extend(_coverage_changes(before, after))
    changes.sort(key=_order)
    return Comparison(tuple(changes), coverage(before), coverage(after))


def _order(change: Change) -> tuple:
    options = list(KINDS[change.kind].options)
    option_rank = options.index(change.option) if change.option in options else len(options)
    return (
        _KIND_ORDER.get(change.kind, len(_KIND_ORDER)),
        natural_key(change.id),
        change.date or "",
        _TYPE_ORDER[change.type],
        option_rank,
        change.option or "",
    )
