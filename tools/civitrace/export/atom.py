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
from ..history.diff_formats import coverage_fr, sentence_fr
from ..history.versions import Step, VersionHistory
from ..i18n import in_language
from ..model import Project
from ..vocabulary import KINDS, french_date, in_french

#: These texts exist in French only for now: they answer in French whatever the language.
FRENCH_ONLY = "fr"

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


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@in_language(FRENCH_ONLY)
def contents_fr(project: Project) -> str:
    """``19 recommandations, 25 mesures, …`` — what a first version holds."""
    counts = Counter(o.kind for o in project.objects)
    return ", ".join(
        _plural(counts[kind], in_french(spec.label), in_french(spec.plural))
        for kind, spec in KINDS.items()
        if counts.get(kind)
    )


def _text(text: str) -> str:
    # Element content only: quotes need no escaping, and escaping them would show "&#x27;" in readers.
    return html.escape(text, quote=False)


def _changes_html(comparison: Comparison) -> str:
    cov = f"<p>Couverture des recommandations : {_text(coverage_fr(comparison.coverage_before))} → "
    cov += f"{_text(coverage_fr(comparison.coverage_after))}.</p>"
    if not comparison.changes:
        return cov + "<p>Aucun changement des objets suivis.</p>"
    items = "".join(f"<li>{_text(sentence_fr(c))}</li>" for c in comparison.changes[:MAX_LISTED])
    more = len(comparison.changes) - MAX_LISTED
    tail = f"<p>… et {more} autres changements.</p>" if more > 0 else ""
    return f"{cov}<ul>{items}</ul>{tail}"


@in_language(FRENCH_ONLY)
def entries(history: VersionHistory, feed_key: str) -> list[FeedEntry]:
    """Feed entries for the history's steps, newest first; steps without a date are left out."""
    found: list[FeedEntry] = []
    for step in history.steps:
        when = step.after.when
        if when is None:
            continue
        count = _plural(len(step.comparison.changes), "changement", "changements")
        if step.after.commit is None:
            if not step.comparison.changes:
                continue  # nothing new since the last version: no entry
            since = step.before.label if step.before else ""
            title = f"Depuis la version {since} : {count}"
            entry_id = _uuid(feed_key, "since", step.before.commit.sha if step.before and step.before.commit else "")
            body = "<p>Changements enregistrés depuis la dernière version adoptée, pas encore étiquetés.</p>"
            body += _changes_html(step.comparison)
        elif step.initial:
            title = f"Version {step.after.label} ({french_date(when.date())}) : première version"
            entry_id = _uuid(feed_key, "version", step.after.commit.sha)
            held = contents_fr(step.project) if step.project else ""
            body = f"<p>Première version publiée : {_text(held)}.</p>" if held else ""
            cov = coverage_fr(step.comparison.coverage_after)
            body += f"<p>Couverture des recommandations : {_text(cov)}.</p>"
        else:
            title = f"Version {step.after.label} ({french_date(when.date())}) : {count}"
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
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "fr"})
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
