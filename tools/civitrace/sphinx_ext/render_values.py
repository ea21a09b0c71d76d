"""How one option value of an object reads on a page, in French."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from docutils import nodes
from sphinx.addnodes import pending_xref

from ..i18n import _
from ..model import Milestone, TraceObject
from ..vocabulary import PAGE_LABELS, ValueType, label_for, long_date
from ..wording import grade, percent


def trace_xref(target: str, docname: str) -> pending_xref:
    """A link to an object, resolved (text and target) once every document is read.

    It does not warn when the ID is unknown: the rules already report the
    reference, at the same place, with the same words as ``civitrace check``.
    """
    xref = pending_xref(
        "",
        refdomain="civitrace",
        reftype="trace",
        reftarget=target,
        refexplicit=False,
        refwarn=False,
        refdoc=docname,
    )
    xref += nodes.inline(target, target, classes=["xref", "civitrace"])
    return xref


def number(value: float) -> str:
    """A decimal number the French way: ``1,5``."""
    return f"{value:g}".replace(".", ",")


def count(value: int) -> str:
    """A count the French way, thousands apart: ``12 000``."""
    return f"{value:,}".replace(",", "\u202f")


_INTEGER_FORMATS: dict[str, Callable[[int], str]] = {
    "progress": percent,
    "vote": grade,
    "grade": grade,
    "decisions-per-year": count,
}


def value_nodes(obj: TraceObject, name: str, docname: str) -> list[nodes.Node]:
    """The nodes showing option ``name`` of ``obj``; invalid values show as written."""
    spec = obj.spec.options.get(name)
    raw = obj.raw.get(name, "")
    if spec is None or name not in obj.values:
        note = nodes.emphasis("", f" ({PAGE_LABELS['invalid_value']})")
        return [nodes.Text(raw), note] if raw else [note]
    value = obj.values[name]
    if spec.type in (ValueType.ID, ValueType.IDS):
        found: list[nodes.Node] = []
        for index, target in enumerate(obj.ids(name)):
            if index:
                found.append(nodes.Text(", "))
            found.append(trace_xref(target, docname))
        return found
    if spec.type is ValueType.MILESTONES:
        return [milestone_list(value)]  # type: ignore[arg-type]
    if spec.type is ValueType.URL:
        return [nodes.reference(str(value), str(value), refuri=str(value))]
    return [nodes.Text(scalar_text(name, spec.type, value, obj.kind))]


def scalar_text(name: str, value_type: ValueType, value: object, kind: str | None = None) -> str:
    """A single (non-link, non-list) value as text."""
    if value_type is ValueType.DATE and isinstance(value, dt.date):
        return long_date(value)
    if value_type is ValueType.INTEGER and isinstance(value, int):
        return _INTEGER_FORMATS.get(name, str)(value)
    if value_type is ValueType.NUMBER and isinstance(value, float):
        return number(value)
    if value_type is ValueType.CHOICE:
        return label_for(name, str(value), kind)
    if value_type is ValueType.CHOICES and isinstance(value, tuple):
        return ", ".join(label_for(name, str(v), kind) for v in value)
    if value_type is ValueType.YES_NO and isinstance(value, bool):
        return label_for(name, "yes" if value else "no", kind)
    return str(value)


def milestone_list(milestones: tuple[Milestone, ...]) -> nodes.bullet_list:
    """Dated steps, one a line: ``31 mars 2025 : Inventaire des usages``."""
    items = nodes.bullet_list(classes=["civitrace-milestones"])
    for step in milestones:
        items += nodes.list_item("", nodes.paragraph("", f"{long_date(step.date)}{_(': ')}{step.label}"))
    return items
