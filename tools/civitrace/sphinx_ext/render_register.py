"""The register on the site: a system's evaluations, deliberations and verdict; ``{trace-register}``.

Everything here reads the verdicts of :mod:`civitrace.register`, the same ones
the rules judge, so a page never says "conforme" of a system ``civitrace check``
refuses. Plain docutils nodes: the HTML and the PDF show the same words.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from ..i18n import _
from ..model import TraceObject
from ..register import Verdict, dated, has_been_deployed, register_figures, verdict, verdicts
from ..register_vocabulary import REGISTER_LABELS
from ..vocabulary import PAGE_LABELS, capital, label_for, long_date
from .page_context import PageContext
from .render_block import item
from .render_tables import Cell, rate, table

L = REGISTER_LABELS


def _label(option: str, value: object, kind: str) -> str:
    return label_for(option, str(value), kind) if value else _(PAGE_LABELS["no_status"])


def system_state(system: TraceObject) -> nodes.inline:
    """A system's status in words, with a class a theme (or a reader of the HTML) can use."""
    status = system.get("status")
    text = _label("status", status, "ai-system")
    return nodes.inline(text, text, classes=["civitrace-system-status", f"civitrace-system-status-{status or 'none'}"])


def _flag(text: str, ok: bool) -> nodes.Node:
    """A verdict in words: problems in bold with their own class (never colour alone)."""
    if ok:
        return nodes.inline(text, text, classes=["civitrace-verdict-ok"])
    return nodes.strong(text, text, classes=["civitrace-verdict-problem"])


# -- a system's block -------------------------------------------------------------------------


def system_rows(ctx: PageContext, system: TraceObject) -> list[nodes.definition_list_item]:
    """The verdict of the doctrine, then every evaluation and deliberation in date order."""
    found = verdict(ctx.project, system)
    rows = [verdict_row(ctx, found), prior_row(found), debate_row(ctx, found)]
    if found.forbidden_uses:
        uses = ", ".join(label_for("uses", u, "ai-system") for u in found.forbidden_uses)
        rows.append(item(_(L["forbidden"]), [_flag(uses, not found.breaks_ban)]))
    if found.next_review is not None and found.active:
        rows.append(review_row(ctx, found))
    rows.append(evaluations_row(ctx, found))
    rows.append(deliberations_row(ctx, found))
    return rows


def verdict_text(found: Verdict, as_of: dt.date) -> str:
    """``conforme à la doctrine``, or the rules the system breaks at ``as_of``, in words."""
    problems = found.problems(as_of)
    if not problems:
        return _(L["compliant"])
    return ", ".join(_(L[f"problem_{code}"]) for code in problems)


def verdict_row(ctx: PageContext, found: Verdict) -> nodes.definition_list_item:
    text = verdict_text(found, ctx.as_of)
    return item(_(L["verdict"]), [_flag(text, not found.problems(ctx.as_of))])


def prior_row(found: Verdict) -> nodes.definition_list_item:
    """``Évaluation préalable : favorable, le 10 décembre 2024``."""
    evaluation = found.prior_evaluation
    if evaluation is not None:
        result = _label("result", evaluation.get("result"), "evaluation")
        text = _(L["result_on"]).format(result=result, date=long_date(dated(evaluation)))  # type: ignore[arg-type]
        ok = evaluation.get("result") != "unfavourable" or not found.active
        return item(_(L["prior_evaluation"]), [_flag(text, ok)])
    if not has_been_deployed(found):
        return item(_(L["prior_evaluation"]), [nodes.Text(_(L["not_evaluated"]))])
    if found.deployment is not None:
        text = _(L["none_before"]).format(date=long_date(found.deployment))
    else:
        text = _(L["none"])
    # a retired system's missing evaluation is history, not a rule broken now
    return item(_(L["prior_evaluation"]), [_flag(text, not found.lacks_prior_evaluation)])


