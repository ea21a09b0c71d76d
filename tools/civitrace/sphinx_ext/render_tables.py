"""``{trace-matrix}`` and ``{trace-summary}``: tables computed from the whole project.

They are plain docutils tables, so the HTML and the LaTeX (PDF) builders
both render them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from docutils import nodes

from ..i18n import _
from ..model import TraceObject
from ..vocabulary import DECISION_LABELS, PAGE_LABELS, STATUS_LABELS, UNCOVERED_LABEL, long_date
from ..wording import rate
from .page_context import PageContext
from .render_block import is_inline

Cell = str | nodes.Node | Sequence[nodes.Node]


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[int]) -> nodes.table:
    """A titled table; a cell is text, an inline node, a list of inline nodes or of paragraphs."""
    found = nodes.table(classes=["civitrace-table"])
    found += nodes.title(title, title)
    group = nodes.tgroup(cols=len(headers))
    found += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return found


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += _entry(cell)
    return row


def _entry(cell: Cell) -> nodes.entry:
    entry = nodes.entry()
    if isinstance(cell, str):
        if cell:
            entry += nodes.paragraph(cell, cell)
        return entry
    parts = [cell] if isinstance(cell, nodes.Node) else list(cell)
    if parts and not any(is_inline(part) for part in parts):
        entry.extend(parts)
    elif parts:
        entry += nodes.paragraph("", "", *parts)
    return entry


# -- the matrix -----------------------------------------------------------------------------


def matrix(ctx: PageContext) -> list[nodes.Node]:
    """One row per recommendation, grouped by principle: its response and the measures answering it."""
    rows: list[list[Cell]] = []
    for principle, recommendations in recommendation_groups(ctx):
        for index, rec in enumerate(recommendations):
            heading: Cell = "" if index else (ctx.link(principle) if principle else PAGE_LABELS["no_principle"])
            rows.append([heading, ctx.link(rec), decision_cell(ctx, rec), measures_cell(ctx, rec)])
    headers = [
        PAGE_LABELS["principle"],
        PAGE_LABELS["recommendation"],
        PAGE_LABELS["decision"],
        PAGE_LABELS["measures_with_status"],
    ]
    found = table(PAGE_LABELS["matrix_title"], headers, rows, (20, 30, 12, 38))
    found["classes"].append("civitrace-matrix")
    return [found]


def recommendation_groups(ctx: PageContext) -> list[tuple[TraceObject | None, list[TraceObject]]]:
    """Recommendations by principle, in source order; those without a known principle last."""
    groups: list[tuple[TraceObject | None, list[TraceObject]]] = []
    placed: set[int] = set()
    for principle in ctx.project.of_kind("principle"):
        if ctx.project.by_id.get(principle.id) is not principle:
            continue  # a duplicate ID: its recommendations are listed under the first one
        recommendations = ctx.project.recommendations_of(principle.id)
        if recommendations:
            groups.append((principle, recommendations))
            placed.update(id(rec) for rec in recommendations)
    orphans = [rec for rec in ctx.project.of_kind("recommendation") if id(rec) not in placed]
    if orphans:
        groups.append((None, orphans))
    return groups


def decision_cell(ctx: PageContext, rec: TraceObject) -> Cell:
    """The French decision of the recommendation's response, linked to it, or a dash."""
    response = ctx.project.response_for(rec.id)
    if response is None:
        return "—"
    label = DECISION_LABELS.get(str(response.get("decision")), PAGE_LABELS["no_status"])
    return ctx.link(response, label)


def measures_cell(ctx: PageContext, rec: TraceObject) -> Cell:
    """One paragraph a measure (``M-01 — title (en cours)``), or "non couverte"."""
    measures = ctx.project.measures_for(rec.id)
    if measures:
        return [
            nodes.paragraph("", "", ctx.link(measure), nodes.Text(f" ({ctx.measure_state(measure)})"))
            for measure in measures
        ]
    if not ctx.project.is_covered(rec.id):
        return nodes.strong(_(UNCOVERED_LABEL), _(UNCOVERED_LABEL), classes=["civitrace-uncovered"])
    return "—"


