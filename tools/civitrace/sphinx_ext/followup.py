"""The follow-up part of the site: dashboard, "Ce qui a changé", histories, timelines, open data.

- ``{trace-dashboard}`` (option ``:sections:``, a comma-separated choice among
  coverage, progress, status, principles, axes, late, deadlines, assessments) draws the dashboard;
- ``{trace-changes}`` lists the changes between consecutive tagged versions and since the last one;
- ``{trace-open-data}`` links the published files (JSON, CSV, JSON Schema, Atom feed);
- every traced object's block gets the date of its last change and its history, and a
  measure with milestones its timeline.

As elsewhere in the extension, directives only leave placeholders, filled in at
``doctree-resolved`` from the whole model. The history is read from git once per
build, right after reading (so parallel writers inherit it), never from the clock;
outside git every page still builds and says "Historique indisponible".
The HTML build also publishes the open data files and links the feed from every page.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinxcontrib.serializinghtml import SerializingHTMLBuilder  # the JSON and pickle builders (Sphinx's own)

from ..export.atom import FEED_NAME
from ..export.inventory import INVENTORY_CSV, INVENTORY_JSON, INVENTORY_SCHEMA
from ..export.tabular import CSV_NAME, JSON_NAME, SCHEMA_NAME
from ..history.git_revisions import GitError, GitRepository
from ..history.object_history import ProjectHistory, project_history
from ..history.versions import VersionHistory, version_history
from ..i18n import _
from ..model import Project
from ..reader import read_file, read_project
from ..register_vocabulary import REGISTER_LABELS
from ..source_date import source_timestamp
from ..vocabulary import FOLLOWUP_LABELS
from . import consistency, open_data, render_dashboard, render_history
from .directives import PlaceholderDirective
from .domain import civitrace_domain
from .page_context import PageContext
from .paper import is_paper

logger = logging.getLogger(__name__)
L = FOLLOWUP_LABELS

#: CSS of the dashboard's bars and the timelines, in a folder added to ``html_static_path``.
STATIC = Path(__file__).resolve().parent.parent / "static" / "followup"
CSS_FILE = "civitrace-followup.css"


# -- placeholder nodes -----------------------------------------------------------------------


class TraceDashboard(nodes.General, nodes.Element):
    """``{trace-dashboard}`` (``sections`` attribute)."""


class TraceChanges(nodes.General, nodes.Element):
    """``{trace-changes}``."""


class TraceOpenData(nodes.General, nodes.Element):
    """``{trace-open-data}``."""


class TraceHistory(nodes.General, nodes.Element):
    """In an object's block: its last change and history (``docname``, ``anchor``)."""


class TraceTimeline(nodes.General, nodes.Element):
    """In a measure's block: its milestones as a timeline (``docname``, ``anchor``)."""


PLACEHOLDERS: tuple[type[nodes.Element], ...] = (
    TraceDashboard,
    TraceChanges,
    TraceOpenData,
    TraceHistory,
    TraceTimeline,
)


def _skip(translator: Any, node: nodes.Element) -> None:
    # Only reached if a page is written without being resolved: drop it rather than crash.
    raise nodes.SkipNode


# -- directives --------------------------------------------------------------------------------


def _sections(text: str | None) -> list[str]:
    if text is None or not text.strip():
        return list(render_dashboard.SECTIONS)
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in render_dashboard.SECTIONS]
    if unknown:
        raise ValueError(
            f"unknown section(s) {', '.join(unknown)}; choose among {', '.join(render_dashboard.SECTIONS)}"
        )
    return chosen


class DashboardDirective(PlaceholderDirective):
    """``{trace-dashboard}``: the follow-up dashboard."""

    placeholder = TraceDashboard
    option_spec: ClassVar[dict] = {"sections": directives.unchanged}

    def make_node(self) -> nodes.Element:
        try:
            sections = _sections(self.options.get("sections"))
        except ValueError as exc:
            logger.warning("trace-dashboard: %s", exc, location=self.get_location(), type="civitrace", subtype="option")
            sections = list(render_dashboard.SECTIONS)
        return TraceDashboard(sections=sections)


class ChangesDirective(PlaceholderDirective):
    """``{trace-changes}``: what changed from version to version."""

    placeholder = TraceChanges

    def run(self) -> list[nodes.Node]:
        _changes_pages(self.env)[self.env.docname] = True
        return super().run()


class OpenDataDirective(PlaceholderDirective):
    """``{trace-open-data}``: links to the published files."""

    placeholder = TraceOpenData


# -- which pages hold {trace-changes} (the feed links to the first), kept per document ---------


