"""Ways to print a comparison: text for the terminal, Markdown for a council report, JSON.

Every format lists one change a line. The sentences built here (:func:`sentence`)
are also what the site's "Ce qui a changé" page, each object's history and the
Atom feed say, so the four never disagree. They are English message IDs read in
the current language; words that agree with the kind of an object (French
« mesure ajoutée », « axe ajouté ») are translated in the kind's context.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from ..export.values import as_text, plain
from ..i18n import NP_, _, label_value, pgettext
from ..model import Milestone
from ..progress import Coverage
from ..vocabulary import GRADE_LABELS, KINDS, capital, label_for, long_date
from .changes import Change, ChangeType, Comparison
from .versions import Version


def subject(change: Change) -> str:
    """Who the change is about: ``M-01 Titre``, ``response to R-05``, ``assessment of R-01 on 15 May 2025``."""
    if change.kind == "response":
        return _("response to {id}").format(id=change.id)
    if change.kind in ("assessment", "evaluation"):
        day = long_date(dt.date.fromisoformat(change.date)) if change.date else None
        if change.kind == "assessment":
            text = _("assessment of {id} on {date}") if day else _("assessment of {id}")
        else:
            text = _("evaluation of {id} on {date}") if day else _("evaluation of {id}")
        return text.format(id=change.id, date=day)
    return f"{change.id} {change.title}".strip()


def value_text(option: str | None, value: object, kind: str | None = None) -> str:
    """A value as the site shows it: labels, ``70 %``, long dates, ``3 (passable)``."""
    if value is None or value == "" or value == ():
        return "—"
    spec = KINDS[kind].options.get(option or "") if kind in KINDS else None
    if spec is not None and spec.labels:  # the register's choices, yes/no and lists of uses
        items = value if isinstance(value, tuple) else (value,)
        keys = ["yes" if v is True else "no" if v is False else str(v) for v in items]
        return ", ".join(_(spec.labels[k]) if k in spec.labels else k for k in keys)
    if option in ("status", "decision") and isinstance(value, str):
        return label_for(option, value)
    if option == "progress" and isinstance(value, int):
        return _("{percent}%").format(percent=value)
    if option in ("grade", "vote") and isinstance(value, int):
        return f"{value} ({GRADE_LABELS.get(value, '?')})"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, tuple) and value and isinstance(value[0], Milestone):
        return _("; ").join(f"{long_date(m.date)} {m.label}" for m in value)
    return as_text(value)


def _option_label(kind: str, option: str | None) -> str:
    spec = KINDS[kind].options.get(option or "")
    label = _(spec.label) if spec else (option or "")
    return label[:1].lower() + label[1:]


#: The events of each kind's history, in the kind's context: French writes « mesure ajoutée » but « axe ajouté ».
_EVENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "principle": (NP_("principle", "added"), NP_("principle", "removed"), NP_("principle", "changed")),
    "recommendation": (
        NP_("recommendation", "added"),
        NP_("recommendation", "removed"),
        NP_("recommendation", "changed"),
    ),
    "axis": (NP_("axis", "added"), NP_("axis", "removed"), NP_("axis", "changed")),
    "measure": (NP_("measure", "added"), NP_("measure", "removed"), NP_("measure", "changed")),
    "indicator": (NP_("indicator", "added"), NP_("indicator", "removed"), NP_("indicator", "changed")),
    "response": (NP_("response", "added"), NP_("response", "removed"), NP_("response", "changed")),
    "assessment": (NP_("assessment", "added"), NP_("assessment", "removed"), NP_("assessment", "changed")),
    "ai-system": (NP_("ai-system", "added"), NP_("ai-system", "removed"), NP_("ai-system", "changed")),
    "evaluation": (NP_("evaluation", "added"), NP_("evaluation", "removed"), NP_("evaluation", "changed")),
    "deliberation": (NP_("deliberation", "added"), NP_("deliberation", "removed"), NP_("deliberation", "changed")),
}
_EVENT_NAMES = ("added", "removed", "changed")


def event(kind: str, name: str) -> str:
    """An object's history event, agreeing with its kind: ``added``, ``removed``, ``changed``."""
    if name not in _EVENT_NAMES:
        return name
    words = _EVENTS.get(kind)
    return pgettext(*words[_EVENT_NAMES.index(name)]) if words else _(name)


def describe(change: Change) -> str:
    """What happened, without the subject: ``status: planned → in progress``."""
    kind = change.kind
    if change.type is ChangeType.ADDED and change.option:
        return f"{event(kind, 'added')} ({value_text(change.option, change.after, kind)})"
    if change.type in (ChangeType.ADDED, ChangeType.REMOVED):
        return event(kind, change.type.value)
    if change.type is ChangeType.RETITLED:
        return _("title changed (former title: “{title}”)").format(title=change.before)
    if change.type is ChangeType.TEXT:
        return _("text changed")
    if change.type is ChangeType.COVERAGE:
        return _("now covered") if change.after else _("no longer covered")
    label = _option_label(kind, change.option)
    if change.type is ChangeType.LINKS:
        parts = []
        if change.added:
            parts.append(_("added {ids}").format(ids=", ".join(change.added)))
        if change.removed:
            parts.append(_("removed {ids}").format(ids=", ".join(change.removed)))
        return label_value(label, _("; ").join(parts))
    before, after = value_text(change.option, change.before, kind), value_text(change.option, change.after, kind)
    if change.before is None:
        return label_value(label, _("{value} (new)").format(value=after))
    if change.after is None:
        return label_value(label, _("{value} (removed)").format(value=before))
    return label_value(label, f"{before} → {after}")


