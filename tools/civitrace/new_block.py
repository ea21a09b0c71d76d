"""A ready block of any kind: the next free ID of the project's pattern, every option with a valid value.

``civitrace new`` prints it and the language server offers its ID; both ask the
vocabulary which options a kind has and what they accept, so new kinds get blocks
without code here. The placeholders are checked against the project with the rules
themselves: the block passes ``civitrace check`` as pasted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .i18n import _
from .model import Project, TraceObject
from .reader import read_source
from .rules import check
from .vocabulary import ID_PATTERN, KINDS, OptionSpec, ValueType

_NUMBERED = re.compile(r"(?P<prefix>.*?)(?P<digits>\d+)")
_FIRST_SEGMENT = re.compile(r"[A-Za-z][A-Za-z0-9]*[-_.]")


def choices_of(option: OptionSpec) -> tuple[str, ...]:
    """The values an option allows, when they can be listed (choices, yes/no)."""
    if option.type in (ValueType.CHOICE, ValueType.CHOICES):
        return option.choices
    if option.type is ValueType.YES_NO:
        return ("yes", "no")
    return ()


class BlockError(ValueError):
    """A request that cannot give a valid block (unknown ID, option the kind does not have)."""


@dataclass(frozen=True)
class _Pattern:
    prefix: str
    width: int  # digits kept with zero-padding (0: no padding)
    last: int


def _patterns(ids: Iterable[str]) -> list[tuple[str, int, str]]:
    found = []
    for object_id in ids:
        match = _NUMBERED.fullmatch(object_id)
        if match:
            found.append((match["prefix"], int(match["digits"]), match["digits"]))
    return found


def _pattern_of(ids: list[str]) -> _Pattern | None:
    """The most used numbered pattern among ``ids`` (ties: the one written last)."""
    numbered = _patterns(ids)
    if not numbered:
        return None
    counts = Counter(prefix for prefix, _, _ in numbered)
    best = max(counts.values())
    prefix = next(p for p, _, _ in reversed(numbered) if counts[p] == best)
    same = [(number, digits) for p, number, digits in numbered if p == prefix]
    padded = any(len(digits) > 1 and digits.startswith("0") for _, digits in same)
    width = max(len(digits) for _, digits in same) if padded else 0
    return _Pattern(prefix, width, max(number for number, _ in same))


def _default_pattern(kind: str, ids: list[str]) -> _Pattern:
    """For a kind without numbered IDs yet: its IDs' common first segment (``AXE-``), else its initial."""
    segments = {m.group(0) for m in (_FIRST_SEGMENT.match(i) for i in ids) if m}
    prefix = segments.pop() if len(segments) == 1 else f"{kind[0].upper()}-"
    return _Pattern(prefix, 2, 0)


def next_id(project: Project, kind: str, near: Iterable[TraceObject] = ()) -> str:
    """The next free ID for a new object of ``kind``, following the project's pattern.

    ``near`` are objects the new one sits with (the measures of its axis, say): their
    pattern wins when they have one. The ID collides with no ID of any kind.
    """
    own = [o.id for o in project.of_kind(kind)]
    pattern = _pattern_of([o.id for o in near if o.kind == kind]) or _pattern_of(own) or _default_pattern(kind, own)
    taken = {o.id for o in project.objects}
    number = pattern.last + 1
    while True:
        candidate = f"{pattern.prefix}{number:0{pattern.width}d}"
        if candidate not in taken and ID_PATTERN.fullmatch(candidate):
            return candidate
        number += 1


def _free_target(project: Project, kind: str, option: str, targets: tuple[str, ...]) -> str | None:
    """An object of the ``targets`` kinds that no ``kind`` names through ``option`` yet, else the last one."""
    candidates = [o for t in targets for o in project.of_kind(t) if o.has_own_id and project.by_id.get(o.id) is o]
    for obj in candidates:
        if not project.referrers(kind, option, obj.id):
            return obj.id
    return candidates[-1].id if candidates else None


