"""The pages' history: "Ce qui a changé", each object's history, each measure's timeline.

Everything shown comes from git through :mod:`civitrace.history` (dates of
commits, never the clock) and is rendered at ``doctree-resolved`` into plain
docutils nodes, so HTML and LaTeX show the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docutils import nodes

from ..export.atom import contents, step_anchor
from ..history.changes import Change, ChangeType, Comparison
from ..history.diff_formats import coverage_text, describe, event, subject
from ..history.object_history import HistoryEntry, ProjectHistory
from ..history.versions import Step, VersionHistory
from ..i18n import _
from ..model import Milestone, TraceObject
from ..vocabulary import FOLLOWUP_LABELS, KINDS, capital, long_date
from .page_context import PageContext

L = FOLLOWUP_LABELS
#: How many entries an object's history lists before summing up the older ones.
HISTORY_LIMIT = 8


def _para(text: str, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=list(classes))


def unavailable(reason: str) -> list[nodes.Node]:
    """The note shown wherever history is needed but git is not there (e.g. a tarball of the sources)."""
    text = f"{L['history_unavailable']}" + (f"{_(': ')}{reason}" if reason else ".")
    return [_para(text, ["civitrace-history-unavailable"])]


# -- "Ce qui a changé" -------------------------------------------------------------------------


def changes_page(ctx: PageContext, versions: VersionHistory, feed_uri: str | None) -> list[nodes.Node]:
    """Changes since the last tag, then from each tag to the previous one, newest first."""
    found: list[nodes.Node] = []
    if feed_uri:
        link = nodes.reference(L["subscribe"], L["subscribe"], refuri=feed_uri, classes=["civitrace-feed"])
        found.append(nodes.paragraph("", "", link))
    if not versions.available:
        return found + unavailable(versions.reason)
    if not versions.steps:
        return [*found, _para(L["no_tag"])]
    for step in reversed(versions.steps):
        found.append(step_section(ctx, step))
    return found


def _step_title(step: Step) -> str:
    if step.after.commit is None:
        before = step.before
        assert before is not None and before.commit is not None  # the current step follows a tag
        return L["since_tag"].format(tag=before.label, date=long_date(before.commit.date))
    return L["version_title"].format(tag=step.after.label, date=long_date(step.after.commit.date))


def step_section(ctx: PageContext, step: Step) -> nodes.container:
    """One version step, anchored so that the Atom feed's entries link to it."""
    box = nodes.container(ids=[step_anchor(step)], classes=["civitrace-changes"])
    title = _step_title(step)
    box += nodes.rubric(title, title, classes=["civitrace-changes-title"])
    comparison = step.comparison
    if step.initial:
        if step.project is not None:
            box += _para(L["first_version"].format(contents=contents(step.project)))
        box += _para(L["coverage_now"].format(after=coverage_text(comparison.coverage_after)))
        return box
    if step.after.commit is None:
        box += _para(L["since_tag_note"])
    box += _para(
        L["coverage_change"].format(
            before=coverage_text(comparison.coverage_before), after=coverage_text(comparison.coverage_after)
        ),
        ["civitrace-coverage"],
    )
    if not comparison.changes:
        box += _para(L["no_change"])
        return box
    box.extend(change_lists(ctx, comparison))
    return box


def change_lists(ctx: PageContext, comparison: Comparison) -> list[nodes.Node]:
    """One list per kind (recommandations, mesures, …), one change a line."""
    found: list[nodes.Node] = []
    for kind, spec in KINDS.items():
        group = [c for c in comparison.changes if c.kind == kind]
        if not group:
            continue
        heading = capital(_(spec.plural))
        found.append(nodes.paragraph("", "", nodes.strong(heading, heading), classes=["civitrace-changes-kind"]))
        items = nodes.bullet_list(classes=["civitrace-change-list"])
        for change in group:
            items += nodes.list_item("", change_line(ctx, change))
        found.append(items)
    return found


def change_line(ctx: PageContext, change: Change) -> nodes.paragraph:
    """``M-01 — titre : statut : prévue → en cours``, the subject linked when it still exists."""
    line = nodes.paragraph(classes=[f"civitrace-change-{change.type.value}"])
    current = _current(ctx, change)
    own_id = KINDS[change.kind].has_title
    # Objects read as links do everywhere on the site: "M-01 — titre".
    label = f"{change.id} — {change.title}" if own_id and change.title else subject(change)
    if current is not None and change.type is not ChangeType.REMOVED:
        line += ctx.link(current, label)
    else:
        line += nodes.Text(label)
    line += nodes.Text(_(": ") + describe(change))
    return line