def _changes_pages(env: BuildEnvironment) -> dict[str, bool]:
    if not hasattr(env, "civitrace_changes_pages"):
        env.civitrace_changes_pages = {}  # type: ignore[attr-defined]
    return env.civitrace_changes_pages  # type: ignore[attr-defined]


def _purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _changes_pages(env).pop(docname, None)


def _merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _changes_pages(other)
    for docname in docnames:
        if docname in theirs:
            _changes_pages(env)[docname] = True


def changes_page(env: BuildEnvironment) -> str | None:
    """The page showing ``{trace-changes}`` (the first in name order), if any."""
    pages = sorted(d for d in _changes_pages(env) if d in env.found_docs)
    return pages[0] if pages else None


# -- the history, read once per build -----------------------------------------------------------


@dataclass
class FollowupData:
    """What git says about the project, for one build."""

    history: ProjectHistory
    versions: VersionHistory


_data: weakref.WeakKeyDictionary[Sphinx, FollowupData] = weakref.WeakKeyDictionary()


def compute(app: Sphinx) -> FollowupData:
    """Read the history from git (each version of each file parsed once)."""
    root = Path(app.srcdir)
    repo = GitRepository.open(root)
    current = current_project(app)
    return FollowupData(
        project_history(root, repo),
        version_history(root, current, source_timestamp(root), repo),
    )


def current_project(app: Sphinx) -> Project:
    """The project as git versions are read (the files ``civitrace check`` reads), from what the build read.

    The build's own objects are taken, restricted to those files, so that comparing with the
    last tag shows what changed in the sources and nothing else; a traced file the build does
    not read (excluded from Sphinx) is read by the fast reader. Each file is parsed once.
    """
    root = Path(app.srcdir)
    traced = consistency.traced_paths(app)
    if traced is None:  # no reading phase ran in this process
        return read_project(root)
    built = civitrace_domain(app.env).project()
    read_by_sphinx = set()
    for path in traced:
        docname = app.env.path2doc(str(root / path))
        if docname is not None and docname in app.env.found_docs:
            read_by_sphinx.add(path)
    objects = [obj for obj in built.objects if obj.location.path in read_by_sphinx]
    diagnostics = [d for d in built.reader_diagnostics if d.location.path in read_by_sphinx]
    for path in sorted(traced - read_by_sphinx):
        result = read_file(root, path)
        objects += result.objects
        diagnostics += result.diagnostics
    return Project.from_parts(objects, diagnostics)


def followup_data(app: Sphinx) -> FollowupData:
    found = _data.get(app)
    if found is None:
        found = _data[app] = compute(app)
    return found


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    # After reading, before writing: parallel writers are forked from here and inherit it.
    _data[app] = compute(app)


def history_key(root: Path | str) -> str:
    """What the pages' histories depend on beyond the files: the commit built and the tags."""
    repo = GitRepository.open(root)
    if repo is None:
        return "no-git"
    try:
        head = repo.git("rev-parse", "HEAD").strip()
    except GitError:
        return "no-commit"
    tags = ",".join(f"{t.name}={t.commit.sha}" for t in repo.tags())
    return f"{head};{tags};{repo.is_shallow()}"


def _on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When a commit or a tag was added, every page showing history is rewritten."""
    key = history_key(app.srcdir)
    if getattr(env, "civitrace_history_key", None) == key:
        return []
    env.civitrace_history_key = key  # type: ignore[attr-defined]
    return sorted(civitrace_domain(env).dependents() & set(env.found_docs))


# -- placing the per-object placeholders ---------------------------------------------------------


def add_object_placeholders(app: Sphinx, doctree: nodes.document) -> None:
    """After a page is read: give each object's block a history, and each measure with milestones a timeline."""
    docname = app.env.docname
    domain = civitrace_domain(app.env)
    for box in list(doctree.findall(nodes.admonition)):
        if "civitrace" not in box["classes"]:
            continue
        place = next(filter(None, (domain.at(docname, anchor) for anchor in _anchors(box))), None)
        if place is None:
            continue
        if place.obj.kind == "measure" and place.obj.get("milestones"):
            box += TraceTimeline(docname=docname, anchor=place.anchor)
        box += TraceHistory(docname=docname, anchor=place.anchor)


def _anchors(box: nodes.Element) -> list[str]:
    """The IDs naming an object's box: its own (targets propagate theirs to it) or its target's."""
    found = list(box["ids"])
    index = box.parent.index(box) if box.parent is not None else 0
    previous = box.parent[index - 1] if index > 0 else None
    if isinstance(previous, nodes.target):
        found.extend(previous["ids"])
    return found


