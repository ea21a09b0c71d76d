"""The AI register in the yearly report: systems by status, what was evaluated and debated since the previous
version, and the reviews due — from the doctrine's verdicts (:mod:`civitrace.register`), as the site shows them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..i18n import _
from ..model import Project, TraceObject
from ..register import add_months, dated, verdicts
from ..register_vocabulary import OUTCOME_LABELS, RESULT_LABELS, RISK_LABELS, SYSTEM_STATUS_LABELS
from ..vocabulary import long_date
from .blocks import Block, Heading, Items, Paragraph, Table
from .sections import version_name
from .versions import ReportVersions

#: Reviews falling due within this many months of the report's date are listed as coming.
REVIEW_HORIZON_MONTHS = 12


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(labels: dict[str, str], value: object) -> str:
    return _(labels[str(value)]) if str(value) in labels else (str(value) if value else "—")


def _system_name(project: Project, system_id: str) -> str:
    system = project.by_id.get(system_id)
    return f"{system_id} — {system.title}" if system is not None and system.title else system_id


def _since(objects: list[TraceObject], since: dt.date | None, until: dt.date) -> list[TraceObject]:
    """Objects dated after ``since`` (all when None) and on or before ``until``, oldest first."""
    found = [o for o in objects if (day := dated(o)) is not None and (since is None or day > since) and day <= until]
    return sorted(found, key=lambda o: (dated(o), o.id))  # type: ignore[arg-type, return-value]


def register_section(versions: ReportVersions) -> list[Block]:
    """The register's state at the version's date; empty when the project keeps no register."""
    project, as_of = versions.project, versions.as_of
    systems = verdicts(project)
    evaluations = project.of_kind("evaluation")
    deliberations = project.of_kind("deliberation")
    if not systems and not evaluations and not deliberations:
        return []
    blocks: list[Block] = [Heading(1, _("The AI register"))]
    counts = Counter(v.status or "" for v in systems)
    before = Counter(v.status or "" for v in verdicts(versions.previous_project)) if versions.previous_project else None
    headers = [_("Status")]
    if before is not None:
        headers.append(version_name(versions, previous=True))
    headers.append(version_name(versions))
    rows = []
    for status, label in SYSTEM_STATUS_LABELS.items():
        cells = [_(label)]
        if before is not None:
            cells.append(str(before.get(status, 0)))
        cells.append(str(counts.get(status, 0)))
        rows.append(tuple(cells))
    total = [_("Total")] + ([str(sum(before.values()))] if before is not None else []) + [str(len(systems))]
    rows.append(tuple(total))
    blocks.append(Table(_("AI systems by status"), tuple(headers), tuple(rows)))

    since = versions.previous.date if versions.previous else None
    period = (
        _("since {version}").format(version=version_name(versions, previous=True))
        if since
        else _("up to {date}").format(date=long_date(as_of))
    )
    new_evaluations = _since(evaluations, since, as_of)
    if new_evaluations:
        rows = tuple(
            (
                _system_name(project, e.id),
                long_date(dated(e)),  # type: ignore[arg-type]
                _label(RESULT_LABELS, e.get("result")),
                _label(RISK_LABELS, e.get("risk")),
                str(e.get("by") or "—"),
            )
            for e in new_evaluations
        )
        headers_e = (_cap(_("AI system")), _("Date"), _("Result"), _("Risk"), _("By"))
        blocks.append(Table(_("Evaluations {period}").format(period=period), headers_e, rows))
    else:
        blocks.append(Paragraph(_("No evaluation {period}.").format(period=period)))
    new_deliberations = _since(deliberations, since, as_of)
    if new_deliberations:
        items = []
        for d in new_deliberations:
            names = ", ".join(str(s) for s in (d.get("systems") or ()))  # type: ignore[union-attr]
            text = f"{d.id} — {d.title} : {_label(OUTCOME_LABELS, d.get('outcome'))}"
            text += f", {d.get('body')}" if d.get("body") else ""
            text += f", {long_date(dated(d))}"  # type: ignore[arg-type]
            items.append(text + (f" ({names})" if names else ""))
        blocks.append(Paragraph(_("Deliberations {period}:").format(period=period), strong=True))
        blocks.append(Items(tuple(items)))
    else:
        blocks.append(Paragraph(_("No deliberation {period}.").format(period=period)))

    horizon = add_months(as_of, REVIEW_HORIZON_MONTHS)
    reviews = sorted(
        (v for v in systems if v.active and v.next_review is not None and v.next_review <= horizon),
        key=lambda v: (v.next_review, v.system.id),
    )
    if reviews:
        rows = tuple(
            (
                _system_name(project, v.system.id),
                _label(SYSTEM_STATUS_LABELS, v.status),
                long_date(v.next_review),  # type: ignore[arg-type]
                _("overdue") if v.review_due(as_of) else _("coming"),
            )
            for v in reviews
        )
        title = _("Reviews due by {date}").format(date=long_date(horizon))
        blocks.append(Table(title, (_cap(_("AI system")), _("Status"), _cap(_("Next review")), _("State")), rows))
    else:
        blocks.append(Paragraph(_("No review due by {date}.").format(date=long_date(horizon))))
    return blocks