def sentence(change: Change) -> str:
    """One change as a sentence: subject, then what happened."""
    return label_value(subject(change), describe(change))


def coverage_text(cov: Coverage) -> str:
    """``2 of 3 (67%)``: how many recommendations are covered."""
    if cov.percent is None:
        return _("{covered} of {total}").format(covered=cov.covered, total=cov.total)
    return _("{covered} of {total} ({percent}%)").format(covered=cov.covered, total=cov.total, percent=cov.percent)


def version_text(version: Version) -> str:
    """``v2 (1 March 2025)`` or ``the working version``."""
    if version.commit is None:
        return _("the working version")
    return f"{version.label} ({long_date(version.commit.date)})"


def coverage_line(comparison: Comparison) -> str:
    """``Coverage of the recommendations: 2 of 3 (67%) → 3 of 3 (100%).``"""
    before, after = coverage_text(comparison.coverage_before), coverage_text(comparison.coverage_after)
    return _("Coverage of the recommendations: {before} → {after}.").format(before=before, after=after)


def _heading(before: Version, after: Version) -> str:
    return _("Changes between {before} and {after}").format(before=version_text(before), after=version_text(after))


def _groups(comparison: Comparison) -> list[tuple[str, list[Change]]]:
    # One group per kind, in the vocabulary's order, named with the kind's plural.
    found = []
    for kind, spec in KINDS.items():
        group = [c for c in comparison.changes if c.kind == kind]
        if group:
            found.append((capital(_(spec.plural)), group))
    return found


# -- text (for the terminal) ---------------------------------------------------


def as_text_report(comparison: Comparison, before: Version, after: Version) -> str:
    """Plain text: a heading, the coverage, then one change a line (the site's sentences)."""
    lines = [_heading(before, after), coverage_line(comparison)]
    lines += [capital(sentence(c)) for c in comparison.changes] or [_("No changes.")]
    return "\n".join(lines) + "\n"


# -- Markdown (for a council report) -------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape_md(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_line(change: Change) -> str:
    if not KINDS[change.kind].has_title:
        return "- " + label_value(f"**{escape_md(capital(subject(change)))}**", escape_md(describe(change)))
    title = f" {escape_md(change.title)}" if change.title else ""
    return "- " + label_value(f"**{escape_md(change.id)}**{title}", escape_md(describe(change)))


def as_markdown(comparison: Comparison, before: Version, after: Version) -> str:
    """Markdown: a title, the coverage, then one section per kind with one change a line."""
    coverage = _("Coverage of the recommendations")
    values = f"{coverage_text(comparison.coverage_before)} → {coverage_text(comparison.coverage_after)}."
    lines = [f"# {escape_md(_heading(before, after))}", "", label_value(f"**{coverage}**", values)]
    if not comparison.changes:
        lines += ["", _("No changes.")]
    for heading, group in _groups(comparison):
        lines += ["", f"## {heading}", ""]
        lines += [_md_line(c) for c in group]
    return "\n".join(lines) + "\n"


# -- JSON ----------------------------------------------------------------------


def change_as_dict(change: Change) -> dict[str, object]:
    """A change with every key always present (null when it does not apply)."""
    return {
        "type": change.type.value,
        "kind": change.kind,
        "id": change.id,
        "key": change.key,
        "title": change.title,
        "date": change.date,
        "option": change.option,
        "before": plain(change.before),
        "after": plain(change.after),
        "added": list(change.added),
        "removed": list(change.removed),
    }


def coverage_as_dict(cov: Coverage) -> dict[str, object]:
    return {"covered": cov.covered, "total": cov.total, "uncovered": list(cov.uncovered)}


def version_as_dict(version: Version) -> dict[str, object]:
    return {
        "revision": version.label if version.commit else None,
        "commit": version.commit.sha if version.commit else None,
        "date": version.date.isoformat() if version.date else None,
    }


def comparison_as_dict(comparison: Comparison, before: Version, after: Version) -> dict[str, object]:
    return {
        "from": version_as_dict(before),
        "to": version_as_dict(after),
        "coverage": {
            "before": coverage_as_dict(comparison.coverage_before),
            "after": coverage_as_dict(comparison.coverage_after),
        },
        "changes": [change_as_dict(c) for c in comparison.changes],
    }


def as_json(comparison: Comparison, before: Version, after: Version) -> str:
    return (
        json.dumps(comparison_as_dict(comparison, before, after), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    )


FORMATS: dict[str, Callable[[Comparison, Version, Version], str]] = {
    "text": as_text_report,
    "markdown": as_markdown,
    "json": as_json,
}