def debate_row(ctx: PageContext, found: Verdict) -> nodes.definition_list_item:
    """``Débat démocratique : requis (caméras) — DEL-2025-041, adoptée le 10 avril 2025``, or ``non requis``."""
    if not found.needs_debate:
        return item(_(L["debate"]), [nodes.Text(_(L["not_required"]))])
    uses = ", ".join(label_for("uses", u, "ai-system") for u in found.debate_uses)
    content: list[nodes.Node] = [nodes.Text(_(L["required"]).format(uses=uses) + " — ")]
    shown = found.approval or (found.deliberations[-1] if found.deliberations else None)
    if shown is not None:
        content += [ctx.link(shown, shown.id), nodes.Text(", ")]
        outcome = _label("outcome", shown.get("outcome"), "deliberation")
        text = _(L["outcome_on"]).format(outcome=outcome, date=long_date(dated(shown)))  # type: ignore[arg-type]
        content.append(_flag(text, not found.lacks_debate))
        if found.lacks_debate and found.approval is None and shown.get("outcome") == "approved":
            content.append(_flag(" " + _(L["after_deployment"]), False))
    else:
        text = _(L["no_deliberation"])
        content.append(_flag(text, not found.lacks_debate))
    return item(_(L["debate"]), content)


def review_row(ctx: PageContext, found: Verdict) -> nodes.definition_list_item:
    """``Prochain réexamen : 10 décembre 2026``, ``— dépassé au 3 mars 2027`` when due at the build date."""
    content: list[nodes.Node] = [nodes.Text(long_date(found.next_review))]  # type: ignore[arg-type]
    if found.review_due(ctx.as_of):
        content += [nodes.Text(" — "), _flag(_(L["overdue_on"]).format(date=long_date(ctx.as_of)), False)]
    return item(_(L["next_review"]), content)


def evaluations_row(ctx: PageContext, found: Verdict) -> nodes.definition_list_item:
    """Every evaluation, oldest first: date (linked), result, risk, evaluator."""
    if not found.evaluations:
        return item(_(L["evaluations"]), [nodes.Text(_(L["no_evaluation"]))])
    entries = nodes.bullet_list(classes=["civitrace-evaluations"])
    for evaluation in found.evaluations:
        day = dated(evaluation)
        line = nodes.paragraph("", "", ctx.link(evaluation, long_date(day) if day else evaluation.id))
        details = [_label("result", evaluation.get("result"), "evaluation")]
        if evaluation.get("risk"):
            details.append(_label("risk", evaluation.get("risk"), "evaluation"))
        if evaluation.raw.get("by"):
            details.append(evaluation.raw["by"])
        line += nodes.Text(" : " + ", ".join(details))
        entries += nodes.list_item("", line)
    return item(_(L["evaluations"]), [entries])


def deliberations_row(ctx: PageContext, found: Verdict) -> nodes.definition_list_item:
    """Every deliberation naming the system, oldest first: ID and title (linked), outcome, date, assembly."""
    if not found.deliberations:
        return item(_(L["deliberations"]), [nodes.Text(_(L["no_deliberation_at_all"]))])
    entries = nodes.bullet_list(classes=["civitrace-deliberations"])
    for deliberation in found.deliberations:
        outcome = _label("outcome", deliberation.get("outcome"), "deliberation")
        day = dated(deliberation)
        said = _(L["outcome_on"]).format(outcome=outcome, date=long_date(day)) if day else outcome
        if deliberation.raw.get("body"):
            said += f" ({deliberation.raw['body']})"
        entries += nodes.list_item("", nodes.paragraph("", "", ctx.link(deliberation), nodes.Text(" : " + said)))
    return item(_(L["deliberations"]), [entries])


# -- a measure's block ------------------------------------------------------------------------


def measure_systems_row(ctx: PageContext, measure: TraceObject) -> list[nodes.definition_list_item]:
    """The AI systems a measure carries, with their status (nothing when it carries none)."""
    systems = ctx.project.systems_of(measure.id)
    if not systems:
        return []
    entries = nodes.bullet_list(classes=["civitrace-systems"])
    for system in systems:
        entries += nodes.list_item(
            "", nodes.paragraph("", "", ctx.link(system), nodes.Text(" : "), system_state(system))
        )
    return [item(_(L["carried_systems"]), [entries])]


# -- {trace-register} -------------------------------------------------------------------------


def dashboard_figures(ctx: PageContext) -> list[nodes.Node]:
    """The dashboard's register section: the figures, or nothing for a project without a register."""
    return figures(ctx) if ctx.project.of_kind("ai-system") else []


