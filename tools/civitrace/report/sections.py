"""The yearly report's sections, from the model: the dashboard's figures, in the dashboard's words.

Every figure is computed by :mod:`civitrace.progress` and written by
:mod:`civitrace.wording` with the labels of :mod:`civitrace.vocabulary`, as the
follow-up dashboard does; beside it, the same figure at the previous version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import progress
from ..history.changes import compare
from ..history.diff_formats import sentence
from ..i18n import _
from ..model import Project, TraceObject
from ..vocabulary import (
    DECISION_LABELS,
    FOLLOWUP_LABELS,
    GRADE_LABELS,
    PAGE_LABELS,
    STATUS_LABELS,
    UNCOVERED_LABEL,
    long_date,
)
from ..wording import grade, measure_state, progress_text, rate
from .blocks import Block, Heading, Items, Paragraph, Table
from .versions import ReportVersions

L = FOLLOWUP_LABELS
#: At most this many changes are listed one by one; the rest are counted (``civitrace diff`` lists all).
MAX_CHANGES = 40


def version_name(versions: ReportVersions, previous: bool = False) -> str:
    """``v2 (1er mars 2025)``, or ``version de travail (…)`` for the files on disk."""
    version = versions.previous if previous else versions.current
    if version is None:
        return "—"
    day = version.date
    label = _(version.label) if version.commit is None else version.label  # the working version's is a message
    return f"{label} ({long_date(day)})" if day else label


def coverage_text(project: Project) -> str:
    """``Recommandations couvertes : 18 sur 20 (90 %)``: the dashboard's first line."""
    cov = progress.coverage(project)
    return PAGE_LABELS["covered_recommendations"].format(
        covered=cov.covered, total=cov.total, percent=rate(cov.covered, cov.total)
    )


def overall_text(project: Project) -> str:
    """``Avancement d'ensemble : 42 % (moyenne sur 20 mesures sur 23)``: the dashboard's second line."""
    whole = progress.overall_progress(project)
    text = L["overall_progress"].format(percent=progress_text(whole.progress))
    return text + L["overall_detail"].format(counted=whole.counted, total=len(whole.measures))


def _late_count(project: Project, as_of: dt.date) -> int:
    return len(progress.late_measures(project, as_of))


def key_figures(versions: ReportVersions) -> list[Block]:
    """Coverage and progress now, then a table beside the previous version's."""
    now, before = versions.project, versions.previous_project
    blocks: list[Block] = [
        Heading(1, _("Key figures")),
        Paragraph(coverage_text(now), strong=True),
        Paragraph(overall_text(now), strong=True),
    ]
    rows: list[tuple[str, ...]] = []

    def row(label: str, value_of: object) -> None:
        values = [value_of(now)]  # type: ignore[operator]
        if before is not None:
            values.insert(0, value_of(before))  # type: ignore[operator]
        rows.append((label, *values))

    cov = progress.coverage
    row(PAGE_LABELS["covered_recommendations"].split(" :")[0], lambda p: f"{cov(p).covered} / {cov(p).total}")
    row(L["progress"], lambda p: progress_text(progress.overall_progress(p).progress))
    for status, label in STATUS_LABELS.items():
        row(f"{PAGE_LABELS['measures']} : {label}", lambda p, s=status: str(progress.status_counts(p).get(s, 0)))
    previous_day = versions.previous.date if versions.previous else None
    row(
        _("Late measures (at each version's date)"),
        lambda p: str(_late_count(p, previous_day if p is before and previous_day else versions.as_of)),
    )
    headers = [_("Figure")]
    if before is not None:
        headers.append(version_name(versions, previous=True))
    headers.append(version_name(versions))
    blocks.append(Table(_("The strategy in figures"), tuple(headers), tuple(rows)))
    return blocks


def _rollups(
    title: str, heading: str, now: Sequence[progress.Rollup], before: Sequence[progress.Rollup] | None
) -> Table:
    previous = {r.id: r for r in before or ()}
    rows = []
    for item in now:
        name = f"{item.id} — {item.title}" if item.title else item.id
        cells = [name, str(len(item.measures))]
        if before is not None:
            old = previous.get(item.id)
            cells.append(progress_text(old.progress) if old else "—")
        figure = progress_text(item.progress)
        cells.append(f"{figure} ({L['weighted']})" if item.weighted else figure)
        rows.append(tuple(cells))
    headers = [heading, PAGE_LABELS["measures"]]
    if before is not None:
        headers.append(_("Previous version"))
    headers.append(L["progress"])
    return Table(title, tuple(headers), tuple(rows))


def progress_section(versions: ReportVersions) -> list[Block]:
    """Progress by principle and by axis, now and at the previous version."""
    now, before = versions.project, versions.previous_project
    return [
        Heading(1, _("Progress by principle and by axis")),
        _rollups(
            L["progress_by_principle"],
            PAGE_LABELS["principle"],
            progress.progress_by_principle(now),
            progress.progress_by_principle(before) if before is not None else None,
        ),
        Paragraph(L["rollup_note"]),
        _rollups(
            L["progress_by_axis"],
            L["axis"],
            progress.progress_by_axis(now),
            progress.progress_by_axis(before) if before is not None else None,
        ),
    ]


