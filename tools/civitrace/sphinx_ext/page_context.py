"""What every resolve-time renderer needs for one page: the model, the build date, links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import new_document
from sphinx.util.nodes import make_refnode

from ..model import Project, TraceObject, is_late
from ..wording import measure_state
from .build_date import build_date
from .domain import CivitraceDomain, civitrace_domain, link_text


@dataclass
class PageContext:
    """One page being resolved, against one model and one build date."""

    builder: Builder
    env: BuildEnvironment
    docname: str
    domain: CivitraceDomain
    project: Project
    as_of: dt.date

    @classmethod
    def for_page(cls, app: Sphinx, docname: str) -> PageContext:
        """The context of one page of the current build."""
        domain = civitrace_domain(app.env)
        as_of = domain.as_of or build_date(app)
        return cls(app.builder, app.env, docname, domain, domain.project(), as_of)

    def link(self, obj: TraceObject, text: str | None = None) -> nodes.Node:
        """A link to an object's block; its text defaults to ``ID — title``."""
        label = text or link_text(obj)
        place = self.domain.stored(obj)
        if place is None:
            return nodes.Text(label)
        try:
            return make_refnode(
                self.builder, self.docname, place.docname, place.anchor, nodes.inline(label, label), link_text(obj)
            )
        except NoUri:  # builders without URIs (e.g. plain text) show the words only
            return nodes.Text(label)

    def link_id(self, object_id: str) -> nodes.Node:
        """A link to the object defined under an ID, or the ID as text when there is none."""
        obj = self.project.by_id.get(object_id)
        return self.link(obj) if obj is not None else nodes.Text(object_id)

    def is_late(self, measure: TraceObject) -> bool:
        """Whether a measure is late at the build date."""
        return is_late(measure, self.as_of)

    def measure_state(self, measure: TraceObject) -> str:
        """``en cours``, or ``en cours, en retard`` when late at the build date."""
        return measure_state(measure, self.as_of)

    def quote(self, obj: TraceObject) -> nodes.Element | None:
        """The body of an object from another document, with its links resolved for this page."""
        excerpt = self.domain.excerpt(obj)
        if excerpt is None or not excerpt.children:
            return None
        copy = excerpt.deepcopy()
        for xref in copy.findall(pending_xref):
            # civitrace links do not depend on where they were written: make their URIs
            # relative to this page. Others (relative document links) keep their own
            # document, which they need to find their target.
            if xref.get("refdomain") == "civitrace":
                xref["refdoc"] = self.docname
        # The references resolver works on documents (as in sphinx.ext.todo).
        holder = new_document("")
        holder += copy
        self.env.resolve_references(holder, self.docname, self.builder)
        holder.remove(copy)
        copy["classes"] = [*copy["classes"], "civitrace-quote"]
        return copy
