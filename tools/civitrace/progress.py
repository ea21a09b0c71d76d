"""The follow-up figures of a project, rolled up from the measures. Pure: a Project in, numbers out.

Progress rolls up as Decidim's accountability component does: a group's
progress is the average of its measures' progress, weighted by each measure's
``weight`` (1 when not given), so giving no weight at all is a plain average.

A measure's progress is its ``progress`` option. Without it, a measure marked
``done`` counts 100 % and a ``planned`` one 0 %; any other measure without a
figure is left out of the average (and counted as such). Abandoned measures
are always left out: they will not progress, and counting them would pull the
figure down for work nobody is doing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import _
from .model import Milestone, Project, TraceObject, is_late
from .vocabulary import CLOSED_STATUSES, STATUS_LABELS

#: The key used in status counts for a measure without a (valid) status.
NO_STATUS = ""


@dataclass(frozen=True)
class Coverage:
    """How many recommendations are covered, out of how many."""

    covered: int
    total: int
    uncovered: tuple[str, ...] = ()

    @property
    def ratio(self) -> float | None:
        return self.covered / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        """The share covered, rounded to a whole percent (None without recommendations)."""
        return None if self.ratio is None else round(self.ratio * 100)


def recommendations(project: Project) -> list[TraceObject]:
    """The recommendations of a project, duplicates left out, in source order."""
    return [r for r in project.of_kind("recommendation") if project.by_id.get(r.id) is r]


def measures(project: Project) -> list[TraceObject]:
    """The measures of a project, duplicates left out, in source order."""
    return [m for m in project.of_kind("measure") if project.by_id.get(m.id) is m]


def coverage(project: Project) -> Coverage:
    """Covered recommendations (DESIGN.md's rule) over all recommendations."""
    recs = recommendations(project)
    uncovered = tuple(r.id for r in recs if not project.is_covered(r.id))
    return Coverage(len(recs) - len(uncovered), len(recs), uncovered)


def status_counts(project: Project) -> dict[str, int]:
    """Measures per status, every status listed (vocabulary order); :data:`NO_STATUS` only when used."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for measure in measures(project):
        status = measure.get("status")
        key = status if isinstance(status, str) and status in counts else NO_STATUS
        counts[key] = counts.get(key, 0) + 1
    return counts


def measure_progress(measure: TraceObject) -> float | None:
    """A measure's progress in percent, or None when it does not count (see the module's rules)."""
    status = measure.get("status")
    if status == "abandoned":
        return None
    value = measure.get("progress")
    if isinstance(value, int):
        return float(value)
    if status == "done":
        return 100.0
    if status == "planned":
        return 0.0
    return None


def measure_weight(measure: TraceObject) -> float:
    """A measure's weight in roll-ups: its ``weight`` option, else 1."""
    weight = measure.get("weight")
    return float(weight) if isinstance(weight, int | float) and weight > 0 else 1.0


@dataclass(frozen=True)
class Rollup:
    """The progress of a group of measures (a principle, an axis, the whole strategy).

    ``progress`` is None when no measure of the group counts. ``weighted`` is
    True when at least one counted measure has a weight of its own.
    """

    id: str
    title: str
    measures: tuple[str, ...]
    counted: int
    progress: float | None
    weighted: bool

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(self.progress)


def rollup(group_id: str, title: str, group: Iterable[TraceObject]) -> Rollup:
    """Weighted average progress of ``group``'s measures (each measure once)."""
    unique: dict[str, TraceObject] = {}
    for measure in group:
        unique.setdefault(measure.id, measure)
    total = weights = 0.0
    counted = 0
    weighted = False
    for measure in unique.values():
        value = measure_progress(measure)
        if value is None:
            continue
        weight = measure_weight(measure)
        total += weight * value
        weights += weight
        counted += 1
        weighted = weighted or "weight" in measure.values
    progress = total / weights if weights else None
    return Rollup(group_id, title, tuple(unique), counted, progress, weighted)


