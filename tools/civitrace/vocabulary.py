"""The authoring vocabulary: kinds, their options, allowed values and their labels.

This module is data. Every reader, rule and renderer asks it rather than
spelling a kind, an option or a label itself, so that adding an option is a
change in one place. Labels are English message IDs, translated when read
(see :mod:`civitrace.i18n`): the example site shows them in French.
"""

from __future__ import annotations

import datetime as dt
import re

from .i18n import N_, Labels, _, catalog, language
from .register_vocabulary import REGISTER_KINDS
from .specs import KindSpec, OptionSpec, ValueType, option  # noqa: F401 - OptionSpec is re-exported

#: The ID grammar of DESIGN.md: ``R-01``, ``P1.2``, ``M-TRANSP-03``.
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")


STATUS_LABELS: Labels = Labels(
    {
        "planned": N_("planned"),
        "in-progress": N_("in progress"),
        "done": N_("done"),
        "delayed": N_("delayed"),
        "abandoned": N_("abandoned"),
    }
)

DECISION_LABELS: Labels = Labels(
    {
        "adopted": N_("adopted"),
        "partial": N_("partly adopted"),
        "declined": N_("declined"),
        "deferred": N_("deferred"),
    }
)

#: Decisions that must be backed by at least one measure.
DECISIONS_NEEDING_MEASURE = frozenset({"adopted", "partial"})
#: Decisions that cover a recommendation on their own, given a justification.
DECISIONS_COVERING_ALONE = frozenset({"declined", "deferred"})
#: Statuses for which a passed due date is not lateness.
CLOSED_STATUSES = frozenset({"done", "abandoned"})

#: Majority-judgment grades (vote at adoption, citizens' follow-up assessment).
GRADE_LABELS: Labels = Labels(
    {
        1: N_("to reject"),
        2: N_("insufficient"),
        3: N_("fair"),
        4: N_("good"),
        5: N_("very good"),
    }
)

#: Label shown for a measure that is late at the date of the build (a message ID: show it with ``_``).
LATE_LABEL = N_("late")
#: Label of a recommendation that is not covered (a message ID: show it with ``_``).
UNCOVERED_LABEL = N_("not covered")
#: Kinds whose French name is masculine (principe, axe, indicateur): the French history's participles agree.
MASCULINE_KINDS = frozenset({"principle", "axis", "indicator", "ai-system"})


_opt = option


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("principle", N_("principle"), N_("principles"), "opinion"),
        KindSpec(
            "recommendation",
            N_("recommendation"),
            N_("recommendations"),
            "opinion",
            dict(
                [
                    _opt("principle", ValueType.ID, N_("Principle"), targets=("principle",)),
                    _opt("vote", ValueType.INTEGER, N_("Vote (majority judgment)"), minimum=1, maximum=5),
                ]
            ),
        ),
        KindSpec("axis", N_("axis"), N_("axes"), "strategy"),
        KindSpec(
            "measure",
            N_("measure"),
            N_("measures"),
            "strategy",
            dict(
                [
                    _opt("responds", ValueType.IDS, N_("Responds to"), targets=("recommendation",)),
                    _opt("axis", ValueType.ID, N_("Axis"), targets=("axis",)),
                    _opt("owner", ValueType.TEXT, N_("Owner")),
                    _opt("status", ValueType.CHOICE, N_("Status"), choices=tuple(STATUS_LABELS)),
                    _opt("start", ValueType.DATE, N_("Start")),
                    _opt("due", ValueType.DATE, N_("Due")),
                    _opt("progress", ValueType.INTEGER, N_("Progress"), minimum=0, maximum=100),
                    _opt("weight", ValueType.NUMBER, N_("Weight")),
                    _opt("milestones", ValueType.MILESTONES, N_("Milestones")),
                ]
            ),
        ),
        KindSpec(
            "indicator",
            N_("indicator"),
            N_("indicators"),
            "strategy",
            dict(
                [
                    _opt("measure", ValueType.ID, N_("Measure"), targets=("measure",)),
                    _opt("target", ValueType.TEXT, N_("Target")),
                    _opt("unit", ValueType.TEXT, N_("Unit")),
                ]
            ),
        ),
        KindSpec(
            "response",
            N_("response"),
            N_("responses"),
            "strategy",
            dict([_opt("decision", ValueType.CHOICE, N_("Decision"), choices=tuple(DECISION_LABELS), required=True)]),
            has_title=False,
            argument_target="recommendation",
        ),
        KindSpec(
            "assessment",
            N_("convention's assessment"),
            N_("convention's assessments"),
            "opinion",
            dict(
                [
                    _opt("grade", ValueType.INTEGER, N_("Convention's grade"), minimum=1, maximum=5, required=True),
                    _opt("date", ValueType.DATE, N_("Follow-up session"), required=True),
                ]
            ),
            has_title=False,
            argument_target="recommendation",
            key_option="date",
        ),
    )
}
#: The AI register's kinds (DESIGN.md, "The AI register and the doctrine").
KINDS.update((spec.name, spec) for spec in REGISTER_KINDS)


