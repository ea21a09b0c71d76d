"""The traceability rules of DESIGN.md: a project in, diagnostics out.

Used by ``civitrace check`` and by the Sphinx build alike; each rule is one
function, named after what it checks, registered in :data:`RULES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .diagnostics import Diagnostic, error, warning
from .i18n import N_, _
from .model import Project, TraceObject, is_late
from .register_rules import REGISTER_RULES, review_due
from .vocabulary import DECISIONS_COVERING_ALONE, DECISIONS_NEEDING_MEASURE, kind_name, object_name

Rule = Callable[[Project], Iterator[Diagnostic]]


def duplicate_ids(project: Project) -> Iterator[Diagnostic]:
    """An ID is defined once across all kinds."""
    for obj in project.objects:
        if not obj.has_own_id:
            continue
        first = project.by_id[obj.id]
        if first is not obj:
            yield error(
                obj.location,
                "duplicate-id",
                _("{kind} {id} reuses an ID already defined at {place} ({other})").format(
                    kind=kind_name(obj.kind), id=obj.id, place=first.location, other=kind_name(first.kind)
                ),
                obj.id,
            )


def references(project: Project) -> Iterator[Diagnostic]:
    """Every referenced ID exists and is of the kind the option expects."""
    for obj in project.objects:
        for link in obj.links():
            target = project.by_id.get(link.target)
            if target is not None and target.kind in link.targets:
                continue  # the common case: no words to build
            what = _(" or ").join(kind_name(t) for t in link.targets)
            unknown, wrong = _LINK_MESSAGES.get(link.option, _LINK_MESSAGES[""])
            words = {"name": _name(obj), "target": link.target, "what": what, "a_what": _a(what)}
            if target is None:
                yield error(obj.location, "unknown-reference", _(unknown).format(**words), obj.id, link.target)
            else:
                kind = kind_name(target.kind)
                message = _(wrong).format(kind=kind, a_kind=_a(kind), **words)
                yield error(obj.location, "wrong-kind", message, obj.id, link.target)


#: By option: the messages for an unknown target and for a target of the wrong kind.
_LINK_MESSAGES = {
    "responds": (
        N_("{name} responds to unknown {what} {target}"),
        N_("{name} responds to {target}, which is {a_kind}, not {a_what}"),
    ),
    "axis": (
        N_("{name} belongs to unknown {what} {target}"),
        N_("{name} belongs to {target}, which is {a_kind}, not {a_what}"),
    ),
    "measure": (
        N_("{name} measures unknown {what} {target}"),
        N_("{name} measures {target}, which is {a_kind}, not {a_what}"),
    ),
    "argument": (
        N_("{name} is about unknown {what} {target}"),
        N_("{name} is about {target}, which is {a_kind}, not {a_what}"),
    ),
    "": (
        N_("{name} refers to unknown {what} {target}"),
        N_("{name} refers to {target}, which is {a_kind}, not {a_what}"),
    ),
    "measures": (
        N_("{name} is carried by unknown {what} {target}"),
        N_("{name} is carried by {target}, which is {a_kind}, not {a_what}"),
    ),
    "systems": (
        N_("{name} concerns unknown {what} {target}"),
        N_("{name} concerns {target}, which is {a_kind}, not {a_what}"),
    ),
}


def _a(noun: str) -> str:
    """The English indefinite article with its noun: 'an axis', 'a measure' (other languages ignore it)."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _name(obj: TraceObject) -> str:
    """How a message names an object: ``measure M-01``, ``response for R-01``."""
    return object_name(obj.kind, obj.id, obj.has_own_id)


def coverage(project: Project) -> Iterator[Diagnostic]:
    """Each recommendation has a measure, or a justified declined/deferred response."""
    for rec in project.of_kind("recommendation"):
        if project.by_id.get(rec.id) is rec and not project.is_covered(rec.id):
            yield error(
                rec.location,
                "uncovered",
                _("recommendation {id} is not covered by any measure or response").format(id=rec.id),
                rec.id,
            )


def responses(project: Project) -> Iterator[Diagnostic]:
    """One response per recommendation; adopted/partial backed by a measure; declined/deferred justified."""
    for response in project.of_kind("response"):
        rec_id = response.id
        others = project.responses_for(rec_id)
        if others and others[0] is not response:
            yield error(
                response.location,
                "duplicate-response",
                _("recommendation {id} has a second response (the first is at {place})").format(
                    id=rec_id, place=others[0].location
                ),
                rec_id,
            )
        decision = response.get("decision")
        # an unknown recommendation is already reported by ``references``
        if decision in DECISIONS_NEEDING_MEASURE and rec_id in project.by_id and not project.measures_for(rec_id):
            yield error(
                response.location,
                "response-without-measure",
                _("response for {id} is '{decision}' but no measure responds to {id}").format(
                    id=rec_id, decision=decision
                ),
                rec_id,
            )
        if decision in DECISIONS_COVERING_ALONE and not response.body.strip():
            yield error(
                response.location,
                "missing-justification",
                _("response for {id} is '{decision}' without a public justification").format(
                    id=rec_id, decision=decision
                ),
                rec_id,
            )


def assessments(project: Project) -> Iterator[Diagnostic]:
    """The convention grades a recommendation at most once per follow-up session."""
    seen: dict[tuple[str, object], object] = {}
    for item in project.of_kind("assessment"):
        key = (item.id, item.get("date"))
        if item.get("date") is None:
            continue
        if key in seen:
            yield error(
                item.location,
                "duplicate-assessment",
                _("{name} on {date} is given twice (first at {place})").format(
                    name=_name(item), date=item.get("date"), place=seen[key]
                ),
                item.id,
            )
        else:
            seen[key] = item.location


def dates(project: Project) -> Iterator[Diagnostic]:
    """A measure's due date is not before its start."""
    for measure in project.of_kind("measure"):
        start, due = measure.get("start"), measure.get("due")
        if isinstance(start, dt.date) and isinstance(due, dt.date) and due < start:
            yield error(
                measure.location,
                "due-before-start",
                _("measure {id} is due on {due} before it starts on {start}").format(
                    id=measure.id, due=due, start=start
                ),
                measure.id,
            )


#: Every rule that does not depend on the date, in reporting order.
RULES: tuple[Rule, ...] = (duplicate_ids, references, coverage, responses, assessments, dates, *REGISTER_RULES)


def lateness(project: Project, as_of: dt.date) -> Iterator[Diagnostic]:
    """A measure past its due date that is neither done nor abandoned (a warning)."""
    for measure in project.of_kind("measure"):
        if is_late(measure, as_of):
            yield warning(
                measure.location,
                "late",
                _("measure {id} was due on {due} and is still '{status}' on {date}").format(
                    id=measure.id,
                    due=measure.get("due"),
                    status=measure.get("status", _("without status")),
                    date=as_of,
                ),
                measure.id,
            )


def check(project: Project, as_of: dt.date | None = None) -> list[Diagnostic]:
    """All diagnostics of a project, sorted by place.

    Lateness and due reviews of the register are judged only when ``as_of`` is
    given: the Sphinx build shows them on the pages instead, so that a build
    never fails because time passed.
    """
    found = list(project.reader_diagnostics)
    for rule in RULES:
        found.extend(rule(project))
    if as_of is not None:
        found.extend(lateness(project, as_of))
        found.extend(review_due(project, as_of))
    return sorted(set(found), key=Diagnostic.sort_key)
