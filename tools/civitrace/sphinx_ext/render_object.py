"""What an object's block shows from other documents (filled in at ``doctree-resolved``).

A recommendation shows its public response, the measures answering it, the
convention's assessments and whether it is covered; a measure its
indicators and lateness; a principle its recommendations; an axis its measures.
One function per block of the page.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from ..i18n import _
from ..model import TraceObject
from ..vocabulary import DECISION_LABELS, GRADE_LABELS, PAGE_LABELS, UNCOVERED_LABEL, long_date
from ..wording import grade
from .page_context import PageContext
from .render_block import item
from .render_register import measure_systems_row, system_rows


def backlinks(ctx: PageContext, obj: TraceObject) -> list[nodes.Node]:
    """The definition list of what other objects say about ``obj`` (nothing for other kinds)."""
    render = _RENDERERS.get(obj.kind)
    rows = render(ctx, obj) if render else []
    if not rows:
        return []
    found = nodes.definition_list(classes=["civitrace-backlinks"])
    found.extend(rows)
    return [found]


def late_flag(ctx: PageContext, measure: TraceObject) -> list[nodes.Node]:
    """`` — en retard au 3 mars 2026`` after a measure's status, when late at the build date."""
    if not ctx.is_late(measure):
        return []
    text = PAGE_LABELS["late_on"].format(date=long_date(ctx.as_of))
    return [nodes.Text(" — "), nodes.strong(text, text, classes=["civitrace-late"])]


# -- recommendation -------------------------------------------------------------------------


def recommendation_rows(ctx: PageContext, rec: TraceObject) -> list[nodes.definition_list_item]:
    """Response, measures, coverage (when missing) and assessments of a recommendation."""
    rows = [response_row(ctx, rec), measures_row(ctx, rec)]
    if not ctx.project.is_covered(rec.id):
        rows.append(uncovered_row())
    assessments = assessments_row(ctx, rec)
    if assessments is not None:
        rows.append(assessments)
    return rows


def response_row(ctx: PageContext, rec: TraceObject) -> nodes.definition_list_item:
    """The public response: its decision in French, a link to it, and its justification."""
    response = ctx.project.response_for(rec.id)
    if response is None:
        return item(PAGE_LABELS["public_response"], [nodes.emphasis("", PAGE_LABELS["no_response"])])
    decision = response.get("decision")
    label = DECISION_LABELS.get(str(decision), PAGE_LABELS["no_status"])
    content: list[nodes.Node] = [
        nodes.strong(label, label, classes=["civitrace-decision", f"civitrace-decision-{decision}"]),
        nodes.Text(" ("),
        ctx.link(response, PAGE_LABELS["see_response"]),
        nodes.Text(")"),
    ]
    justification = ctx.quote(response)
    if justification is not None:
        content.append(justification)
    return item(PAGE_LABELS["public_response"], content)


def measures_row(ctx: PageContext, rec: TraceObject) -> nodes.definition_list_item:
    """Every measure responding to the recommendation, with its status."""
    measures = ctx.project.measures_for(rec.id)
    if not measures:
        return item(PAGE_LABELS["responding_measures"], [nodes.Text(PAGE_LABELS["no_measure"])])
    return item(PAGE_LABELS["responding_measures"], [measure_list(ctx, measures)])


def uncovered_row() -> nodes.definition_list_item:
    """``Couverture : non couverte``."""
    text = _(UNCOVERED_LABEL)
    return item(PAGE_LABELS["coverage"], [nodes.strong(text, text, classes=["civitrace-uncovered"])])


def assessments_row(ctx: PageContext, rec: TraceObject) -> nodes.definition_list_item | None:
    """The convention's grades, oldest session first, each with its comment."""
    found = ctx.project.assessments_for(rec.id)
    if not found:
        return None
    entries = nodes.bullet_list(classes=["civitrace-assessments"])
    for assessment in found:
        entries += assessment_entry(ctx, assessment)
    return item(PAGE_LABELS["assessments"], [entries])