def changes_section(versions: ReportVersions) -> list[Block]:
    """What changed since the previous version, one sentence a change (as ``civitrace diff``)."""
    if versions.previous_project is None or versions.previous is None:
        return [
            Heading(1, _("Changes since the previous version")),
            Paragraph(_("No previous version to compare with.")),
        ]
    title = _("Changes since {version}").format(version=version_name(versions, previous=True))
    comparison = compare(versions.previous_project, versions.project)
    blocks: list[Block] = [Heading(1, title)]
    blocks.append(
        Paragraph(
            L["coverage_change"].format(
                before=_coverage_words(comparison.coverage_before), after=_coverage_words(comparison.coverage_after)
            )
        )
    )
    if not comparison.changes:
        return [*blocks, Paragraph(L["no_change"])]
    shown = [sentence(change) for change in comparison.changes[:MAX_CHANGES]]
    blocks.append(Items(tuple(s[:1].upper() + s[1:] for s in shown)))
    hidden = len(comparison.changes) - len(shown)
    if hidden > 0:
        blocks.append(Paragraph(_("… and {count} more changes (civitrace diff lists them all).").format(count=hidden)))
    return blocks


def _coverage_words(cov: progress.Coverage) -> str:
    return f"{cov.covered} / {cov.total} ({rate(cov.covered, cov.total)})"


def _measure_name(measure: TraceObject) -> str:
    return f"{measure.id} — {measure.title}" if measure.title else measure.id


def late_section(versions: ReportVersions) -> list[Block]:
    """Late measures at the version's date, and the next due dates (the dashboard's two tables)."""
    project, as_of = versions.project, versions.as_of
    day = long_date(as_of)
    blocks: list[Block] = [Heading(1, _("Late measures and next due dates"))]
    late = progress.late_measures(project, as_of)
    if late:
        rows = tuple(
            (
                _measure_name(m),
                str(m.get("owner") or "—"),
                long_date(m.get("due")),  # type: ignore[arg-type]
                measure_state(m, as_of),
                progress_text(progress.measure_progress(m)),
            )
            for m in late
        )
        headers = (L["measure"], L["owner"], L["due"], PAGE_LABELS["status"], L["progress"])
        blocks.append(Table(L["late_title"].format(date=day), headers, rows))
    else:
        blocks.append(Paragraph(L["no_late"].format(date=day)))
    upcoming = progress.upcoming_deadlines(project, as_of)
    if upcoming:
        rows = tuple(
            (long_date(d.date), _measure_name(d.measure), d.label if d.milestone else L["measure_due"])
            for d in upcoming
        )
        blocks.append(Table(L["deadlines_title"].format(date=day), (L["date"], L["measure"], L["step"]), rows))
    else:
        blocks.append(Paragraph(L["no_deadline"]))
    return blocks


def _answer(row: progress.FollowUp, as_of: dt.date) -> str:
    parts = [DECISION_LABELS.get(row.decision, row.decision)] if row.decision else []
    parts += [f"{m.id} ({measure_state(m, as_of)})" for m in row.measures]
    if not row.covered:
        parts.append(f"{PAGE_LABELS['coverage']} : {UNCOVERED_LABEL}")
    return " ; ".join(parts) or "—"


def _grade(row: progress.FollowUp) -> str:
    latest = row.latest
    if latest is None:
        return L["not_assessed"]
    value, day = latest.get("grade"), latest.get("date")
    said = grade(value) if isinstance(value, int) else PAGE_LABELS["no_status"]
    text = f"{said}, {long_date(day)}" if isinstance(day, dt.date) else said
    previous = row.previous
    if previous is not None and isinstance(previous.get("grade"), int) and isinstance(previous.get("date"), dt.date):
        text += (
            " ("
            + L["previous_grade"].format(grade=grade(previous.get("grade")), date=long_date(previous.get("date")))
            + ")"
        )  # type: ignore[arg-type]
    return text


def assessments_section(versions: ReportVersions) -> list[Block]:
    """Each recommendation: the Métropole's answer beside the convention's latest grade."""
    project = versions.project
    rows = tuple(
        (f"{r.recommendation.id} — {r.recommendation.title}", _answer(r, versions.as_of), _grade(r))
        for r in progress.follow_up(project)
    )
    counts = progress.grade_counts(project)
    summary = " ; ".join(f"{GRADE_LABELS[g]} : {n}" for g, n in sorted(counts.items(), reverse=True) if n)
    blocks: list[Block] = [Heading(1, L["assessments_title"]), Paragraph(L["assessments_note"])]
    if summary:
        blocks.append(Paragraph(f"{L['grade_summary']} — {summary}.", strong=True))
    headers = (PAGE_LABELS["recommendation"], L["metropole"], L["convention_grade"])
    blocks.append(Table(L["assessments_title"], headers, rows))
    return blocks
