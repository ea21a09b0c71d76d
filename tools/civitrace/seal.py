"""The adopted opinion, sealed: compare principles and recommendations with the text as voted.

``[tool.civitrace] adopted = "TAG"`` names the git tag of the opinion as the
convention voted it. This module holds what needs no git and no Sphinx: the
canonical form of the adopted text, its SHA-256 fingerprint, and the
comparison of a project with it (see :mod:`.history.adopted` for reading the
tag). ``civitrace seal``, ``civitrace check`` and the site all call it, so
they print the same fingerprint and the same diagnostics.

The canonical serialisation (version ``civitrace-seal/1``), documented in the
authors' guide so that anyone can recompute the fingerprint:

* every principle and recommendation with a valid ID (the first written, when
  an ID is defined twice), sorted by ID (Unicode code points);
* each one as four fields, ``kind``, ``ID``, ``title``, ``text``, separated by
  U+001F (unit separator) and ended by U+001E (record separator);
* the title and text NFC-normalised; in the text, paragraphs (separated by
  blank lines) are kept apart by one blank line and every other run of
  white space becomes one space: the seal concerns the words, not how the
  lines were wrapped;
* the header ``civitrace-seal/1`` followed by U+001E, then the records, all
  encoded in UTF-8; the fingerprint is the SHA-256 of those bytes, in hex.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .diagnostics import Diagnostic, Location, error, warning
from .i18n import _
from .model import Project, TraceObject
from .vocabulary import SEALED_KINDS

SEAL_FORMAT = "civitrace-seal/1"
FIELD_SEPARATOR = "\x1f"
RECORD_SEPARATOR = "\x1e"
_CONFIG_LOCATION = Location("pyproject.toml", 0)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
#: Words of context kept around each change in a diagnostic's word diff.
_CONTEXT_WORDS = 3
#: Changes shown at most in one diagnostic; the rest are counted.
_SHOWN_CHANGES = 3


def normalised_text(text: str) -> str:
    """The words of a text as the seal compares them: NFC, paragraphs kept, wrapping ignored."""
    paragraphs = _PARAGRAPH_BREAK.split(unicodedata.normalize("NFC", text).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


@dataclass(frozen=True)
class SealedText:
    """The sealed part of one principle or recommendation: kind, ID, title and text, normalised."""

    kind: str
    id: str
    title: str
    text: str
    location: Location

    @classmethod
    def of(cls, obj: TraceObject) -> SealedText:
        title = " ".join(unicodedata.normalize("NFC", obj.title).split())
        return cls(obj.kind, obj.id, title, normalised_text(obj.body), obj.location)

    def record(self) -> str:
        """The record of the canonical serialisation (without its terminator)."""
        return FIELD_SEPARATOR.join((self.kind, self.id, self.title, self.text))


def sealed_texts(project: Project) -> dict[str, SealedText]:
    """The sealed texts of a project by ID (duplicates: the first written, as everywhere else)."""
    found: dict[str, SealedText] = {}
    for kind in SEALED_KINDS:
        for obj in project.of_kind(kind):
            if project.by_id.get(obj.id) is obj:
                found[obj.id] = SealedText.of(obj)
    return found


def canonical_bytes(texts: Iterable[SealedText]) -> bytes:
    """The canonical serialisation of the module docstring."""
    records = [t.record() for t in sorted(texts, key=lambda t: t.id)]
    return "".join(f"{part}{RECORD_SEPARATOR}" for part in (SEAL_FORMAT, *records)).encode("utf-8")


def fingerprint(texts: Iterable[SealedText]) -> str:
    """The SHA-256 fingerprint (hex) of the canonical serialisation."""
    return hashlib.sha256(canonical_bytes(texts)).hexdigest()


@dataclass(frozen=True)
class AdoptedText:
    """The opinion as adopted: the tag, its date, its sealed texts and their fingerprint."""

    tag: str
    date: dt.date
    texts: dict[str, SealedText]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.texts.values())


@dataclass(frozen=True)
class AdoptedUnavailable:
    """``adopted`` is set but the tag cannot be read: why, for the diagnostic and the pages."""

    tag: str
    reason: str
    location: Location = _CONFIG_LOCATION


def word_diff(before: str, after: str) -> str:
    """A short word diff: ``… garde [-humaine-] {+finale+} sur …``, at most a few places shown.

    Changes a few words apart are shown as one place, with the words between them.
    """
    old, new = before.split(), after.split()
    changes = [g for g in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if g[0] != "equal"]
    places: list[list[tuple[str, int, int, int, int]]] = []
    for change in changes:
        if places and change[1] - places[-1][-1][2] <= 2 * _CONTEXT_WORDS:
            places[-1].append(change)
        else:
            places.append([change])
    parts = []
    for place in places[:_SHOWN_CHANGES]:
        first, last = place[0][1], place[-1][2]
        words = ["…"] if first > _CONTEXT_WORDS else []
        words += old[max(0, first - _CONTEXT_WORDS) : first]
        for index, (tag, i1, i2, j1, j2) in enumerate(place):
            if tag in ("replace", "delete"):
                words.append(f"[-{' '.join(old[i1:i2])}-]")
            if tag in ("replace", "insert"):
                words.append(f"{{+{' '.join(new[j1:j2])}+}}")
            if index + 1 < len(place):
                words += old[i2 : place[index + 1][1]]
        words += old[last : last + _CONTEXT_WORDS]
        if last + _CONTEXT_WORDS < len(old):
            words.append("…")
        parts.append(" ".join(words))
    if len(places) > _SHOWN_CHANGES:
        parts.append(_("(and {count} more changes)").format(count=len(places) - _SHOWN_CHANGES))
    return " ".join(parts).replace("… …", "…")


def _what_changed(adopted: SealedText, current: SealedText) -> str:
    changes = []
    if adopted.kind != current.kind:
        changes.append(_("kind: {before} → {after}").format(before=adopted.kind, after=current.kind))
    if adopted.title != current.title:
        changes.append(_("title: {diff}").format(diff=word_diff(adopted.title, current.title)))
    if adopted.text != current.text:
        changes.append(_("text: {diff}").format(diff=word_diff(adopted.text, current.text)))
    return "; ".join(changes)


def erratum_of(obj: TraceObject) -> object:
    """The erratum an object declares (a dated reason), or None."""
    return obj.values.get("erratum")


def compare(project: Project, adopted: AdoptedText) -> list[Diagnostic]:
    """Every difference between the project's sealed texts and the adopted ones.

    A changed block is an ``altered-text`` error unless it declares an erratum;
    a block added or removed since adoption is an error whatever it declares.
    """
    found: list[Diagnostic] = []
    current = sealed_texts(project)
    for object_id, text in sorted(current.items(), key=lambda item: item[1].location):
        obj = project.by_id[object_id]
        before = adopted.texts.get(object_id)
        if before is None:
            message = _("{kind} {id} was added after the adoption of the opinion (tag '{tag}')")
            found.append(
                error(
                    text.location,
                    "added-after-adoption",
                    message.format(kind=text.kind, id=object_id, tag=adopted.tag),
                    object_id,
                )
            )
        elif before.record() != text.record() and erratum_of(obj) is None:
            message = _(
                "{kind} {id} differs from the adopted text (tag '{tag}'): {changes}; "
                "restore the adopted wording or declare ':erratum: YYYY-MM-DD reason'"
            )
            changes = _what_changed(before, text)
            found.append(
                error(
                    text.location,
                    "altered-text",
                    message.format(kind=text.kind, id=object_id, tag=adopted.tag, changes=changes),
                    object_id,
                )
            )
        elif before.record() == text.record() and erratum_of(obj) is not None:
            message = _("{kind} {id} declares an erratum but its text is the adopted one (tag '{tag}')")
            found.append(
                warning(
                    text.location,
                    "needless-erratum",
                    message.format(kind=text.kind, id=object_id, tag=adopted.tag),
                    object_id,
                )
            )
    for object_id, before in sorted(adopted.texts.items()):
        if object_id not in current:
            message = _("{kind} {id} of the adopted text (tag '{tag}') was removed or renamed")
            found.append(
                error(
                    before.location,
                    "removed-after-adoption",
                    message.format(kind=before.kind, id=object_id, tag=adopted.tag),
                    object_id,
                )
            )
    return found


def unavailable_diagnostic(problem: AdoptedUnavailable) -> Diagnostic:
    """The error saying the adopted text could not be read (never silently skipped)."""
    message = _("the adopted text (tag '{tag}', set by [tool.civitrace] adopted) cannot be read: {reason}")
    return error(
        problem.location,
        "adopted-text-unavailable",
        message.format(tag=problem.tag, reason=problem.reason),
    )


def changed_texts(project: Project, adopted: AdoptedText) -> dict[str, SealedText]:
    """The adopted wording of each block whose text now differs (with or without erratum), by ID."""
    current = sealed_texts(project)
    return {
        object_id: adopted.texts[object_id]
        for object_id, text in current.items()
        if object_id in adopted.texts and adopted.texts[object_id].record() != text.record()
    }
