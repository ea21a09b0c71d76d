"""The traceability model: objects, their links and where they were written.

No Sphinx, no file access: readers build a :class:`Project`, rules, the graph
and the renderers read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .diagnostics import Diagnostic, Location
from .doctrine import Doctrine
from .vocabulary import CLOSED_STATUSES, DECISIONS_COVERING_ALONE, KINDS, KindSpec


@dataclass(frozen=True)
class Milestone:
    """A dated step of a measure."""

    date: dt.date
    label: str


class Link(NamedTuple):
    """A reference from one object to an ID, through one option (or the argument).

    A named tuple rather than a dataclass: projects hold tens of thousands of links.
    """

    source: TraceObject
    option: str  # the option name, or "argument" for attached kinds
    target: str
    targets: tuple[str, ...]  # kinds the target must be


@dataclass(frozen=True, eq=False)
class TraceObject:
    """One traced object, as an author wrote it.

    ``id`` is the object's own ID, or for attached kinds (response,
    assessment) the ID of the recommendation it is about.
    ``values`` holds the options that parsed, already typed; ``raw`` the text
    the author wrote, option by option.
    """

    kind: str
    id: str
    title: str
    location: Location
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    body: str = ""
    docname: str = ""

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def has_own_id(self) -> bool:
        return self.spec.has_title

    @property
    def key(self) -> str:
        """A key unique in a well-formed project (IDs for ID kinds, kind:target:date otherwise)."""
        if self.has_own_id:
            return self.id
        if self.spec.key_option:
            return f"{self.kind}:{self.id}:{self.values.get(self.spec.key_option, '')}"
        return f"{self.kind}:{self.id}"

    def get(self, option: str, default: object = None) -> object:
        return self.values.get(option, default)

    def ids(self, option: str) -> tuple[str, ...]:
        """The IDs an ID or IDS option names (empty when absent or invalid)."""
        value = self.values.get(option)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)  # type: ignore[arg-type]

    def links(self) -> tuple[Link, ...]:
        """Every reference this object makes, in option order."""
        return self._links

    @cached_property
    def _links(self) -> tuple[Link, ...]:
        # Computed once: rules, indexes and the graph all walk the links.
        spec = self.spec
        found = []
        if spec.argument_target:
            found.append(Link(self, "argument", self.id, (spec.argument_target,)))
        for opt in spec.link_options:
            value = self.values.get(opt.name)
            if value is not None:
                for target in (value,) if isinstance(value, str) else value:  # type: ignore[union-attr]
                    found.append(Link(self, opt.name, target, opt.targets))
        return tuple(found)

    def signature(self) -> tuple:
        """Everything an author wrote, for comparing what two readers saw."""
        return (
            self.kind,
            self.id,
            self.title,
            self.location.path,
            self.location.line,
            tuple(sorted(self.raw.items())),
            self.body.strip(),
        )


@dataclass
class Project:
    """A set of objects and the diagnostics met while reading them."""

    objects: list[TraceObject] = field(default_factory=list)
    reader_diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The project's ``[tool.civitrace.doctrine]``, read once by whoever reads the files.
    doctrine: Doctrine = field(default_factory=Doctrine)

    @classmethod
    def from_parts(
        cls,
        objects: Iterable[TraceObject],
        diagnostics: Iterable[Diagnostic] = (),
        doctrine: Doctrine | None = None,
    ) -> Project:
        """Build a project with objects in source order (path, line)."""
        ordered = sorted(objects, key=lambda o: (o.location.path, o.location.line))
        return cls(ordered, sorted(diagnostics, key=Diagnostic.sort_key), doctrine or Doctrine())

    # The indexes below are derived once; a Project is not mutated after it is built.
    @cached_property
    def by_id(self) -> dict[str, TraceObject]:
        """Objects with an ID of their own, the first written winning on duplicates."""
        found: dict[str, TraceObject] = {}
        for obj in self.objects:
            if obj.has_own_id:
                found.setdefault(obj.id, obj)
        return found

    @cached_property
    def by_key(self) -> dict[str, TraceObject]:
        """Every object by :attr:`TraceObject.key`, the first written winning on duplicates."""
        found: dict[str, TraceObject] = {}
        for obj in self.objects:
            found.setdefault(obj.key, obj)
        return found

    def of_kind(self, kind: str) -> list[TraceObject]:
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[TraceObject]]:
        groups: dict[str, list[TraceObject]] = {}
        for obj in self.objects:
            groups.setdefault(obj.kind, []).append(obj)
        return groups

    @cached_property
    def _referrers(self) -> dict[tuple[str, str, str], list[TraceObject]]:
        """(kind of source, option, target ID) -> sources, in source order."""
        found: dict[tuple[str, str, str], list[TraceObject]] = {}
        for obj in self.objects:
            for link in obj.links():
                found.setdefault((obj.kind, link.option, link.target), []).append(obj)
        return found

    def referrers(self, kind: str, option: str, target: str) -> list[TraceObject]:
        """Objects of ``kind`` whose ``option`` names ``target``."""
        return self._referrers.get((kind, option, target), [])

    def measures_for(self, recommendation_id: str) -> list[TraceObject]:
        return self.referrers("measure", "responds", recommendation_id)

    def responses_for(self, recommendation_id: str) -> list[TraceObject]:
        return self.referrers("response", "argument", recommendation_id)

    def response_for(self, recommendation_id: str) -> TraceObject | None:
        found = self.responses_for(recommendation_id)
        return found[0] if found else None

    def assessments_for(self, recommendation_id: str) -> list[TraceObject]:
        """The convention's assessments of a recommendation, oldest session first."""
        found = self.referrers("assessment", "argument", recommendation_id)
        return sorted(found, key=lambda o: (str(o.get("date", "")), o.location))

    def recommendations_of(self, principle_id: str) -> list[TraceObject]:
        return self.referrers("recommendation", "principle", principle_id)

    def measures_of(self, axis_id: str) -> list[TraceObject]:
        return self.referrers("measure", "axis", axis_id)

    def indicators_for(self, measure_id: str) -> list[TraceObject]:
        return self.referrers("indicator", "measure", measure_id)

    def evaluations_of(self, system_id: str) -> list[TraceObject]:
        """The evaluations of an AI system, oldest first."""
        return _by_date(self.referrers("evaluation", "argument", system_id))

    def deliberations_on(self, system_id: str) -> list[TraceObject]:
        """The deliberations naming an AI system, oldest first."""
        return _by_date(self.referrers("deliberation", "systems", system_id))

    def systems_of(self, measure_id: str) -> list[TraceObject]:
        """The AI systems a measure carries."""
        return self.referrers("ai-system", "measures", measure_id)

    def is_covered(self, recommendation_id: str) -> bool:
        """DESIGN.md: a measure responds, or a declined/deferred response justifies."""
        if self.measures_for(recommendation_id):
            return True
        return any(
            r.get("decision") in DECISIONS_COVERING_ALONE and r.body.strip()
            for r in self.responses_for(recommendation_id)
        )


def _by_date(objects: list[TraceObject]) -> list[TraceObject]:
    """Objects sorted by their ``date`` (undated last), then by place."""
    return sorted(objects, key=lambda o: (str(o.get("date") or "9999"), o.location))


def is_late(measure: TraceObject, as_of: dt.date) -> bool:
    """A measure is late when its due date has passed and it is neither done nor abandoned."""
    due = measure.get("due")
    return isinstance(due, dt.date) and due < as_of and measure.get("status") not in CLOSED_STATUSES