def assessment_entry(ctx: PageContext, assessment: TraceObject) -> nodes.list_item:
    """``15 mars 2025 : 3 — passable`` (linked to the assessment), then its comment."""
    day = assessment.get("date")
    value = assessment.get("grade")
    when = long_date(day) if day else PAGE_LABELS["no_status"]  # type: ignore[arg-type]
    said = grade(value) if isinstance(value, int) and value in GRADE_LABELS else PAGE_LABELS["no_status"]
    line = nodes.paragraph("", "", ctx.link(assessment, when), nodes.Text(_(": ")), nodes.strong(said, said))
    entry = nodes.list_item("", line)
    comment = ctx.quote(assessment)
    if comment is not None:
        entry += comment
    return entry


# -- measure, principle, axis ---------------------------------------------------------------


def measure_rows(ctx: PageContext, measure: TraceObject) -> list[nodes.definition_list_item]:
    """A measure's indicators, with their target and unit, then the AI systems it carries."""
    indicators = ctx.project.indicators_for(measure.id)
    if not indicators:
        return [
            item(PAGE_LABELS["indicators"], [nodes.Text(PAGE_LABELS["no_indicator"])]),
            *measure_systems_row(ctx, measure),
        ]
    entries = nodes.bullet_list(classes=["civitrace-indicators"])
    for indicator in indicators:
        entries += indicator_entry(ctx, indicator)
    return [item(PAGE_LABELS["indicators"], [entries]), *measure_systems_row(ctx, measure)]


def indicator_entry(ctx: PageContext, indicator: TraceObject) -> nodes.list_item:
    """``I-01 — title (cible : 100 % ; unité : fiches)``."""
    line = nodes.paragraph("", "", ctx.link(indicator))
    details = [
        f"{spec.label.lower()}{_(': ')}{indicator.raw[name]}"
        for name, spec in indicator.spec.options.items()
        if name in ("target", "unit") and indicator.raw.get(name)
    ]
    if details:
        line += nodes.Text(f" ({_('; ').join(details)})")
    return nodes.list_item("", line)


def principle_rows(ctx: PageContext, principle: TraceObject) -> list[nodes.definition_list_item]:
    """A principle's recommendations, flagging those not covered."""
    recommendations = ctx.project.recommendations_of(principle.id)
    if not recommendations:
        return [item(PAGE_LABELS["recommendations"], [nodes.Text(PAGE_LABELS["no_recommendation"])])]
    entries = nodes.bullet_list(classes=["civitrace-recommendations"])
    for rec in recommendations:
        line = nodes.paragraph("", "", ctx.link(rec))
        if not ctx.project.is_covered(rec.id):
            line += nodes.Text(" — ")
            line += nodes.strong(_(UNCOVERED_LABEL), _(UNCOVERED_LABEL), classes=["civitrace-uncovered"])
        entries += nodes.list_item("", line)
    return [item(PAGE_LABELS["recommendations"], [entries])]


def axis_rows(ctx: PageContext, axis: TraceObject) -> list[nodes.definition_list_item]:
    """An axis's measures, with their status."""
    measures = ctx.project.measures_of(axis.id)
    if not measures:
        return [item(PAGE_LABELS["axis_measures"], [nodes.Text(PAGE_LABELS["no_measure"])])]
    return [item(PAGE_LABELS["axis_measures"], [measure_list(ctx, measures)])]


def measure_list(ctx: PageContext, measures: list[TraceObject]) -> nodes.bullet_list:
    """``M-01 — title : en cours`` one a line (``, en retard`` when late)."""
    entries = nodes.bullet_list(classes=["civitrace-measures"])
    for measure in measures:
        state = ctx.measure_state(measure)
        classes = ["civitrace-status", f"civitrace-status-{measure.get('status') or 'none'}"]
        if ctx.is_late(measure):
            classes.append("civitrace-late")
        line = nodes.paragraph(
            "", "", ctx.link(measure), nodes.Text(_(": ")), nodes.inline(state, state, classes=classes)
        )
        entries += nodes.list_item("", line)
    return entries


_RENDERERS: dict[str, Callable[[PageContext, TraceObject], list[nodes.definition_list_item]]] = {
    "recommendation": recommendation_rows,
    "measure": measure_rows,
    "principle": principle_rows,
    "axis": axis_rows,
    "ai-system": system_rows,
}