def validate_ids(project: Project, ids: Iterable[str], targets: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Check that each ID exists and is of one of ``targets``; raise :class:`BlockError` otherwise."""
    checked = []
    for object_id in ids:
        obj = project.by_id.get(object_id)
        if obj is None:
            raise BlockError(
                _("unknown {kinds} '{id}' for {what}").format(kinds=" or ".join(targets), id=object_id, what=what)
            )
        if obj.kind not in targets:
            raise BlockError(
                _("'{id}' is a {kind}, not a {kinds} ({what})").format(
                    id=object_id, kind=obj.kind, kinds=" or ".join(targets), what=what
                )
            )
        checked.append(object_id)
    return tuple(checked)


def _placeholder(spec: OptionSpec, dates_before: int, today: dt.date) -> str | None:
    """A valid value for an option of this type (dates a year apart, in the vocabulary's order)."""
    day = today.replace(year=today.year + dates_before) if not (today.month == 2 and today.day == 29) else today
    if spec.type is ValueType.DATE:
        return day.isoformat()
    if spec.type is ValueType.MILESTONES:
        return f"{day.isoformat()} {_('First step')}"
    if spec.type is ValueType.INTEGER:
        return str(spec.minimum if spec.minimum is not None else 0)
    if spec.type is ValueType.NUMBER:
        return "1"
    if spec.type in (ValueType.CHOICE, ValueType.CHOICES):
        return spec.choices[0] if spec.choices else None
    if spec.type is ValueType.YES_NO:
        return "no"
    if spec.type is ValueType.URL:
        return "https://example.org/"
    return _("to be completed")


@dataclass
class NewBlock:
    """What ``new`` prints: the block's text, the folder the vocabulary puts the kind in, what is left to do."""

    kind: str
    id: str
    text: str
    folder: str
    #: what the rules still say about the block alone (a new recommendation is not covered yet)
    remaining: list[Diagnostic]


def new_block(
    project: Project,
    kind: str,
    preset: Mapping[str, Iterable[str]] | None = None,
    about: str | None = None,
    today: dt.date | None = None,
) -> NewBlock:
    """A block of ``kind`` for ``project``, with ``preset`` ID options (``{"axis": ["AXE-1"]}``).

    ``about`` is the argument of kinds without an ID of their own (the recommendation a
    response is about). Raises :class:`BlockError` for IDs that do not exist or do not fit.
    """
    today = today or dt.date.today()
    spec = KINDS[kind]
    if about is not None and spec.has_title:
        raise BlockError(
            _("a {kind} has an ID of its own: --for is for kinds that are about another object").format(kind=kind)
        )
    preset = dict(preset or {})
    values: dict[str, str] = {}
    near: list[TraceObject] = []
    for name, ids in preset.items():
        option = spec.options.get(name)
        if option is None or option.type not in (ValueType.ID, ValueType.IDS):
            raise BlockError(_("a {kind} has no option '{option}' naming other objects").format(kind=kind, option=name))
        checked = validate_ids(project, ids, option.targets, f":{name}:")
        if not checked:
            raise BlockError(_("':{option}:' needs at least one ID").format(option=name))
        if option.type is ValueType.ID and len(checked) != 1:
            raise BlockError(_("':{option}:' takes a single ID").format(option=name))
        values[name] = ", ".join(checked)
        near.extend(o for i in checked for o in project.objects if any(link.target == i for link in o.links()))

    if spec.has_title:
        argument = f"{next_id(project, kind, near)} {_('Title to be written')}"
        object_id = argument.split(" ", 1)[0]
    else:
        target = spec.argument_target or ""
        if about is not None:
            validate_ids(project, [about], (target,), kind)
            object_id = about
        else:
            found = _free_target(project, kind, "argument", (target,))
            if found is None:
                raise BlockError(
                    _("a {kind} is about a {target}, and the project has none").format(kind=kind, target=target)
                )
            object_id = found
        argument = object_id
    dates = 0
    for name, option in spec.options.items():
        if name in values:
            continue
        if option.type in (ValueType.ID, ValueType.IDS):
            found = _free_target(project, kind, name, option.targets)
            if found is not None:
                values[name] = found
            continue
        value = _placeholder(option, dates if option.type is ValueType.DATE else 0, today)
        if option.type is ValueType.DATE:
            dates += 1
        if value is not None:
            values[name] = value
    # Keep the vocabulary's order of options.
    values = {name: values[name] for name in spec.options if name in values}
    values, remaining = _make_valid(project, kind, argument, values, set(preset), today)
    text = _render(kind, argument, values)
    return NewBlock(kind, object_id, text, spec.folder, remaining)


def _render(kind: str, argument: str, values: Mapping[str, str]) -> str:
    lines = [f":::{{{kind}}} {argument}"]
    lines += [f":{name}: {value}" for name, value in values.items()]
    lines += ["", _("Text to be written."), ":::", ""]
    return "\n".join(lines)


def _problems(
    project: Project, kind: str, argument: str, values: Mapping[str, str], today: dt.date
) -> list[Diagnostic]:
    """What the rules say about the block, read as a new file of the project."""
    rel = f"{KINDS[kind].folder}/civitrace-new-block.md"
    result = read_source(_render(kind, argument, values), rel)
    merged = Project.from_parts(
        [*project.objects, *result.objects], [*project.reader_diagnostics, *result.diagnostics], project.doctrine
    )
    return [d for d in check(merged, as_of=today) if d.location.path == rel]


def _score(found: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(d.is_error for d in found)
    return errors, len(found) - errors


def _make_valid(
    project: Project, kind: str, argument: str, values: dict[str, str], fixed: set[str], today: dt.date
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Try the other allowed values of choices, then leave out optional options, until the rules agree.

    Returns the values kept and what the rules still say (a new recommendation, for one, stays
    uncovered until a measure or a response answers it).
    """
    spec = KINDS[kind]
    found = _problems(project, kind, argument, values, today)
    for name in list(values):
        if not found:
            break
        option = spec.options[name]
        if name in fixed:
            continue
        trials: list[str | None] = list(choices_of(option))
        if not option.required:
            trials.append(None)
        for trial in trials:
            candidate = dict(values)
            if trial is None:
                del candidate[name]
            else:
                candidate[name] = trial
            trial_found = _problems(project, kind, argument, candidate, today)
            if _score(trial_found) < _score(found):
                found, values = trial_found, candidate
                if not found:
                    break
    return values, found
