"""Hover, definition, references and rename: what the model knows about the ID under the cursor.

Which kinds point at which is asked of the vocabulary (the kinds whose options or
argument target a kind), so new kinds show up in hovers and references by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import _
from ..model import Project, TraceObject
from ..project_cache import ProjectCache
from ..source_spans import Occurrence, Span
from ..vocabulary import ID_PATTERN, KINDS, ValueType, label_for

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


class RenameError(ValueError):
    """A rename that cannot be done (invalid or taken ID); the message is for the author."""


def md(text: str) -> str:
    """Escape text for Markdown, so a title shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def target_of(project: Project, occurrence: Occurrence) -> TraceObject | None:
    """The object an occurrence names (for a response's argument: its recommendation)."""
    return project.by_id.get(occurrence.id)


def _choices(obj: TraceObject) -> list[str]:
    """An object's choice values (status, decision…) as the site labels them; dates and numbers too
    for objects without a title of their own (a response, an assessment), which they tell apart."""
    shown = []
    for name, option in obj.spec.options.items():
        value = obj.values.get(name)
        if value is None:
            continue
        if option.type is ValueType.CHOICE and isinstance(value, str):
            shown.append(f"{_(option.label)} : {_(label_for(name, value, obj.kind))}")
        elif option.type is ValueType.YES_NO:
            shown.append(f"{_(option.label)} : {_(label_for(name, 'yes' if value else 'no', obj.kind))}")
        elif option.type is ValueType.CHOICES and isinstance(value, tuple):
            labels = ", ".join(_(label_for(name, str(v), obj.kind)) for v in value)
            shown.append(f"{_(option.label)} : {labels}")
        elif not obj.has_own_id and option.type in (ValueType.DATE, ValueType.INTEGER):
            shown.append(f"{_(option.label)} : {value}")
    return shown


def _one_line(obj: TraceObject) -> str:
    name = f"{obj.id} — {md(obj.title)}" if obj.has_own_id else f"{_(obj.spec.label)} {obj.id}"
    details = _choices(obj)
    return f"{name} ({'; '.join(details)})" if details else name


def referrers(project: Project, obj: TraceObject) -> Iterator[tuple[str, list[TraceObject]]]:
    """(heading, objects) for every kind and option of the vocabulary that can point at ``obj``."""
    for kind, spec in KINDS.items():
        if spec.argument_target == obj.kind:
            found = project.referrers(kind, "argument", obj.id)
            if found:
                yield _capital(_(spec.plural)), found
        for option in spec.link_options:
            if obj.kind in option.targets:
                found = project.referrers(kind, option.name, obj.id)
                if found:
                    yield f"{_capital(_(spec.plural))} ({_(option.label)})", found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def hover_text(project: Project, obj: TraceObject, problems: list[str]) -> str:
    """The hover of an ID, in Markdown: kind, title, status, where it is written and answered."""
    parts = [f"**{md(_(obj.spec.label))} {obj.id}** — {md(obj.title)}"]
    details = _choices(obj)
    if details:
        parts.append(" · ".join(details))
    parts.append(_("Written in {path}, line {line}.").format(path=f"`{obj.location.path}`", line=obj.location.line))
    for option in obj.spec.link_options:
        names = []
        for target in obj.ids(option.name):
            linked = project.by_id.get(target)
            names.append(_one_line(linked) if linked else md(target))
        if names:
            parts.append(f"{_(option.label)} : " + ", ".join(names))
    for heading, found in referrers(project, obj):
        parts.append(f"{heading} :\n" + "\n".join(f"- {_one_line(o)}" for o in found))
    parts.extend(f"⚠ {md(problem)}" for problem in problems)
    return "\n\n".join(parts)


def definition_of(cache: ProjectCache, obj: TraceObject) -> tuple[str, Span]:
    """The file and span where ``obj``'s ID is written in its opening line."""
    rel = obj.location.path
    for occurrence in cache.spans(rel).occurrences:
        if occurrence.obj is obj and occurrence.role in ("definition", "argument"):
            return rel, occurrence.span
    return rel, Span(obj.location.line - 1, 0, 0)


def occurrences_of(cache: ProjectCache, object_id: str, with_definition: bool) -> Iterator[tuple[str, Occurrence]]:
    """Every place in the project where ``object_id`` is written (options, arguments, roles, and its definition)."""
    for rel in cache.paths():
        for occurrence in cache.spans(rel).occurrences:
            if occurrence.id == object_id and (with_definition or occurrence.role != "definition"):
                yield rel, occurrence


def rename_edits(cache: ProjectCache, old: str, new: str) -> dict[str, list[Span]]:
    """The spans to rewrite, file by file, to rename ``old`` into ``new`` everywhere."""
    new = new.strip()
    if not ID_PATTERN.fullmatch(new):
        raise RenameError(_("'{id}' is not a valid ID (for example R-01, P1.2, M-TRANSP-03)").format(id=new))
    project = cache.project()
    if new != old and new in project.by_id:
        taken = project.by_id[new]
        raise RenameError(
            _("'{id}' is already the ID of {kind} {id} ({path}, line {line})").format(
                id=new, kind=_(taken.spec.label), path=taken.location.path, line=taken.location.line
            )
        )
    edits: dict[str, list[Span]] = {}
    for rel, occurrence in occurrences_of(cache, old, with_definition=True):
        edits.setdefault(rel, []).append(occurrence.span)
    return edits
