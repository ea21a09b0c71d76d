"""The rules of the AI register and the convention's doctrine (DESIGN.md): a project in, diagnostics out.

Registered with the traceability rules of :mod:`.rules`, so ``civitrace check``
and the Sphinx build report them alike. Messages name the system and say what
is missing and since when; they are English message IDs, translated by
:func:`civitrace.i18n._`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .diagnostics import Diagnostic, error, warning
from .i18n import _
from .model import Project
from .register import Verdict, dated, deployment_date, status_date, verdicts
from .register_vocabulary import ACTIVE_STATUSES, ACTIVE_SYSTEM_REQUIRED, KINDS_NEEDING_SUMMARY
from .vocabulary import label_for

Rule = Callable[[Project], Iterator[Diagnostic]]


def _state(status: object) -> str:
    """A system's status as the messages say it: ``in service``, ``in trial``."""
    return label_for("status", str(status), "ai-system")


def _uses(uses: tuple[str, ...]) -> str:
    return ", ".join(label_for("uses", u, "ai-system") for u in uses)


def _deployed(item: Verdict) -> str:
    """How long the system has been used: ``is in service since 2025-09-01``, ``was deployed on …``."""
    state = _state(item.status)
    since = status_date(item.system)
    if since is not None and item.deployment is not None and since != item.deployment:
        return _("is {state} since {since} (deployed on {deployment})").format(
            state=state, since=since, deployment=item.deployment
        )
    if since is not None:
        return _("is {state} since {since}").format(state=state, since=since)
    if item.deployment is not None:
        return _("is {state} and was deployed on {deployment}").format(state=state, deployment=item.deployment)
    return _("is {state}").format(state=state)


def system_dates(project: Project) -> Iterator[Diagnostic]:
    """A system in trial or in service has that date; it does not go into service before its trial."""
    for system in project.of_kind("ai-system"):
        status = system.get("status")
        if status in ACTIVE_STATUSES and status not in system.values and status not in system.raw:
            yield error(
                system.location,
                "missing-option",
                _("AI system {system} is {state} but has no '{option}' date").format(
                    system=system.id, state=_state(status), option=status
                ),
                system.id,
            )
        pilot, service = dated(system, "pilot"), dated(system, "service")
        if pilot is not None and service is not None and service < pilot:
            yield error(
                system.location,
                "service-before-pilot",
                _("AI system {system} goes into service on {service}, before its trial starts on {pilot}").format(
                    system=system.id, service=service, pilot=pilot
                ),
                system.id,
            )
        end, deployment = dated(system, "end"), deployment_date(system)
        if end is not None and deployment is not None and end < deployment:
            yield error(
                system.location,
                "end-before-deployment",
                _("AI system {system} ends on {end}, before its deployment on {deployment}").format(
                    system=system.id, end=end, deployment=deployment
                ),
                system.id,
            )


def active_system_fields(project: Project) -> Iterator[Diagnostic]:
    """A system in trial or in service says who runs it, what for, how automated, on which data."""
    for system in project.of_kind("ai-system"):
        status = system.get("status")
        missing = [name for name in ACTIVE_SYSTEM_REQUIRED if status in ACTIVE_STATUSES and name not in system.raw]
        if missing:
            yield error(
                system.location,
                "missing-option",
                _("AI system {system} is {state} and needs the options {options}").format(
                    system=system.id, state=_state(status), options=", ".join(f"'{m}'" for m in missing)
                ),
                system.id,
            )


