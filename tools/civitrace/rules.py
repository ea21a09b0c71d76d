"""The traceability rules of DESIGN.md: a project in, diagnostics out.

Used by ``civitrace check`` and by the Sphinx build alike; each rule is one
function, named after what it checks, registered in :data:`RULES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .diagnostics import Diagnostic, error, warning
from .model import Project, TraceObject, is_late
from .register_rules import REGISTER_RULES, review_due
from .vocabulary import DECISIONS_COVERING_ALONE, DECISIONS_NEEDING_MEASURE

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
                f"{obj.kind} {obj.id} reuses an ID already defined at {first.location} ({first.kind})",
                obj.id,
            )


def references(project: Project) -> Iterator[Diagnostic]:
    """Every referenced ID exists and is of the kind the option expects."""
    for obj in project.objects:
        for link in obj.links():
            target = project.by_id.get(link.target)
            what = " or ".join(link.targets)
            verb = "is about" if link.option == "argument" else _VERBS.get(link.option, "refers to")
            if target is None:
                yield error(
                    obj.location,
                    "unknown-reference",
                    f"{_name(obj)} {verb} unknown {what} {link.target}",
                    obj.id,
                    link.target,
                )
            elif target.kind not in link.targets:
                yield error(
                    obj.location,
                    "wrong-kind",
                    f"{_name(obj)} {verb} {link.target}, which is {_a(target.kind)}, not {_a(what)}",
                    obj.id,
                    link.target,
                )


_VERBS = {
    "responds": "responds to",
    "principle": "refers to",
    "axis": "belongs to",
    "measure": "measures",
    "measures": "is carried by",
    "systems": "concerns",
}


def _a(noun: str) -> str:
    """The English indefinite article with its noun: 'an axis', 'a measure'."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _name(obj: TraceObject) -> str:
    return f"{obj.kind} {obj.id}" if obj.has_own_id else f"{obj.kind} for {obj.id}"


def coverage(project: Project) -> Iterator[Diagnostic]:
    """Each recommendation has a measure, or a justified declined/deferred response."""
    for rec in project.of_kind("recommendation"):
        if project.by_id.get(rec.id) is rec and not project.is_covered(rec.id):
            yield error(
                rec.location,
                "uncovered",
                f"recommendation {rec.id} is not covered by any measure or response",
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
                f"recommendation {rec_id} has a second response (the first is at {others[0].location})",
                rec_id,
            )
        decision = response.get("decision")
        # an unknown recommendation is already reported by ``references``
        if decision in DECISIONS_NEEDING_MEASURE and rec_id in project.by_id and not project.measures_for(rec_id):
            yield error(
                response.location,
                "response-without-measure",
                f"response for {rec_id} is '{decision}' but no measure responds to {rec_id}",
                rec_id,
            )
        if decision in DECISIONS_COVERING_ALONE and not response.body.strip():
            yield error(
                response.location,
                "missing-justification",
                f"response for {rec_id} is '{decision}' without a public justification",
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
                f"assessment for {item.id} on {item.get('date')} is given twice (first at {seen[key]})",
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
                f"measure {measure.id} is due on {due} before it starts on {start}",
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
                f"measure {measure.id} was due on {measure.get('due')} and is still "
                f"'{measure.get('status', 'without status')}' on {as_of}",
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