def kind_name(kind: str) -> str:
    """A kind's name in the current language, singular (the code itself for an unknown kind)."""
    spec = KINDS.get(kind)
    return spec.label if spec else kind


def object_name(kind: str, object_id: str, has_own_id: bool = True) -> str:
    """How messages name an object: ``measure M-01``, or ``response for R-01`` for a kind naming another object."""
    if has_own_id:
        return _("{kind} {id}").format(kind=kind_name(kind), id=object_id)
    return _("{kind} for {id}").format(kind=kind_name(kind), id=object_id)


MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def long_date(day: dt.date) -> str:
    """A date as prose writes it in the current language: ``1er mars 2025``, ``1 March 2025``.

    Written out rather than with ``strftime`` so the result does not depend on the
    locales installed on the build machine.
    """
    month = _(MONTHS[day.month - 1])
    if day.day == 1:  # French writes the first of the month as an ordinal: « 1er mars »
        return _("1 {month} {year}").format(month=month, year=day.year)
    return _("{day} {month} {year}").format(day=day.day, month=month, year=day.year)


def french_date(day: dt.date) -> str:
    """A date in French whatever the current language (for texts that exist in French only)."""
    with language("fr"):
        return long_date(day)


def in_french(message: str) -> str:
    """A label in French whatever the current language (for the outputs written in French only)."""
    return catalog("fr").gettext(message)


def capital(text: str) -> str:
    """``text`` with its first letter in capitals and the rest untouched (``Système d'IA``)."""
    return text[:1].upper() + text[1:]


def kind_label(kind: str, plural: bool = False) -> str:
    """A kind's name in the current language, singular or plural."""
    spec = KINDS[kind]
    return spec.plural if plural else spec.label


def label_for(option: str, value: str, kind: str | None = None) -> str:
    """Return the label of a choice value (the value itself if unknown).

    Options whose spec carries labels (the register's) and the ``status``/``decision``
    tables alike answer in the current language.
    """
    spec = KINDS[kind].options.get(option) if kind in KINDS else None
    if spec is not None and spec.labels:
        return _(spec.labels[value]) if value in spec.labels else value
    if option == "status":
        return STATUS_LABELS.get(value, value)
    if option == "decision":
        return DECISION_LABELS.get(value, value)
    return value


#: Words the Sphinx pages show around the objects (back-links, matrix, summary).
PAGE_LABELS: Labels = Labels(
    {
        "response_to": N_("Response to"),
        "assessment_of": N_("Convention's assessment of"),
        "public_response": N_("Public response"),
        "no_response": N_("no public response yet"),
        "see_response": N_("see the response"),
        "responding_measures": N_("Measures responding to it"),
        "no_measure": N_("no measure"),
        "coverage": N_("Coverage"),
        "assessments": N_("Convention's assessments"),
        "indicators": N_("Indicators"),
        "no_indicator": N_("no indicator"),
        "recommendations": N_("Recommendations"),
        "no_recommendation": N_("no recommendation"),
        "axis_measures": N_("Measures of the axis"),
        "no_status": N_("not given"),
        "late_on": N_("late on {date}"),
        "invalid_value": N_("invalid value"),
        "unnamed_object": N_("object without a valid ID"),
        "principle": N_("Principle"),
        "recommendation": N_("Recommendation"),
        "decision": N_("Response"),
        "measures_with_status": N_("Measures (status)"),
        "no_principle": N_("without principle"),
        "matrix_title": N_("Recommendations and measures"),
        "covered_recommendations": N_("Covered recommendations: {covered} of {total} ({percent})"),
        "coverage_by_principle": N_("Coverage by principle"),
        "covered": N_("Covered"),
        "rate": N_("Rate"),
        "total": N_("Total"),
        "measures_by_status": N_("Measures by status"),
        "status": N_("Status"),
        "measures": N_("Measures"),
        "late_measures": N_("of which late on {date}"),
        "responses_by_decision": N_("Responses by decision"),
        "without_response": N_("without response"),
        "count": N_("Recommendations"),
    }
)

