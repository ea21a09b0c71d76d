"""The results CSV that Decidim's accountability component ("Suivi des résultats") imports.

Written for Decidim's ``ResultsCsvImporter`` (decidim-accountability), which reads:

* a header row, then one result a row, columns separated by ``Decidim.default_csv_col_sep``
  (``;`` unless the platform changed it), quoted as Ruby's CSV reads them;
* ``title/<locale>`` and ``description/<locale>`` for each locale of the platform (the default
  locale's value stands in for a missing one; both are required by the result form);
* ``start_date`` and ``end_date`` read with Ruby's ``Date.parse`` (ISO ``YYYY-MM-DD`` here);
* ``progress`` (a number, 0 to 100) and ``status/id`` (the ID of a status of the component);
* ``id`` and ``parent/id``: a row whose ``parent/id`` names the ``id`` of another row of the
  file becomes its child once imported (IDs of the file are renumbered by Decidim);
* ``proposal_urls``: addresses of proposals separated by ``;``, each ending with the
  proposal's number;
* the rest of the row goes to the result form as it is: recent versions of the form read
  ``external_id`` (here the civitrace ID) and ``weight`` (a measure's ``weight``), older
  ones ignore them.

One result per measure; the recommendations it answers become parent results (each
measure under the first recommendation it answers) and, when ``[tool.civitrace.decidim.proposals]``
gives the address of a recommendation's proposal on the platform, linked proposals.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from ..i18n import _
from ..model import Project, TraceObject
from ..progress import measure_progress
from ..vocabulary import STATUS_LABELS
from .values import neutralise

DEFAULT_LOCALE = "fr"
DEFAULT_SEPARATOR = ";"
#: Decidim splits ``proposal_urls`` on this, whatever the column separator.
PROPOSAL_SEPARATOR = ";"
_ROLE = re.compile(r"\{[A-Za-z][\w:-]*\}`([^`]*)`")
_EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<[^<>]+>$", re.DOTALL)
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")
_ENDS_WITH_NUMBER = re.compile(r"\d$")


class DecidimSettingsError(ValueError):
    """``[tool.civitrace.decidim]`` holds a value the export cannot use; the message is for users."""


@dataclass(frozen=True)
class DecidimSettings:
    """``[tool.civitrace.decidim]``: locale, separator, status IDs, proposal addresses, parents."""

    locale: str = DEFAULT_LOCALE
    separator: str = DEFAULT_SEPARATOR
    statuses: dict[str, int] = field(default_factory=dict)
    proposals: dict[str, str] = field(default_factory=dict)
    parents: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return (
            "id",
            "parent/id",
            f"title/{self.locale}",
            f"description/{self.locale}",
            "start_date",
            "end_date",
            "progress",
            "status/id",
            "proposal_urls",
            "external_id",
            "weight",
        )


def settings_from(table: Mapping[str, object]) -> DecidimSettings:
    """Read and check the ``[tool.civitrace.decidim]`` table."""
    locale = str(table.get("locale", DEFAULT_LOCALE))
    if not _LOCALE.fullmatch(locale):
        raise DecidimSettingsError(_("decidim locale '{value}' is not a locale such as 'fr'").format(value=locale))
    separator = str(table.get("separator", DEFAULT_SEPARATOR))
    if len(separator) != 1 or separator in '"\r\n':
        raise DecidimSettingsError(_("decidim separator must be one character, such as ';'"))
    statuses: dict[str, int] = {}
    for status, value in _table(table, "statuses").items():
        if status not in STATUS_LABELS:
            message = _("decidim statuses: '{status}' is not a status (one of {allowed})")
            raise DecidimSettingsError(message.format(status=status, allowed=", ".join(STATUS_LABELS)))
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            message = _("decidim statuses: '{status}' must be the ID (a whole number) of a Decidim status")
            raise DecidimSettingsError(message.format(status=status))
        statuses[status] = value
    proposals: dict[str, str] = {}
    for rec_id, url in _table(table, "proposals").items():
        text = str(url).strip()
        if not text.startswith(("https://", "http://")) or not _ENDS_WITH_NUMBER.search(text) or ";" in text:
            message = _("decidim proposals: the address for {id} must be a proposal's URL ending with its number")
            raise DecidimSettingsError(message.format(id=rec_id))
        proposals[str(rec_id)] = text
    parents = table.get("parents", True)
    if not isinstance(parents, bool):
        raise DecidimSettingsError(_("decidim parents must be true or false"))
    return DecidimSettings(locale, separator, statuses, proposals, parents)


def _table(table: Mapping[str, object], key: str) -> dict[str, object]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise DecidimSettingsError(_("decidim {key} must be a table").format(key=key))
    return value


def _markdown() -> MarkdownIt:
    # Raw HTML in a body is shown as text: the platform receives only what Markdown itself makes.
    return MarkdownIt("commonmark", {"html": False})


def _plain_roles(text: str) -> str:
    """``{trace}`R-01``` → ``R-01``; ``{trace}`the text <R-01>``` → ``the text``."""

    def inner(match: re.Match[str]) -> str:
        explicit = _EXPLICIT_TARGET.match(match.group(1))
        return explicit.group(1) if explicit else match.group(1)

    return _ROLE.sub(inner, text)


def description_html(obj: TraceObject, extra: str = "") -> str:
    """A body as the HTML of Decidim's rich-text description, with an extra paragraph of context."""
    parts = [_markdown().render(_plain_roles(obj.body)).strip()] if obj.body.strip() else []
    if extra:
        parts.append(_markdown().render(extra).strip())
    return "\n".join(parts)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _title(obj: TraceObject) -> str:
    return f"{obj.id} — {obj.title}" if obj.title else obj.id


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#{}|~&!])", r"\\\1", text)