# -- the summary ----------------------------------------------------------------------------


def summary(ctx: PageContext) -> list[nodes.Node]:
    """Coverage overall and by principle, measures by status, responses by decision."""
    return [coverage_line(ctx), coverage_table(ctx), status_table(ctx), decision_table(ctx)]


def _recommendations(ctx: PageContext) -> list[TraceObject]:
    # duplicates are errors reported elsewhere; count each ID once
    return [rec for rec in ctx.project.of_kind("recommendation") if ctx.project.by_id.get(rec.id) is rec]


def coverage_line(ctx: PageContext) -> nodes.paragraph:
    """``Recommandations couvertes : 18 sur 20 (90 %)``."""
    recommendations = _recommendations(ctx)
    covered = sum(ctx.project.is_covered(rec.id) for rec in recommendations)
    text = PAGE_LABELS["covered_recommendations"].format(
        covered=covered, total=len(recommendations), percent=rate(covered, len(recommendations))
    )
    return nodes.paragraph("", "", nodes.strong(text, text), classes=["civitrace-coverage"])


def coverage_table(ctx: PageContext) -> nodes.table:
    """Per principle: recommendations, covered ones, rate; then the total."""
    rows: list[list[Cell]] = []
    total = covered_total = 0
    counted = {id(rec) for rec in _recommendations(ctx)}
    for principle, recommendations in recommendation_groups(ctx):
        recommendations = [rec for rec in recommendations if id(rec) in counted]
        covered = sum(ctx.project.is_covered(rec.id) for rec in recommendations)
        name: Cell = ctx.link(principle) if principle else PAGE_LABELS["no_principle"]
        rows.append([name, str(len(recommendations)), str(covered), rate(covered, len(recommendations))])
        total += len(recommendations)
        covered_total += covered
    rows.append([PAGE_LABELS["total"], str(total), str(covered_total), rate(covered_total, total)])
    headers = [PAGE_LABELS["principle"], PAGE_LABELS["recommendations"], PAGE_LABELS["covered"], PAGE_LABELS["rate"]]
    return table(PAGE_LABELS["coverage_by_principle"], headers, rows, (52, 16, 16, 16))


def status_table(ctx: PageContext) -> nodes.table:
    """Measures counted by status (vocabulary order), then those late at the build date."""
    measures = ctx.project.of_kind("measure")
    counts = Counter(str(m.get("status") or "") for m in measures)
    rows: list[list[Cell]] = [[label, str(counts.get(status, 0))] for status, label in STATUS_LABELS.items()]
    if counts.get(""):
        rows.append([PAGE_LABELS["no_status"], str(counts[""])])
    rows.append([PAGE_LABELS["total"], str(len(measures))])
    late = sum(ctx.is_late(m) for m in measures)
    rows.append([PAGE_LABELS["late_measures"].format(date=long_date(ctx.as_of)), str(late)])
    return table(PAGE_LABELS["measures_by_status"], [PAGE_LABELS["status"], PAGE_LABELS["measures"]], rows, (70, 30))


def decision_table(ctx: PageContext) -> nodes.table:
    """Recommendations counted by the decision of their response, and those without one."""
    recommendations = _recommendations(ctx)
    decisions = Counter(
        str(response.get("decision") or "")
        for rec in recommendations
        if (response := ctx.project.response_for(rec.id)) is not None
    )
    rows: list[list[Cell]] = [[label, str(decisions.get(value, 0))] for value, label in DECISION_LABELS.items()]
    if decisions.get(""):
        rows.append([PAGE_LABELS["no_status"], str(decisions[""])])
    answered = sum(decisions.values())
    rows.append([PAGE_LABELS["without_response"], str(len(recommendations) - answered)])
    rows.append([PAGE_LABELS["total"], str(len(recommendations))])
    headers = [PAGE_LABELS["decision"], PAGE_LABELS["count"]]
    return table(PAGE_LABELS["responses_by_decision"], headers, rows, (70, 30))
