"""The ``civitrace`` domain: what every document defined, kept per document.

Like ``sphinx.ext.todo``, the data is keyed by docname so that re-reading a
document (``clear_doc``), removing it, and merging the work of parallel
readers (``merge_domaindata``) keep it exact. :meth:`CivitraceDomain.project`
turns it back into the one model every renderer and rule reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..diagnostics import Diagnostic
from ..doctrine import DEFAULT, Doctrine
from ..graph import ProjectGraphs
from ..i18n import _
from ..model import Project, TraceObject
from ..vocabulary import KINDS, capital, kind_label
from . import nodes as trace_nodes
from .roles import TraceRole

#: The per-document tables of the domain data.
_PER_DOCUMENT = ("objects", "diagnostics", "excerpts", "dependents", "mentions", "diagrams", "whole")

#: A diagram a page asked for: (view, root, depth, indicators, register), as in ``graph.DiagramRequest``.
DiagramSpec = tuple[str, str | None, int, bool, bool]


@dataclass(frozen=True)
class StoredObject:
    """An object as the build knows it: the model object and the anchor of its block."""

    obj: TraceObject
    anchor: str

    @property
    def docname(self) -> str:
        return self.obj.docname


def link_text(obj: TraceObject) -> str:
    """How a link to an object reads: ``R-01 — Évaluer chaque projet``."""
    if not obj.has_own_id:
        return f"{capital(kind_label(obj.kind))}{_(': ')}{obj.id}"
    return f"{obj.id} — {obj.title}" if obj.title else obj.id


class CivitraceDomain(Domain):
    """Traced objects, their diagnostics and the documents showing other documents' objects."""

    name = "civitrace"
    label = "civitrace"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(spec.label, "trace") for kind, spec in KINDS.items() if spec.has_title
    }
    roles: ClassVar[dict[str, Any]] = {"trace": TraceRole()}
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},  # docname -> [StoredObject], in source order
        "diagnostics": {},  # docname -> [Diagnostic] met while reading it
        "excerpts": {},  # docname -> {anchor: body container} (responses, assessments)
        "dependents": {},  # docname -> True when the page shows other documents' objects
        "mentions": {},  # docname -> IDs its {trace} links name (their text is the target's title)
        "diagrams": {},  # docname -> [DiagramSpec] of its {trace-graph} directives
        "whole": {},  # docname -> True when the page shows the whole project (matrix, summary, dashboard…)
        # What the pages were last written against (see incremental.py): not per document.
        "states": None,  # object key -> digest of its rendered state
        "shown": {},  # docname -> object keys the page shows (None: the whole project)
        "as_of": None,  # the build date, set once per build
        "doctrine": DEFAULT,  # [tool.civitrace.doctrine], read once per build
        "doctrine_diagnostics": [],  # problems of those settings
    }
    data_version = 2

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._cache: tuple[Project, dict[int, StoredObject]] | None = None
        self._graphs: ProjectGraphs | None = None
        self._anchors: dict[str, dict[str, StoredObject]] = {}

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """The kind's name in the site's language (the search results show it)."""
        name = _(type.lname)
        return name if primary else f"{self.label} {name}"

    # -- recording, while documents are read ---------------------------------------------

    def note_object(self, docname: str, obj: TraceObject, anchor: str) -> None:
        """Record an object defined in ``docname`` with the anchor of its block."""
        self.data["objects"].setdefault(docname, []).append(StoredObject(obj, anchor))
        self._cache = None
        self._anchors.pop(docname, None)

    def note_diagnostics(self, docname: str, diagnostics: Iterable[Diagnostic]) -> None:
        """Record problems met while reading ``docname``."""
        found = list(diagnostics)
        if found:
            self.data["diagnostics"].setdefault(docname, []).extend(found)
            self._cache = None

    def note_doctrine(self, doctrine: Doctrine, diagnostics: Iterable[Diagnostic]) -> None:
        """Record the project's doctrine and the problems of its settings (once per build)."""
        self.data["doctrine"] = doctrine
        self.data["doctrine_diagnostics"] = list(diagnostics)
        self._cache = None

    @property
    def doctrine(self) -> Doctrine:
        """The doctrine the register is judged by."""
        return self.data.get("doctrine", DEFAULT)

    def note_dependent(self, docname: str) -> None:
        """Mark ``docname`` as showing objects of other documents (rewritten when they change)."""
        self.data["dependents"][docname] = True

    def note_mention(self, docname: str, object_id: str) -> None:
        """``docname`` links to ``object_id`` with the object's title as the text."""
        self.note_dependent(docname)
        self.data["mentions"].setdefault(docname, set()).add(object_id)

    def note_diagram(self, docname: str, spec: DiagramSpec) -> None:
        """``docname`` draws a diagram (rewritten when an object drawn in it changes)."""
        self.note_dependent(docname)
        self.data["diagrams"].setdefault(docname, []).append(spec)

    def note_whole(self, docname: str) -> None:
        """``docname`` shows the whole project (rewritten when any object changes)."""
        self.note_dependent(docname)
        self.data["whole"][docname] = True

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Keep the bodies other pages quote (responses, assessments), after the read transforms."""
        excerpts: dict[str, nodes.Element] = {}
        for node in document.findall(nodes.container):
            anchor = node.get("civitrace_excerpt")
            if anchor:
                excerpts[anchor] = _quotable_copy(node)
        if excerpts:
            self.data["excerpts"][docname] = excerpts

    # -- keeping the data exact across incremental and parallel builds ------------------

    def clear_doc(self, docname: str) -> None:
        for table in _PER_DOCUMENT:
            self.data[table].pop(docname, None)
        self._cache = None
        self._anchors.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in _PER_DOCUMENT:
            theirs = otherdata.get(table, {})
            for docname in docnames:
                if docname in theirs:
                    self.data[table][docname] = theirs[docname]
        self._cache = None
        self._anchors.clear()

    # -- reading the model ---------------------------------------------------------------

    def stored_objects(self) -> Iterator[StoredObject]:
        """Every stored object, document by document."""
        for docname in sorted(self.data["objects"]):
            yield from self.data["objects"][docname]

    def project(self) -> Project:
        """The model of everything read so far, with the diagnostics met while reading."""
        return self._model()[0]

    def stored(self, obj: TraceObject) -> StoredObject | None:
        """Where the block of a model object is (its document and anchor)."""
        return self._model()[1].get(id(obj))

    def locate(self, object_id: str) -> StoredObject | None:
        """The object defined under ``object_id`` (the first written, on duplicates)."""
        obj = self.project().by_id.get(object_id)
        return self.stored(obj) if obj is not None else None

    def at(self, docname: str, anchor: str) -> StoredObject | None:
        """The object whose block is at ``anchor`` in ``docname``."""
        found = self._anchors.get(docname)
        if found is None:
            # An index per page: a page of a thousand objects asks this for each of them.
            found = self._anchors[docname] = {}
            for place in self.data["objects"].get(docname, ()):
                found.setdefault(place.anchor, place)
        return found.get(anchor)

    def excerpt(self, obj: TraceObject) -> nodes.Element | None:
        """The parsed body of an object, as written in its own document."""
        place = self.stored(obj)
        if place is None:
            return None
        return self.data["excerpts"].get(place.docname, {}).get(place.anchor)

    def dependents(self) -> set[str]:
        """Documents that show objects of other documents."""
        return set(self.data["dependents"])

    @property
    def as_of(self) -> dt.date | None:
        """The build date pages judge lateness against."""
        return self.data.get("as_of")

    def graphs(self, as_of: dt.date) -> ProjectGraphs:
        """The project's graphs at ``as_of``, built once per model: every diagram is cut from them."""
        project = self.project()
        if self._graphs is None or self._graphs.project is not project or self._graphs.as_of != as_of:
            self._graphs = ProjectGraphs(project, as_of)
        return self._graphs

    def _model(self) -> tuple[Project, dict[int, StoredObject]]:
        if self._cache is None:
            stored = list(self.stored_objects())
            diagnostics = [d for docname in sorted(self.data["diagnostics"]) for d in self.data["diagnostics"][docname]]
            diagnostics += self.data.get("doctrine_diagnostics", [])
            project = Project.from_parts([s.obj for s in stored], diagnostics, self.doctrine)
            self._cache = (project, {id(s.obj): s for s in stored})
        return self._cache

    # -- cross-references ---------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        place = self.locate(target.strip())
        if place is None:
            return None
        text = contnode if node.get("refexplicit") else nodes.inline(link_text(place.obj), link_text(place.obj))
        return make_refnode(builder, fromdocname, place.docname, place.anchor, text, link_text(place.obj))

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "trace", target, node, contnode)
        return [("civitrace:trace", found)] if found is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for obj in self.project().objects:
            place = self.stored(obj)
            if obj.has_own_id and place is not None and self.project().by_id.get(obj.id) is obj:
                yield obj.id, link_text(obj), obj.kind, place.docname, place.anchor, 1


def _quotable_copy(node: nodes.Element) -> nodes.Element:
    """A copy of a body safe to show on another page: no IDs, no placeholders, no warnings twice."""
    copy = node.deepcopy()
    copy.attributes.pop("civitrace_excerpt", None)
    for child in list(copy.findall(nodes.Element)):
        child["ids"] = []
        if isinstance(child, trace_nodes.PLACEHOLDERS):
            child.parent.remove(child)
        elif isinstance(child, pending_xref):
            # the page where the body is written already warns about a broken link
            child["refwarn"] = False
    return copy


def civitrace_domain(env: BuildEnvironment) -> CivitraceDomain:
    """The civitrace domain of a build environment."""
    return env.domains["civitrace"]  # type: ignore[return-value]