def _current(ctx: PageContext, change: Change) -> TraceObject | None:
    if not KINDS[change.kind].has_title:
        found = ctx.project.by_key.get(change.key)  # an index: a changes page may list thousands
        return found if found is not None and found.kind == change.kind else None
    obj = ctx.project.by_id.get(change.id)
    return obj if obj is not None and obj.kind == change.kind else None


# -- an object's history -------------------------------------------------------------------


def _entry_text(obj: TraceObject, entry: HistoryEntry) -> str:
    when = long_date(entry.commit.date)
    version = L["in_version"].format(version=entry.version) if entry.version else L["not_released"]
    if entry.changes:
        what = _("; ").join(describe(c) for c in entry.changes)
    else:
        what = event(obj.kind, entry.event)
    return f"{when} ({version}){_(': ')}{what}"


def object_history(history: ProjectHistory, obj: TraceObject, *, full: bool = True) -> list[nodes.Node]:
    """The date of the object's last change, then (``full``) its changes, newest first."""
    box = nodes.container(classes=["civitrace-history"])
    if not history.available:
        box.extend(unavailable(history.reason))
        return [box]
    entries = history.of(obj.key)
    last = entries[-1] if entries else None
    if last is None:
        box += _para(L["no_history"], ["civitrace-last-change"])
    else:
        text = L["last_change"].format(date=long_date(last.commit.date))
        box += _para(text, ["civitrace-last-change"])
    if history.partial:
        box += _para(L["history_partial"], ["civitrace-history-partial"])
    if full and entries:
        items = nodes.bullet_list(classes=["civitrace-history-list"])
        for entry in reversed(entries[-HISTORY_LIMIT:]):
            items += nodes.list_item("", _para(_entry_text(obj, entry)))
        box += nodes.rubric(L["history"], L["history"], classes=["civitrace-history-title"])
        box += items
        older = len(entries) - HISTORY_LIMIT
        if older > 0:
            box += _para(L["older_entries"].format(count=older))
    return [box]


# -- a measure's timeline ------------------------------------------------------------------


def timeline_steps(measure: TraceObject) -> list[tuple[dt.date, str, str]]:
    """(date, label, role) of a measure's start, milestones and due date, in date order."""
    steps: list[tuple[dt.date, str, str]] = []
    start, due = measure.get("start"), measure.get("due")
    if isinstance(start, dt.date):
        steps.append((start, L["start"], "start"))
    for step in measure.get("milestones") or ():
        if isinstance(step, Milestone):
            steps.append((step.date, step.label, "milestone"))
    if isinstance(due, dt.date):
        steps.append((due, L["due"], "due"))
    order = {"start": 0, "milestone": 1, "due": 2}
    return sorted(steps, key=lambda s: (s[0], order[s[2]]))


def timeline(measure: TraceObject, as_of: dt.date) -> list[nodes.Node]:
    """The measure's dated steps as a timeline, with a marker at the build date."""
    steps = timeline_steps(measure)
    if not measure.get("milestones") or not steps:
        return []
    box = nodes.container(classes=["civitrace-timeline"])
    box += nodes.rubric(L["timeline"], L["timeline"], classes=["civitrace-timeline-title"])
    items = nodes.bullet_list(classes=["civitrace-timeline-steps"])
    marked = False
    for day, label, role in steps:
        if not marked and day > as_of:
            today = L["today"].format(date=long_date(as_of))
            items += nodes.list_item("", _para(today), classes=["civitrace-step", "civitrace-step-today"])
            marked = True
        state = "past" if day <= as_of else "future"
        line = nodes.paragraph("", "", nodes.strong(long_date(day), long_date(day)), nodes.Text(f" — {label}"))
        if state == "future":
            line += nodes.emphasis("", f" ({L['upcoming']})")
        items += nodes.list_item("", line, classes=["civitrace-step", f"civitrace-step-{role}", f"civitrace-{state}"])
    if not marked:
        today = L["today"].format(date=long_date(as_of))
        items += nodes.list_item("", _para(today), classes=["civitrace-step", "civitrace-step-today"])
    box += items
    return [box]
