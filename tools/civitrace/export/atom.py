"""An Atom feed (RFC 4287) of the changes, so residents can subscribe to the follow-up.

One entry per adopted version (a git tag: what changed since the previous
one), and one for the changes made since the last tag. The feed is a function
of the history alone: dates are commit dates (the current version's is the
build's source date), IDs are name-based UUIDs of the versions compared, so two
builds of one commit write the same bytes, and the entry "since the last tag"
keeps its ID while it grows.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from ..history.changes import Comparison
from ..history.diff_formats import coverage_line, coverage_text, sentence
from ..history.versions import Step, VersionHistory
from ..i18n import _, current_language, is_plural, ngettext
from ..model import Project
from ..vocabulary import KINDS, long_date

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_NAME = "changes.atom"
#: Entries whose list of changes would be longer are cut, with a pointer to the site.
MAX_LISTED = 200


@dataclass(frozen=True)
class FeedEntry:
    """One entry: a stable ID, a title, the time of the version, an HTML summary and an anchor on the site."""

    id: str
    title: str
    updated: dt.datetime
    html: str
    anchor: str = ""


def _uuid(*parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "civitrace:" + "\x1f".join(parts)))


def step_anchor(step: Step) -> str:
    """The HTML id of a step's section on the "Ce qui a changé" page."""
    if step.after.commit is None:
        return "depuis-" + _slug(step.before.label if step.before else "origine")
    return "version-" + _slug(step.after.label)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "x"


def contents(project: Project) -> str:
    """``19 recommendations, 25 measures, …`` — what a first version holds."""
    counts = Counter(o.kind for o in project.objects)
    return ", ".join(
        f"{counts[kind]} {_(spec.plural if is_plural(counts[kind]) else spec.label)}"
        for kind, spec in KINDS.items()
        if counts.get(kind)
    )


def _text(text: str) -> str:
    # Element content only: quotes need no escaping, and escaping them would show "&#x27;" in readers.
    return html.escape(text, quote=False)


def _changes_html(comparison: Comparison) -> str:
    cov = f"<p>{_text(coverage_line(comparison))}</p>"
    if not comparison.changes:
        return cov + f"<p>{_text(_('No change to the objects followed.'))}</p>"
    items = "".join(f"<li>{_text(sentence(c))}</li>" for c in comparison.changes[:MAX_LISTED])
    more = len(comparison.changes) - MAX_LISTED
    tail = ngettext("… and {count} other change.", "… and {count} other changes.", more).format(count=more)
    return f"{cov}<ul>{items}</ul>" + (f"<p>{_text(tail)}</p>" if more > 0 else "")


def entries(history: VersionHistory, feed_key: str) -> list[FeedEntry]:
    """Feed entries for the history's steps, newest first; steps without a date are left out."""
    found: list[FeedEntry] = []
    for step in history.steps:
        when = step.after.when
        if when is None:
            continue
        n = len(step.comparison.changes)
        count = ngettext("{count} change", "{count} changes", n).format(count=n)
        if step.after.commit is None:
            if not step.comparison.changes:
                continue  # nothing new since the last version: no entry
            since = step.before.label if step.before else ""
            title = _("Since version {tag}: {count}").format(tag=since, count=count)
            entry_id = _uuid(feed_key, "since", step.before.commit.sha if step.before and step.before.commit else "")
            note = _("Changes recorded since the last adopted version, not yet tagged.")
            body = f"<p>{_text(note)}</p>" + _changes_html(step.comparison)
        elif step.initial:
            title = _("Version {tag} ({date}): first version").format(tag=step.after.label, date=long_date(when.date()))
            entry_id = _uuid(feed_key, "version", step.after.commit.sha)
            held = contents(step.project) if step.project else ""
            first = _("First published version: {contents}.").format(contents=held)
            body = f"<p>{_text(first)}</p>" if held else ""
            cov = coverage_text(step.comparison.coverage_after)
            body += f"<p>{_text(_('Coverage of the recommendations: {coverage}.').format(coverage=cov))}</p>"
        else:
            title = _("Version {tag} ({date}): {count}").format(
                tag=step.after.label, date=long_date(when.date()), count=count
            )
            entry_id = _uuid(feed_key, "version", step.after.commit.sha)
            body = _changes_html(step.comparison)
        found.append(FeedEntry(entry_id, title, when, body, step_anchor(step)))
    found.sort(key=lambda e: e.updated, reverse=True)
    return found


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def render_feed(
    feed_entries: list[FeedEntry],
    *,
    title: str,
    feed_key: str,
    updated: dt.datetime,
    author: str,
    page_url: str | None = None,
    self_url: str | None = None,
) -> bytes:
    """The Atom document. ``updated`` is used when there is no entry (the version's own date)."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": current_language()})
    _sub(feed, "id", _uuid(feed_key, "feed"))
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max([e.updated for e in feed_entries], default=updated)))
    _sub(_sub(feed, "author"), "name", author)
    _sub(feed, "generator", "civitrace")
    if self_url:
        _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if page_url:
        _sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    for item in feed_entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", item.title)
        _sub(entry, "updated", _stamp(item.updated))
        if page_url:
            href = f"{page_url}#{item.anchor}" if item.anchor else page_url
            _sub(entry, "link", rel="alternate", type="text/html", href=href)
        _sub(entry, "content", item.html, type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