def overall_progress(project: Project) -> Rollup:
    """The progress of the whole strategy."""
    return rollup("", _("Strategy"), measures(project))


def progress_by_axis(project: Project) -> list[Rollup]:
    """One roll-up per axis, in source order, from the measures of that axis."""
    return [
        rollup(axis.id, axis.title, (m for m in project.measures_of(axis.id) if project.by_id.get(m.id) is m))
        for axis in project.of_kind("axis")
        if project.by_id.get(axis.id) is axis
    ]


def measures_of_principle(project: Project, principle_id: str) -> list[TraceObject]:
    """Measures answering a recommendation of the principle, each once, in source order."""
    found: dict[str, TraceObject] = {}
    for rec in project.recommendations_of(principle_id):
        for measure in project.measures_for(rec.id):
            if project.by_id.get(measure.id) is measure:
                found.setdefault(measure.id, measure)
    return sorted(found.values(), key=lambda m: m.location)


def progress_by_principle(project: Project) -> list[Rollup]:
    """One roll-up per principle, in source order, from the measures answering its recommendations."""
    return [
        rollup(p.id, p.title, measures_of_principle(project, p.id))
        for p in project.of_kind("principle")
        if project.by_id.get(p.id) is p
    ]


def late_measures(project: Project, as_of: dt.date) -> list[TraceObject]:
    """Measures past their due date at ``as_of`` and not closed, most overdue first."""
    late = [m for m in measures(project) if is_late(m, as_of)]
    return sorted(late, key=lambda m: (m.get("due"), m.location))


@dataclass(frozen=True)
class Deadline:
    """A date ahead: a measure's due date, or one of its milestones (``milestone`` set)."""

    date: dt.date
    measure: TraceObject
    milestone: Milestone | None = None

    @property
    def label(self) -> str:
        return self.milestone.label if self.milestone else _("Measure's due date")


def upcoming_deadlines(project: Project, as_of: dt.date, limit: int | None = 10) -> list[Deadline]:
    """Due dates and milestones on or after ``as_of`` of measures not yet closed, soonest first."""
    found: list[Deadline] = []
    for measure in measures(project):
        if measure.get("status") in CLOSED_STATUSES:
            continue
        due = measure.get("due")
        if isinstance(due, dt.date) and due >= as_of:
            found.append(Deadline(due, measure))
        for step in measure.get("milestones") or ():
            if isinstance(step, Milestone) and step.date >= as_of:
                found.append(Deadline(step.date, measure, step))
    # On one day, milestones come before the due date they lead to.
    found.sort(key=lambda d: (d.date, d.measure.location, d.milestone is None))
    return found if limit is None else found[:limit]


@dataclass(frozen=True)
class FollowUp:
    """One recommendation as the dashboard shows it: the Métropole's answer beside the convention's grade."""

    recommendation: TraceObject
    covered: bool
    decision: str | None
    measures: tuple[TraceObject, ...]
    assessments: tuple[TraceObject, ...]  # oldest session first

    @property
    def latest(self) -> TraceObject | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def previous(self) -> TraceObject | None:
        return self.assessments[-2] if len(self.assessments) > 1 else None


def follow_up(project: Project) -> list[FollowUp]:
    """Every recommendation with its decision, measures and the convention's assessments."""
    rows = []
    for rec in recommendations(project):
        response = project.response_for(rec.id)
        decision = response.get("decision") if response else None
        rows.append(
            FollowUp(
                rec,
                project.is_covered(rec.id),
                decision if isinstance(decision, str) else None,
                tuple(m for m in project.measures_for(rec.id) if project.by_id.get(m.id) is m),
                tuple(project.assessments_for(rec.id)),
            )
        )
    return rows


def grade_counts(project: Project) -> dict[int, int]:
    """How many recommendations have each grade (1–5) at their latest assessment."""
    counts = dict.fromkeys(range(1, 6), 0)
    for row in follow_up(project):
        grade = row.latest.get("grade") if row.latest else None
        if isinstance(grade, int) and grade in counts:
            counts[grade] += 1
    return counts