def evaluations_and_deliberations(project: Project) -> Iterator[Diagnostic]:
    """One evaluation of a system per date; every evaluation and deliberation has its public summary."""
    seen: dict[tuple[str, dt.date], object] = {}
    for item in project.of_kind("evaluation"):
        day = dated(item)
        if day is None:
            continue
        if (item.id, day) in seen:
            yield error(
                item.location,
                "duplicate-evaluation",
                _("evaluation of {system} on {date} is given twice (first at {first})").format(
                    system=item.id, date=day, first=seen[item.id, day]
                ),
                item.id,
            )
        else:
            seen[item.id, day] = item.location
        review = dated(item, "review")
        if review is not None and review < day:
            yield error(
                item.location,
                "review-before-evaluation",
                _("evaluation of {system} on {date} sets its review on {review}, before the evaluation itself").format(
                    system=item.id, date=day, review=review
                ),
                item.id,
            )
    for kind in sorted(KINDS_NEEDING_SUMMARY):
        for item in project.of_kind(kind):
            if not item.body.strip():
                name = _("evaluation of {system}") if kind == "evaluation" else _("deliberation {id}")
                yield error(
                    item.location,
                    "missing-summary",
                    _("{name} has no public summary: write it below the options").format(
                        name=name.format(system=item.id, id=item.id)
                    ),
                    item.id,
                )


def prior_evaluation(project: Project) -> Iterator[Diagnostic]:
    """A deployed system has an evaluation dated on or before its deployment date."""
    for item in verdicts(project):
        if not item.lacks_prior_evaluation:
            continue
        message = _("AI system {system} {deployed} without a prior evaluation").format(
            system=item.system.id, deployed=_deployed(item)
        )
        if item.evaluations and dated(item.evaluations[0]) is not None:
            message += _(" (its first evaluation is dated {date})").format(date=dated(item.evaluations[0]))
        yield error(item.system.location, "no-prior-evaluation", message, item.system.id)


def unfavourable_evaluation(project: Project) -> Iterator[Diagnostic]:
    """A system in trial or in service does not rest on an unfavourable latest evaluation."""
    for item in verdicts(project):
        latest = item.latest_evaluation
        if item.rests_on_unfavourable and latest is not None:
            yield error(
                item.system.location,
                "unfavourable-evaluation",
                _("AI system {system} {deployed} although its latest evaluation, on {date}, is unfavourable").format(
                    system=item.system.id, deployed=_deployed(item), date=dated(latest)
                ),
                item.system.id,
                latest.id,
            )


def debate(project: Project) -> Iterator[Diagnostic]:
    """A deployed system with a use the doctrine sends to debate has an approved deliberation first."""
    for item in verdicts(project):
        if not item.lacks_debate:
            continue
        message = _("AI system {system} uses {uses} and {deployed} without a prior approved deliberation").format(
            system=item.system.id, uses=_uses(item.debate_uses), deployed=_deployed(item)
        )
        if item.deliberations:
            last = item.deliberations[-1]
            message += _(" (latest deliberation: {id} of {date}, {outcome})").format(
                id=last.id, date=dated(last), outcome=label_for("outcome", str(last.get("outcome")), "deliberation")
            )
        yield error(item.system.location, "no-debate", message, item.system.id)


def forbidden_use(project: Project) -> Iterator[Diagnostic]:
    """A system with a use the doctrine forbids is refused or retired, nothing else."""
    for item in verdicts(project):
        if item.breaks_ban:
            yield error(
                item.system.location,
                "forbidden-use",
                _(
                    "AI system {system} has a use the doctrine forbids ({uses}) and is {state}: "
                    "it can only be refused or retired"
                ).format(system=item.system.id, uses=_uses(item.forbidden_uses), state=_state(item.status)),
                item.system.id,
            )


#: The register's rules that do not depend on the date, in reporting order.
REGISTER_RULES: tuple[Rule, ...] = (
    system_dates,
    active_system_fields,
    evaluations_and_deliberations,
    prior_evaluation,
    unfavourable_evaluation,
    debate,
    forbidden_use,
)


def review_due(project: Project, as_of: dt.date) -> Iterator[Diagnostic]:
    """A system in use whose latest evaluation is past its review date (a warning, judged at ``as_of``)."""
    for item in verdicts(project):
        if item.review_due(as_of):
            yield warning(
                item.system.location,
                "review-due",
                _(
                    "AI system {system} was due for a new evaluation on {review} (latest evaluation on {date}) "
                    "and is still {state} on {as_of}"
                ).format(
                    system=item.system.id,
                    review=item.next_review,
                    date=dated(item.latest_evaluation),  # type: ignore[arg-type]
                    state=_state(item.status),
                    as_of=as_of,
                ),
                item.system.id,
            )
