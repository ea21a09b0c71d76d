"""Incremental builds: rewrite the pages that show an object whose rendered state changed, and only those.

Sphinx re-reads only the files that changed. A recommendation page, the
matrix or a diagram show objects written elsewhere, so after reading we
compare, object by object, a digest of what the pages show of it (its text,
where its block is, its coverage or lateness at the build date) with the one
the pages were last written against. A page is rewritten when it shows a
changed object: its links' objects, the objects drawn in its diagrams, the
objects its ``{trace}`` links name; or any object at all when it shows the
whole project (matrix, summary, dashboard, full diagram). Rewriting is
enough: the content is filled in at ``doctree-resolved`` (see :mod:`.resolve`).

What each page shows is worked out from the model, both before and after the
edit (an object that leaves a diagram changes it too), in one pass over the
links: the cost grows with the project, not with pages × objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import weakref
from collections.abc import Iterable

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..graph import DiagramError, DiagramRequest, make_graph
from ..model import Project, TraceObject, is_late
from .build_date import build_date
from .domain import CivitraceDomain, civitrace_domain

#: Pages asked to be rewritten by the last comparison, per build (the diagrams are drawn for them in bulk).
_rewritten: weakref.WeakKeyDictionary[Sphinx, set[str]] = weakref.WeakKeyDictionary()


def rendered_states(domain: CivitraceDomain, as_of: dt.date) -> dict[str, str]:
    """Object key -> a digest of everything a page shows of the object."""
    project = domain.project()
    states: dict[str, str] = {}
    for obj in project.objects:
        place = domain.stored(obj)
        where = (place.docname, place.anchor) if place else None
        shown = repr((obj.signature(), where, project.by_id.get(obj.id) is obj, _derived(project, obj, as_of)))
        digest = hashlib.blake2b(shown.encode(), digest_size=12).hexdigest()
        states[obj.key] = states.get(obj.key, "") + digest  # duplicates: both count
    return states


def _derived(project: Project, obj: TraceObject, as_of: dt.date) -> tuple:
    """What other objects or the date decide about an object: coverage and decision, lateness."""
    if obj.kind == "recommendation":
        response = project.response_for(obj.id)
        return (project.is_covered(obj.id), response.get("decision") if response else None)
    if obj.kind == "measure":
        return (is_late(obj, as_of),)
    if obj.kind == "ai-system":
        # Its verdict is judged from its evaluations and deliberations (and the doctrine, compared apart).
        inputs = [*project.evaluations_of(obj.id), *project.deliberations_on(obj.id)]
        return tuple(o.signature() for o in inputs)
    return ()


def shown_objects(domain: CivitraceDomain, as_of: dt.date, docnames: Iterable[str]) -> dict[str, frozenset | None]:
    """For each page: the keys of the objects it shows, or None when it shows the whole project."""
    project = domain.project()
    neighbours: dict[str, set[str]] = {}
    for obj in project.objects:
        for link in obj.links():
            neighbours.setdefault(obj.key, set()).add(link.target)
            neighbours.setdefault(link.target, set()).add(obj.key)
    graphs = domain.graphs(as_of)
    shown: dict[str, frozenset | None] = {}
    for docname in docnames:
        if domain.data["whole"].get(docname):
            shown[docname] = None
            continue
        keys: set[str] = set(domain.data["mentions"].get(docname, ()))
        for place in domain.data["objects"].get(docname, ()):
            keys.add(place.obj.key)
            # Its back-links and quoted bodies, the objects it names, its own diagram (one step).
            keys.update(neighbours.get(place.obj.key, ()))
            if not place.obj.has_own_id:
                keys.update(neighbours.get(place.obj.id, ()))
        for spec in domain.data["diagrams"].get(docname, ()):
            if spec[1]:
                keys.add(spec[1])  # the root
            try:
                keys.update(make_graph(project, DiagramRequest(*spec), as_of, graphs))
            except DiagramError:
                pass  # the page says the diagram cannot be drawn; it changes when the root appears
        shown[docname] = frozenset(keys)
    return shown


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: fix the build date and return the pages showing an object whose state changed."""
    domain = civitrace_domain(env)
    as_of = build_date(app)
    previous = (domain.data.get("as_of"), domain.data.get("states_doctrine"))
    domain.data["as_of"] = as_of
    # The register's verdicts depend on the doctrine as lateness on the date: either changing rewrites all.
    domain.data["states_doctrine"] = repr(domain.doctrine)
    dependents = domain.dependents() & set(env.found_docs)
    states = rendered_states(domain, as_of)
    shown = shown_objects(domain, as_of, dependents)
    before, shown_before = domain.data.get("states"), domain.data.get("shown") or {}
    domain.data["states"], domain.data["shown"] = states, shown
    if before is None or previous != (as_of, domain.data["states_doctrine"]):
        pages = dependents  # nothing to compare with: every page showing objects
    else:
        changed = {key for key in states.keys() | before.keys() if states.get(key) != before.get(key)}
        pages = {
            docname
            for docname in dependents
            if changed and _shows_any(shown.get(docname), shown_before.get(docname, frozenset()), changed)
        }
    _rewritten[app] = pages
    return sorted(pages)


def _shows_any(now: frozenset | None, before: frozenset | None, changed: set[str]) -> bool:
    if now is None or before is None:
        return True
    return not changed.isdisjoint(now) or not changed.isdisjoint(before)


def rewritten(app: Sphinx) -> set[str]:
    """The pages the last comparison asked Sphinx to rewrite."""
    return _rewritten.get(app, set())


def setup(app: Sphinx) -> None:
    """Hook the comparison after every read phase."""
    app.connect("env-get-updated", pages_to_rewrite)