def results(project: Project, settings: DecidimSettings) -> list[dict[str, str]]:
    """The rows: parent results (recommendations answered by a measure) first, then one per measure."""
    measures = [m for m in project.of_kind("measure") if project.by_id.get(m.id) is m]
    rows: list[dict[str, str]] = []
    parent_of: dict[str, str] = {}
    if settings.parents:
        answered = {rid for m in measures for rid in m.ids("responds")}
        for rec in project.of_kind("recommendation"):
            if rec.id in answered and project.by_id.get(rec.id) is rec:
                row_id = str(len(rows) + 1)
                parent_of[rec.id] = row_id
                intro = _("Recommendation {id} of the citizens' convention's opinion.").format(id=rec.id)
                rows.append(_row(settings, row_id, "", rec, description_html(rec, _escape_markdown(intro))))
    for measure in measures:
        answered_ids = [rid for rid in measure.ids("responds") if rid in project.by_id]
        context = [_("Answers: {ids}.").format(ids=", ".join(answered_ids))] if answered_ids else []
        owner = measure.get("owner")
        if owner:
            context.append(_("Owner: {owner}.").format(owner=owner))
        if not context and not measure.body.strip():
            # Decidim requires a description.
            context.append(_("Measure {id} of the strategy.").format(id=measure.id))
        parent = next((parent_of[r] for r in answered_ids if r in parent_of), "")
        row = _row(
            settings,
            str(len(rows) + 1),
            parent,
            measure,
            description_html(measure, _escape_markdown(" ".join(context))),
        )
        start, due = measure.get("start"), measure.get("due")
        row["start_date"] = start.isoformat() if start else ""  # type: ignore[attr-defined]
        row["end_date"] = due.isoformat() if due else ""  # type: ignore[attr-defined]
        row["progress"] = _number(measure_progress(measure))
        status = measure.get("status")
        row["status/id"] = str(settings.statuses[status]) if status in settings.statuses else ""
        urls = [settings.proposals[r] for r in answered_ids if r in settings.proposals]
        row["proposal_urls"] = PROPOSAL_SEPARATOR.join(dict.fromkeys(urls))
        rows.append(row)
    return rows


def _row(settings: DecidimSettings, row_id: str, parent: str, obj: TraceObject, description: str) -> dict[str, str]:
    row = dict.fromkeys(settings.columns, "")
    row.update({"id": row_id, "parent/id": parent, "external_id": obj.id})
    weight = obj.get("weight")
    row["weight"] = _number(weight) if isinstance(weight, float) else ""
    row[f"title/{settings.locale}"] = _title(obj)
    row[f"description/{settings.locale}"] = description
    return row


def to_decidim_csv(project: Project, settings: DecidimSettings | None = None) -> str:
    """The CSV text (UTF-8 without byte-order mark, which Ruby's CSV would read into the first header)."""
    settings = settings or DecidimSettings()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=settings.columns, delimiter=settings.separator, lineterminator="\r\n")
    writer.writeheader()
    for row in results(project, settings):
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    return out.getvalue()
