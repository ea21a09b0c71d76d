"""Ways to print a comparison: English text for the terminal, French Markdown for a council report, JSON.

Every format lists one change a line. The French sentences built here
(:func:`describe_fr`) are also what the site's "Ce qui a changé" page, each
object's history and the Atom feed say, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from ..export.values import as_text, plain
from ..i18n import in_language
from ..model import Milestone
from ..progress import Coverage
from ..vocabulary import GRADE_LABELS, KINDS, MASCULINE_KINDS, french_date, in_french, label_for
from .changes import Change, ChangeType, Comparison
from .versions import CURRENT_LABEL, Version

#: These texts exist in French only for now: they answer in French whatever the language.
FRENCH_ONLY = "fr"


def _agree(kind: str, word: str) -> str:
    # Participles agree with the kind's French gender: « mesure ajoutée », « axe ajouté ».
    return word if kind in MASCULINE_KINDS else word + "e"


@in_language(FRENCH_ONLY)
def subject_fr(change: Change) -> str:
    """Who the change is about, in French: ``M-01 Titre``, ``réponse à R-05``, ``appréciation de R-01 du …``."""
    if change.kind == "response":
        return f"réponse à {change.id}"
    if change.kind in ("assessment", "evaluation"):
        when = f" du {french_date(dt.date.fromisoformat(change.date))}" if change.date else ""
        what = "appréciation" if change.kind == "assessment" else "évaluation"
        return f"{what} de {change.id}{when}"
    return f"{change.id} {change.title}".strip()


@in_language(FRENCH_ONLY)
def value_fr(option: str | None, value: object, kind: str | None = None) -> str:
    """A value as the site shows it: French labels, ``70 %``, long dates, ``3 (passable)``."""
    if value is None or value == "" or value == ():
        return "—"
    spec = KINDS[kind].options.get(option or "") if kind in KINDS else None
    if spec is not None and spec.labels:  # the register's choices, yes/no and lists of uses
        items = value if isinstance(value, tuple) else (value,)
        keys = ["yes" if v is True else "no" if v is False else str(v) for v in items]
        return ", ".join(in_french(spec.labels[k]) if k in spec.labels else k for k in keys)
    if option in ("status", "decision") and isinstance(value, str):
        return label_for(option, value)
    if option == "progress" and isinstance(value, int):
        return f"{value} %"
    if option in ("grade", "vote") and isinstance(value, int):
        return f"{value} ({GRADE_LABELS.get(value, '?')})"
    if isinstance(value, dt.date):
        return french_date(value)
    if isinstance(value, tuple) and value and isinstance(value[0], Milestone):
        return " ; ".join(f"{french_date(m.date)} {m.label}" for m in value)
    return as_text(value)


def _option_label(kind: str, option: str | None) -> str:
    spec = KINDS[kind].options.get(option or "")
    label = in_french(spec.label) if spec else (option or "")
    return label[:1].lower() + label[1:]


@in_language(FRENCH_ONLY)
def event_fr(kind: str, event: str) -> str:
    """An object's history event in French, agreeing with its kind: ``ajoutée``, ``retiré``, ``modifiée``."""
    word = {"added": "ajouté", "removed": "retiré", "changed": "modifié"}.get(event, event)
    return _agree(kind, word) if word != event else event


@in_language(FRENCH_ONLY)
def describe_fr(change: Change) -> str:
    """What happened, in French, without the subject: ``statut : prévue → en cours``."""
    kind = change.kind
    if change.type is ChangeType.ADDED and change.option:
        return f"{event_fr(kind, 'added')} ({value_fr(change.option, change.after, kind)})"
    if change.type in (ChangeType.ADDED, ChangeType.REMOVED):
        return event_fr(kind, change.type.value)
    if change.type is ChangeType.RETITLED:
        return f"titre modifié (ancien titre : « {change.before} »)"
    if change.type is ChangeType.TEXT:
        return "texte modifié"
    if change.type is ChangeType.COVERAGE:
        return "désormais couverte" if change.after else "n'est plus couverte"
    label = _option_label(kind, change.option)
    if change.type is ChangeType.LINKS:
        parts = []
        if change.added:
            parts.append("ajout de " + ", ".join(change.added))
        if change.removed:
            parts.append("retrait de " + ", ".join(change.removed))
        return f"{label} : {' ; '.join(parts)}"
    before, after = value_fr(change.option, change.before, kind), value_fr(change.option, change.after, kind)
    if change.before is None:
        return f"{label} : {after} (nouveau)"
    if change.after is None:
        return f"{label} : {before} (retiré)"
    return f"{label} : {before} → {after}"


