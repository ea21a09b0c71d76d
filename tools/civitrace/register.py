"""The doctrine's verdict on each AI system, from the model: one truth for the rules and the pages.

A verdict says whether a system was evaluated before it was deployed, whether
it needed a debate and which deliberation approved it, which of its uses the
doctrine forbids and when it must be evaluated again. The rules of
:mod:`.register_rules` turn verdicts into diagnostics; the site, the register
table and the inventory show the same verdicts in words.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .model import Project, TraceObject
from .register_vocabulary import ACTIVE_STATUSES, DEPLOYED_STATUSES, STOPPED_STATUSES, SYSTEM_STATUS_LABELS


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 August + 6 months is the last day of February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def dated(obj: TraceObject, option: str = "date") -> dt.date | None:
    """An object's date option, when it was written and valid."""
    value = obj.get(option)
    return value if isinstance(value, dt.date) else None


def deployment_date(system: TraceObject) -> dt.date | None:
    """DESIGN.md: the earliest of the system's ``pilot`` and ``service`` dates."""
    found = [d for d in (dated(system, "pilot"), dated(system, "service")) if d is not None]
    return min(found) if found else None


def status_date(system: TraceObject) -> dt.date | None:
    """The date the current status began, when the vocabulary ties one to it."""
    status = system.get("status")
    return dated(system, str(status)) if status in ("pilot", "service") else None


@dataclass(frozen=True)
class Verdict:
    """What the doctrine says of one AI system."""

    system: TraceObject
    deployment: dt.date | None
    evaluations: tuple[TraceObject, ...]  # oldest first
    deliberations: tuple[TraceObject, ...]  # oldest first
    #: the latest evaluation dated on or before deployment (any, for a system not deployed)
    prior_evaluation: TraceObject | None
    latest_evaluation: TraceObject | None
    #: the uses of the system that the doctrine sends to debate
    debate_uses: tuple[str, ...]
    #: the latest approved deliberation dated on or before deployment (any, for a system not deployed)
    approval: TraceObject | None
    forbidden_uses: tuple[str, ...]
    #: when the latest evaluation must be renewed
    next_review: dt.date | None

    @property
    def status(self) -> str | None:
        value = self.system.get("status")
        return str(value) if value else None

    @property
    def deployed(self) -> bool:
        """In trial, in service or suspended: it needs its prior evaluation and debate."""
        return self.status in DEPLOYED_STATUSES

    @property
    def active(self) -> bool:
        """In trial or in service now."""
        return self.status in ACTIVE_STATUSES

    @property
    def needs_debate(self) -> bool:
        return bool(self.debate_uses)

    def review_due(self, as_of: dt.date) -> bool:
        """``review-due``: a system in use is past the date of its next review at ``as_of``."""
        return self.active and self.next_review is not None and self.next_review < as_of

    @property
    def lacks_prior_evaluation(self) -> bool:
        """``no-prior-evaluation``: deployed without an evaluation on or before deployment."""
        return self.deployed and self.prior_evaluation is None

    @property
    def rests_on_unfavourable(self) -> bool:
        """``unfavourable-evaluation``: in use although the latest evaluation is unfavourable."""
        latest = self.latest_evaluation
        return self.active and latest is not None and latest.get("result") == "unfavourable"

    @property
    def lacks_debate(self) -> bool:
        """``no-debate``: deployed with a use sent to debate, without a prior approved deliberation."""
        return self.deployed and self.needs_debate and self.approval is None

    @property
    def breaks_ban(self) -> bool:
        """``forbidden-use``: a forbidden use, and neither refused nor retired."""
        return bool(self.forbidden_uses) and self.status is not None and self.status not in STOPPED_STATUSES

    def problems(self, as_of: dt.date | None = None) -> tuple[str, ...]:
        """The codes of the doctrine's rules the system breaks (``review-due`` only with a date)."""
        found = (
            ("no-prior-evaluation", self.lacks_prior_evaluation),
            ("unfavourable-evaluation", self.rests_on_unfavourable),
            ("no-debate", self.lacks_debate),
            ("forbidden-use", self.breaks_ban),
            ("review-due", as_of is not None and self.review_due(as_of)),
        )
        return tuple(code for code, broken in found if broken)


def verdict(project: Project, system: TraceObject) -> Verdict:
    """The doctrine's verdict on one ai-system of ``project``, by ``project.doctrine``."""
    doctrine = project.doctrine
    deployment = deployment_date(system)
    evaluations = tuple(project.evaluations_of(system.id))
    deliberations = tuple(project.deliberations_on(system.id))

    def before_deployment(obj: TraceObject) -> bool:
        day = dated(obj)
        return day is not None and (deployment is None or day <= deployment)

    prior = [e for e in evaluations if before_deployment(e)]
    dated_evaluations = [e for e in evaluations if dated(e) is not None]
    latest = dated_evaluations[-1] if dated_evaluations else None
    approvals = [d for d in deliberations if d.get("outcome") == "approved" and before_deployment(d)]
    uses = tuple(system.get("uses") or ())  # type: ignore[arg-type]
    next_review = None
    if latest is not None:
        next_review = dated(latest, "review") or add_months(dated(latest), doctrine.review_months)  # type: ignore[arg-type]
    return Verdict(
        system=system,
        deployment=deployment,
        evaluations=evaluations,
        deliberations=deliberations,
        prior_evaluation=prior[-1] if prior else None,
        latest_evaluation=latest,
        debate_uses=tuple(u for u in uses if u in doctrine.debate),
        approval=approvals[-1] if approvals else None,
        forbidden_uses=tuple(u for u in uses if u in doctrine.forbidden),
        next_review=next_review,
    )


def verdicts(project: Project) -> list[Verdict]:
    """The verdict on every AI system of the project (the first written, on duplicate IDs), in source order."""
    return [verdict(project, s) for s in project.of_kind("ai-system") if project.by_id.get(s.id) is s]


@dataclass(frozen=True)
class RegisterFigures:
    """The register's figures at one date: systems by status, evaluated before deployment, reviews due."""

    by_status: dict[str, int]  # every status of the vocabulary, in its order, then "" for none
    deployed: int  # systems that have been deployed (a deployment date, or a status that implies one)
    evaluated_before: int  # of those, with an evaluation on or before their deployment
    reviews_due: tuple[Verdict, ...]
    total: int

    @property
    def evaluated_share(self) -> float | None:
        """The share of deployed systems evaluated before deployment, in percent (None with none deployed)."""
        return 100 * self.evaluated_before / self.deployed if self.deployed else None


def has_been_deployed(item: Verdict) -> bool:
    """In use now, suspended, or retired after a deployment date."""
    return item.deployed or (item.status == "retired" and item.deployment is not None)


def register_figures(items: list[Verdict], as_of: dt.date) -> RegisterFigures:
    """The figures of the register, for the register page, the dashboard and the yearly report."""
    by_status = dict.fromkeys(SYSTEM_STATUS_LABELS, 0)
    for item in items:
        key = item.status if item.status in by_status else ""
        by_status[key] = by_status.get(key, 0) + 1
    deployed = [item for item in items if has_been_deployed(item)]
    return RegisterFigures(
        by_status=by_status,
        deployed=len(deployed),
        evaluated_before=sum(item.prior_evaluation is not None for item in deployed),
        reviews_due=tuple(item for item in items if item.review_due(as_of)),
        total=len(items),
    )