def figures(ctx: PageContext) -> list[nodes.Node]:
    """Systems by status, the share evaluated before deployment, the reviews due at the build date."""
    found = register_figures(verdicts(ctx.project), ctx.as_of)
    if not found.total:
        text = _(L["no_system"])
        return [nodes.paragraph(text, text, classes=["civitrace-register-empty"])]
    share = rate(found.evaluated_before, found.deployed)
    evaluated = _(L["evaluated_share"]).format(count=found.evaluated_before, total=found.deployed, percent=share)
    due = _(L["reviews_due"]).format(date=long_date(ctx.as_of), count=len(found.reviews_due))
    lines = [
        nodes.paragraph("", "", nodes.strong(evaluated, evaluated), classes=["civitrace-register-evaluated"]),
        nodes.paragraph("", "", nodes.Text(due), classes=["civitrace-register-reviews"]),
    ]
    if found.reviews_due:
        entries = nodes.bullet_list(classes=["civitrace-register-reviews-due"])
        for late in found.reviews_due:
            when = long_date(late.next_review)  # type: ignore[arg-type]
            entries += nodes.list_item("", nodes.paragraph("", "", ctx.link(late.system), nodes.Text(f" : {when}")))
        lines.append(entries)
    rows: list[list[Cell]] = [
        [label_for("status", status, "ai-system") if status else _(PAGE_LABELS["no_status"]), str(count)]
        for status, count in found.by_status.items()
        if status or count
    ]
    rows.append([_(PAGE_LABELS["total"]), str(found.total)])
    headers = [_(L["status"]), _(L["systems"])]
    return [*lines, table(_(L["by_status"]), headers, rows, (70, 30))]


def register_table(ctx: PageContext) -> list[nodes.Node]:
    """The figures, then one row per system: name, owner, status, automation, uses, evaluation, debate, review."""
    rows: list[list[Cell]] = []
    for found in verdicts(ctx.project):
        system = found.system
        rows.append(
            [
                ctx.link(system),
                system.raw.get("owner", "—"),
                system_state(system),
                _label("automation", system.get("automation"), "ai-system") if system.get("automation") else "—",
                ", ".join(label_for("uses", u, "ai-system") for u in system.get("uses") or ()) or "—",  # type: ignore[attr-defined]
                _evaluation_cell(ctx, found),
                _deliberation_cell(ctx, found),
                _review_cell(ctx, found),
            ]
        )
    headers = [
        capital(_(L["system"])),
        _(L["owner"]),
        _(L["status"]),
        _(L["automation"]),
        _(L["uses"]),
        _(L["latest_evaluation"]),
        _(L["deliberation"]),
        _(L["next_review"]),
    ]
    found_table = table(_(L["register_title"]), headers, rows, (22, 13, 9, 10, 12, 13, 11, 10))
    found_table["classes"].append("civitrace-register")
    return [*figures(ctx), found_table] if rows else figures(ctx)


def _evaluation_cell(ctx: PageContext, found: Verdict) -> Cell:
    latest = found.latest_evaluation
    if latest is None:
        return _flag(_(L["not_evaluated"]), not found.lacks_prior_evaluation)
    result = _label("result", latest.get("result"), "evaluation")
    text = _(L["result_on"]).format(result=result, date=long_date(dated(latest)))  # type: ignore[arg-type]
    content: list[nodes.Node] = [ctx.link(latest, text)]
    for code in ("no-prior-evaluation", "unfavourable-evaluation"):
        if code in found.problems():
            content += [nodes.Text(" — "), _flag(_(L[f"problem_{code}"]), False)]
    return content


def _deliberation_cell(ctx: PageContext, found: Verdict) -> Cell:
    shown = found.approval or (found.deliberations[-1] if found.deliberations else None)
    if shown is None:
        return _flag(_(L["no_deliberation"]), False) if found.lacks_debate else "—"
    outcome = _label("outcome", shown.get("outcome"), "deliberation")
    content: list[nodes.Node] = [ctx.link(shown, shown.id), nodes.Text(f" ({outcome})")]
    if found.lacks_debate:
        content += [nodes.Text(" — "), _flag(_(L["problem_no-debate"]), False)]
    return content


def _review_cell(ctx: PageContext, found: Verdict) -> Cell:
    if found.next_review is None or not found.active:
        return "—"
    text = long_date(found.next_review)
    return _flag(text, not found.review_due(ctx.as_of))
