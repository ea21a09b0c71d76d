"""``{trace-dashboard}``: the follow-up dashboard, computed from the whole project.

Coverage; measures by status; progress per principle and per axis rolled up
from the measures (:mod:`civitrace.progress`); late measures and the next due
dates at the build date; the Métropole's answer beside the convention's own
grade. Plain docutils tables, so the page prints (LaTeX) as it shows; the
progress bars are an HTML extra beside figures that are always written out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from .. import progress
from ..i18n import _
from ..vocabulary import DECISION_LABELS, FOLLOWUP_LABELS, GRADE_LABELS, PAGE_LABELS, UNCOVERED_LABEL, long_date
from ..wording import grade, percent
from . import render_register
from .page_context import PageContext
from .render_tables import Cell, coverage_line, status_table, table

L = FOLLOWUP_LABELS

#: The dashboard's sections, in page order (``:sections:`` picks and orders them).
SECTIONS = ("coverage", "progress", "status", "principles", "axes", "late", "deadlines", "assessments", "register")


def bar(value: float | None) -> list[nodes.Node]:
    """A progress figure, and in HTML a bar drawn to scale."""
    if value is None:
        return [nodes.Text("—")]
    shown = round(value)
    html = (
        f'<span class="civitrace-bar" aria-hidden="true"><span class="civitrace-bar-fill" '
        f'style="width: {shown}%"></span></span>'
    )
    return [nodes.raw("", html, format="html"), nodes.Text(percent(shown))]


def coverage(ctx: PageContext) -> list[nodes.Node]:
    """``Recommandations couvertes : 18 sur 20 (90 %)``."""
    return [coverage_line(ctx)]


def overall(ctx: PageContext) -> list[nodes.Node]:
    """The progress of the whole strategy, with a bar."""
    whole = progress.overall_progress(ctx.project)
    text = L["overall_progress"].format(percent=percent(whole.percent) if whole.percent is not None else "—")
    detail = L["overall_detail"].format(counted=whole.counted, total=len(whole.measures))
    line = nodes.paragraph("", "", nodes.strong(text, text), nodes.Text(detail), classes=["civitrace-progress"])
    if whole.progress is not None:
        line.insert(0, bar(whole.progress)[0])
    return [line]


def status(ctx: PageContext) -> list[nodes.Node]:
    return [status_table(ctx)]


def _rollup_table(ctx: PageContext, title: str, heading: str, rollups: Sequence[progress.Rollup]) -> nodes.table:
    rows: list[list[Cell]] = []
    for item in rollups:
        obj = ctx.project.by_id.get(item.id)
        name: Cell = ctx.link(obj) if obj is not None else item.title
        figure = bar(item.progress)
        if item.weighted:
            figure.append(nodes.emphasis("", f" ({L['weighted']})"))
        rows.append([name, str(len(item.measures)), figure])
    return table(title, [heading, PAGE_LABELS["measures"], L["progress"]], rows, (50, 15, 35))


def principles(ctx: PageContext) -> list[nodes.Node]:
    rollups = progress.progress_by_principle(ctx.project)
    return [
        _rollup_table(ctx, L["progress_by_principle"], PAGE_LABELS["principle"], rollups),
        nodes.paragraph(L["rollup_note"], L["rollup_note"], classes=["civitrace-note"]),
    ]


def axes(ctx: PageContext) -> list[nodes.Node]:
    return [_rollup_table(ctx, L["progress_by_axis"], L["axis"], progress.progress_by_axis(ctx.project))]


def late(ctx: PageContext) -> list[nodes.Node]:
    """Measures past their due date at the build date, most overdue first."""
    day = long_date(ctx.as_of)
    found = progress.late_measures(ctx.project, ctx.as_of)
    if not found:
        text = L["no_late"].format(date=day)
        return [nodes.paragraph(text, text, classes=["civitrace-no-late"])]
    rows: list[list[Cell]] = []
    for measure in found:
        due = measure.get("due")
        rows.append(
            [
                ctx.link(measure),
                str(measure.get("owner") or "—"),
                long_date(due),  # type: ignore[arg-type]
                ctx.measure_state(measure),
                bar(progress.measure_progress(measure)),
            ]
        )
    headers = [L["measure"], L["owner"], L["due"], PAGE_LABELS["status"], L["progress"]]
    found_table = table(L["late_title"].format(date=day), headers, rows, (36, 18, 16, 14, 16))
    found_table["classes"].append("civitrace-late-table")
    return [found_table]


def deadlines(ctx: PageContext) -> list[nodes.Node]:
    """The next due dates and milestones of measures still open."""
    upcoming = progress.upcoming_deadlines(ctx.project, ctx.as_of)
    if not upcoming:
        return [nodes.paragraph(L["no_deadline"], L["no_deadline"])]
    rows: list[list[Cell]] = [
        [long_date(d.date), ctx.link(d.measure), d.label if d.milestone else L["measure_due"]] for d in upcoming
    ]
    title = L["deadlines_title"].format(date=long_date(ctx.as_of))
    return [table(title, [L["date"], L["measure"], L["step"]], rows, (20, 45, 35))]


def _grade_cell(ctx: PageContext, row: progress.FollowUp) -> Cell:
    latest = row.latest
    if latest is None:
        return nodes.emphasis("", L["not_assessed"])
    value, day = latest.get("grade"), latest.get("date")
    said = grade(value) if isinstance(value, int) else PAGE_LABELS["no_status"]
    cell: list[nodes.Node] = [
        nodes.paragraph("", "", nodes.strong(said, said, classes=[f"civitrace-grade-{value}"])),
        nodes.paragraph("", "", ctx.link(latest, long_date(day) if day else PAGE_LABELS["no_status"])),  # type: ignore[arg-type]
    ]
    previous = row.previous
    if previous is not None and isinstance(previous.get("grade"), int) and previous.get("date"):
        text = L["previous_grade"].format(
            grade=grade(previous.get("grade")),  # type: ignore[arg-type]
            date=long_date(previous.get("date")),  # type: ignore[arg-type]
        )
        cell.append(nodes.paragraph("", "", nodes.emphasis(text, text)))
    return cell


def _answer_cell(ctx: PageContext, row: progress.FollowUp) -> Cell:
    parts: list[nodes.Node] = []
    if row.decision:
        label = DECISION_LABELS.get(row.decision, row.decision)
        parts.append(nodes.paragraph("", "", nodes.strong(label, label)))
    for measure in row.measures:
        parts.append(nodes.paragraph("", "", ctx.link(measure), nodes.Text(f" ({ctx.measure_state(measure)})")))
    if not row.covered:
        text = PAGE_LABELS["coverage"] + _(": ") + _(UNCOVERED_LABEL)
        parts.append(nodes.paragraph("", "", nodes.strong(text, text, classes=["civitrace-uncovered"])))
    return parts or "—"


def assessments(ctx: PageContext) -> list[nodes.Node]:
    """Each recommendation: the Métropole's answer, and beside it the convention's latest grade."""
    rows: list[list[Cell]] = [
        [ctx.link(row.recommendation), _answer_cell(ctx, row), _grade_cell(ctx, row)]
        for row in progress.follow_up(ctx.project)
    ]
    headers = [PAGE_LABELS["recommendation"], L["metropole"], L["convention_grade"]]
    found = table(L["assessments_title"], headers, rows, (34, 38, 28))
    found["classes"].append("civitrace-assessments-table")
    counts = progress.grade_counts(ctx.project)
    summary = _("; ").join(f"{GRADE_LABELS[g]}{_(': ')}{n}" for g, n in sorted(counts.items(), reverse=True) if n)
    found_nodes: list[nodes.Node] = [nodes.paragraph(L["assessments_note"], L["assessments_note"])]
    if summary:
        text = f"{L['grade_summary']} — {summary}."
        found_nodes.append(nodes.paragraph(text, text, classes=["civitrace-grade-summary"]))
    found_nodes.append(found)
    return found_nodes


RENDERERS: dict[str, Callable[[PageContext], list[nodes.Node]]] = {
    "coverage": coverage,
    "progress": overall,
    "status": status,
    "principles": principles,
    "axes": axes,
    "late": late,
    "deadlines": deadlines,
    "assessments": assessments,
    "register": render_register.dashboard_figures,
}


def dashboard(ctx: PageContext, sections: Sequence[str]) -> list[nodes.Node]:
    """The chosen sections, in the order given."""
    found: list[nodes.Node] = []
    for name in sections:
        render = RENDERERS.get(name)
        if render is not None:
            block = nodes.container(classes=["civitrace-dashboard", f"civitrace-dashboard-{name}"])
            block.extend(render(ctx))
            found.append(block)
    return found