# -- resolving ---------------------------------------------------------------------------------


def _relative(app: Sphinx, docname: str, target: str) -> str | None:
    """A URI to a file at the output's root, relative to a page; None for builders without URIs."""
    if is_paper(app.builder):
        return None  # a PDF names the published files; it cannot link beside itself
    return relative_uri(app.builder.get_target_uri(docname), target)


def open_data_links(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The list of published files, linked in HTML and named elsewhere."""
    items = nodes.bullet_list(classes=["civitrace-open-data"])
    for name, label in (
        (JSON_NAME, L["download_json"]),
        (CSV_NAME, L["download_csv"]),
        (SCHEMA_NAME, L["download_schema"]),
        (FEED_NAME, L["download_atom"]),
        (INVENTORY_CSV, _(REGISTER_LABELS["download_inventory_csv"])),
        (INVENTORY_JSON, _(REGISTER_LABELS["download_inventory_json"])),
        (INVENTORY_SCHEMA, _(REGISTER_LABELS["download_inventory_schema"])),
    ):
        uri = _relative(app, docname, name)
        line = nodes.paragraph()
        line += nodes.Text(label + _(": "))
        line += nodes.reference(name, name, refuri=uri) if uri else nodes.literal(name, name)
        items += nodes.list_item("", line)
    return [items]


def _render(app: Sphinx, ctx: PageContext, node: nodes.Element) -> list[nodes.Node]:
    if isinstance(node, TraceDashboard):
        return render_dashboard.dashboard(ctx, node.get("sections") or render_dashboard.SECTIONS)
    if isinstance(node, TraceChanges):
        return render_history.changes_page(ctx, followup_data(app).versions, _relative(app, ctx.docname, FEED_NAME))
    if isinstance(node, TraceOpenData):
        return open_data_links(app, ctx.docname)
    place = ctx.domain.at(node["docname"], node["anchor"])
    if place is None:
        return []
    if isinstance(node, TraceTimeline):
        return render_history.timeline(place.obj, ctx.as_of)
    # On paper, the date of the last change is enough; the site lists the changes.
    full = not is_paper(app.builder)
    return render_history.object_history(followup_data(app).history, place.obj, full=full)


def resolve_followup(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace this module's placeholders on one page."""
    placeholders = list(doctree.findall(lambda n: isinstance(n, PLACEHOLDERS)))
    if not placeholders:
        return
    ctx = PageContext.for_page(app, docname)
    for node in placeholders:
        content = _render(app, ctx, node)
        for part in content:
            for table in part.findall(nodes.table):
                if not table["ids"]:
                    # a titled table is numbered like a figure, and Sphinx wants it to have an ID
                    doctree.set_id(table, suggested_prefix="civitrace-table")
        if content:
            node.replace_self(content)
        else:
            node.parent.remove(node)


# -- HTML: the feed in every page's head, the CSS, the published files ------------------------------


def _on_config_inited(app: Sphinx, config: Any) -> None:
    static = _relative_to_conf(app, STATIC)
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def _relative_to_conf(app: Sphinx, path: Path) -> str:
    # Relative, so that .buildinfo does not depend on where the project is checked out.
    try:
        return os.path.relpath(path, app.confdir)
    except ValueError:  # another drive (Windows)
        return str(path)


def _on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if isinstance(app.builder, SerializingHTMLBuilder):
        return  # the JSON and pickle builders render no template: no <head> to link the feed from
    href = context["pathto"](FEED_NAME, 1)
    title = L["feed_title"].format(project=app.config.project).replace('"', "&quot;")
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
    context["metatags"] = context.get("metatags", "") + link


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or is_paper(app.builder):
        return
    open_data.write_open_data(app, followup_data(app).versions, changes_page(app.env))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the follow-up directives, placeholders and publishing (called from the extension's setup)."""
    visitors = {name: (_skip, None) for name in ("html", "latex", "text", "man", "texinfo")}
    for node_class in PLACEHOLDERS:
        app.add_node(node_class, **visitors)
    app.add_directive("trace-dashboard", DashboardDirective)
    app.add_directive("trace-changes", ChangesDirective)
    app.add_directive("trace-open-data", OpenDataDirective)
    app.add_css_file(CSS_FILE)
    app.connect("config-inited", _on_config_inited)
    app.connect("doctree-read", add_object_placeholders)
    app.connect("env-purge-doc", _purge_doc)
    app.connect("env-merge-info", _merge_info)
    app.connect("env-get-updated", _on_env_get_updated)
    app.connect("env-updated", _on_env_updated)
    app.connect("doctree-resolved", resolve_followup)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