#: Words of the follow-up pages (dashboard, "Ce qui a changé", histories, timelines, open data).
FOLLOWUP_LABELS: Labels = Labels(
    {
        "overall_progress": N_("Overall progress: {percent}"),
        "overall_detail": N_(" (average over {counted} of {total} measures)"),
        "progress_by_principle": N_("Progress by principle"),
        "progress_by_axis": N_("Progress by axis"),
        "axis": N_("Axis"),
        "progress": N_("Progress"),
        "rollup_note": N_(
            "The progress of a principle or an axis is the average progress of its measures, weighted by their "
            "weight when one is given. A measure done without a percentage counts as 100 %, a planned measure as "
            "0 %; abandoned measures and those whose progress is not given do not count."
        ),
        "weighted": N_("weighted"),
        "late_title": N_("Measures late on {date}"),
        "no_late": N_("No measure is late on {date}."),
        "owner": N_("Owner"),
        "due": N_("Due"),
        "deadlines_title": N_("Next deadlines (from {date})"),
        "no_deadline": N_("No deadline ahead."),
        "date": N_("Date"),
        "measure": N_("Measure"),
        "step": N_("Step"),
        "measure_due": N_("Measure's due date"),
        "assessments_title": N_("The Métropole's response and the convention's assessment"),
        "assessments_note": N_(
            "The grade is the one the convention's members give, by majority judgment (from 1, “to reject”, to 5,"
            " “very good”), to what was done with each recommendation. It is kept apart from the status the "
            "Métropole gives its measures."
        ),
        "metropole": N_("The Métropole's response"),
        "convention_grade": N_("Convention's assessment"),
        "not_assessed": N_("not assessed yet"),
        "previous_grade": N_("before: {grade}, {date}"),
        "grade_summary": N_("Latest assessments"),
        "history_unavailable": N_("History unavailable"),
        "history_partial": N_(
            "Partial history: the git repository is a shallow clone, the oldest changes are missing."
        ),
        "history": N_("History"),
        "last_change": N_("Last change: {date}"),
        "no_history": N_("No change recorded in the git history."),
        "older_entries": N_("… and {count} older changes."),
        "in_version": N_("version {version}"),
        "not_released": N_("not yet in a tagged version"),
        "timeline": N_("Timeline"),
        "start": N_("Start"),
        "today": N_("on {date}"),
        "upcoming": N_("upcoming"),
        "since_tag": N_("Since version {tag} ({date})"),
        "since_tag_note": N_("Changes recorded since the last tagged version, up to the version published here."),
        "version_title": N_("Version {tag} ({date})"),
        "first_version": N_("First version: {contents}."),
        "coverage_change": N_("Coverage of the recommendations: {before} → {after}."),
        "coverage_now": N_("Coverage of the recommendations: {after}."),
        "no_change": N_("No change to the traced objects."),
        "no_tag": N_("No version is tagged in git yet: changes will show here from one adopted version to the next."),
        "subscribe": N_("Subscribe to the changes (Atom feed)"),
        "feed_title": N_("{project} — what changed"),
        "download_json": N_("The objects as JSON"),
        "download_csv": N_("The objects as CSV (one row per object)"),
        "download_schema": N_("The JSON schema of the JSON file"),
        "download_atom": N_("The Atom feed of the changes"),
    }
)