@in_language(FRENCH_ONLY)
def sentence_fr(change: Change) -> str:
    """One change as a French sentence: subject, then what happened."""
    return f"{subject_fr(change)} : {describe_fr(change)}"


@in_language(FRENCH_ONLY)
def coverage_fr(cov: Coverage) -> str:
    percent = f" ({cov.percent} %)" if cov.percent is not None else ""
    return f"{cov.covered} sur {cov.total}{percent}"


@in_language(FRENCH_ONLY)
def version_fr(version: Version) -> str:
    """``v2 (1er mars 2025)`` or ``la version de travail``."""
    if version.commit is None:
        return f"la {CURRENT_LABEL}"
    return f"{version.label} ({french_date(version.commit.date)})"


# -- text (English, for the terminal) ----------------------------------------


def _subject_en(change: Change) -> str:
    if change.kind in ("assessment", "evaluation") and change.date:
        return f"{change.kind} {change.id} {change.date}"
    return f"{change.kind} {change.id}"


def _value_en(value: object) -> str:
    return "(none)" if value is None or value == "" or value == () else as_text(value)


def describe_en(change: Change) -> str:
    """One change on one line, in English."""
    subject = _subject_en(change)
    if change.type is ChangeType.ADDED:
        added = f'{subject}: added "{change.title}"' if change.title else f"{subject}: added"
        return f"{added} ({change.option}: {_value_en(change.after)})" if change.option else added
    if change.type is ChangeType.REMOVED:
        return f'{subject}: removed "{change.title}"' if change.title else f"{subject}: removed"
    if change.type is ChangeType.RETITLED:
        return f'{subject}: title: "{change.before}" -> "{change.after}"'
    if change.type is ChangeType.TEXT:
        return f"{subject}: text changed"
    if change.type is ChangeType.COVERAGE:
        return f"{subject}: {'now covered' if change.after else 'no longer covered'}"
    if change.type is ChangeType.LINKS:
        moves = [f"+{i}" for i in change.added] + [f"-{i}" for i in change.removed]
        return f"{subject}: {change.option}: {' '.join(moves)}"
    return f"{subject}: {change.option}: {_value_en(change.before)} -> {_value_en(change.after)}"


def _version_en(version: Version) -> str:
    if version.commit is None:
        return "working tree"
    return f"{version.label} ({version.commit.short}, {version.commit.date.isoformat()})"


def as_text_report(comparison: Comparison, before: Version, after: Version) -> str:
    """English text: a header, the coverage, then one change a line."""
    b, a = comparison.coverage_before, comparison.coverage_after
    lines = [
        f"from {_version_en(before)} to {_version_en(after)}",
        f"coverage: {b.covered}/{b.total} -> {a.covered}/{a.total} recommendations covered",
    ]
    lines += [describe_en(c) for c in comparison.changes] or ["no changes"]
    return "\n".join(lines) + "\n"


# -- Markdown (French, for a council report) ---------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape_md(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_line(change: Change) -> str:
    if not KINDS[change.kind].has_title:
        subject = subject_fr(change)
        return f"- **{escape_md(subject[:1].upper() + subject[1:])}** : {escape_md(describe_fr(change))}"
    title = f" {escape_md(change.title)}" if change.title else ""
    return f"- **{escape_md(change.id)}**{title} : {escape_md(describe_fr(change))}"


@in_language(FRENCH_ONLY)
def as_markdown(comparison: Comparison, before: Version, after: Version) -> str:
    """French Markdown: a title, the coverage, then one section per kind with one change a line."""
    lines = [
        f"# Évolution entre {version_fr(before)} et {version_fr(after)}",
        "",
        "**Couverture des recommandations** : "
        f"{coverage_fr(comparison.coverage_before)} → {coverage_fr(comparison.coverage_after)}.",
    ]
    if not comparison.changes:
        lines += ["", "Aucun changement."]
    for kind, spec in KINDS.items():
        group = [c for c in comparison.changes if c.kind == kind]
        if group:
            plural = in_french(spec.plural)
            lines += ["", f"## {plural[:1].upper()}{plural[1:]}", ""]
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
