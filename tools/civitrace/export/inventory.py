"""The public inventory of algorithms (CRPA art. L312-1-2): one row per AI system, CSV or JSON.

The fields are those the French inventory suggests (administration, service,
contact, update; name, purpose, how it takes part in decisions, level of
automation, legal basis; decisions per year, public concerned; data and their
source, rules or machine learning, source code), plus what the register knows
(status, dates, uses, latest evaluation, deliberation, verdict of the doctrine).

The inventory is a French administrative document whose column names are a
format other tools read: it is always written in French, whatever the locale
of the person running the command. CSV cells that a spreadsheet would run as a
formula are neutralised; JSON is described by ``inventory.schema.json``,
shipped beside this module (``python -m civitrace.export.inventory`` rewrites it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..i18n import catalog
from ..model import Project, TraceObject
from ..register import Verdict, dated, verdicts
from ..register_vocabulary import REGISTER_LABELS
from ..vocabulary import KINDS

#: The files the site publishes beside the other open data.
INVENTORY_CSV, INVENTORY_JSON, INVENTORY_SCHEMA = (
    "inventaire-algorithmes.csv",
    "inventaire-algorithmes.json",
    ("inventaire-algorithmes.schema.json"),
)
SCHEMA_FILE = "inventory.schema.json"
#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def french(message: str) -> str:
    """A label of the vocabulary in French, whatever the current language."""
    return catalog("fr").gettext(message)


def _choice(obj: TraceObject | None, option: str) -> str | None:
    if obj is None or option not in obj.values:
        return None
    spec = KINDS[obj.kind].options[option]
    value = obj.values[option]
    return french(spec.labels[value]) if value in spec.labels else str(value)


def _raw(obj: TraceObject | None, option: str) -> str | None:
    if obj is None:
        return None
    return obj.raw.get(option) if option in obj.values else None


def _date(obj: TraceObject | None, option: str = "date") -> str | None:
    day = dated(obj, option) if obj is not None else None
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Column:
    """One field of the inventory: JSON key, French column name, JSON type, how to read it from a verdict."""

    key: str
    title: str
    type: str  # "text", "date", "integer", "boolean", "list", "url"
    read: Callable[[Verdict, str], object]


def _prose(body: str) -> str | None:
    """A body as a spreadsheet cell shows it best: one line a paragraph."""
    paragraphs = [" ".join(part.split()) for part in body.strip().split("\n\n")]
    return "\n".join(p for p in paragraphs if p) or None


def _deliberation(item: Verdict) -> TraceObject | None:
    return item.approval or (item.deliberations[-1] if item.deliberations else None)


def _deliberation_text(item: Verdict) -> str | None:
    found = _deliberation(item)
    if found is None:
        return None
    outcome = _choice(found, "outcome") or ""
    return f"{found.id} — {found.title} ({outcome}, {_date(found)})"


def _compliance(item: Verdict) -> str:
    problems = item.problems()
    if not problems:
        return french(REGISTER_LABELS["compliant"])
    return ", ".join(french(REGISTER_LABELS[f"problem_{code}"]) for code in problems)


COLUMNS: tuple[Column, ...] = (
    Column("administration", "Administration", "text", lambda v, admin: admin or None),
    Column("service", "Service", "text", lambda v, _a: _raw(v.system, "owner")),
    Column("contact", "Contact", "text", lambda v, _a: _raw(v.system, "contact")),
    Column("date_mise_a_jour", "Date de mise à jour", "date", lambda v, _a: None),  # filled in by inventory()
    Column("identifiant", "Identifiant", "text", lambda v, _a: v.system.id),
    Column("nom", "Nom de l'algorithme", "text", lambda v, _a: v.system.title),
    Column("finalite", "Finalité", "text", lambda v, _a: _raw(v.system, "purpose")),
    Column("description", "Description", "text", lambda v, _a: _prose(v.system.body)),
    Column("statut", "Statut", "text", lambda v, _a: _choice(v.system, "status")),
    Column("debut_experimentation", "Début de l'expérimentation", "date", lambda v, _a: _date(v.system, "pilot")),
    Column("mise_en_service", "Mise en service", "date", lambda v, _a: _date(v.system, "service")),
    Column("fin_utilisation", "Fin d'utilisation", "date", lambda v, _a: _date(v.system, "end")),
    Column(
        "decisions_individuelles",
        "Intervient dans des décisions individuelles",
        "boolean",
        lambda v, _a: v.system.values.get("individual-decisions"),
    ),
    Column("niveau_automatisation", "Niveau d'automatisation", "text", lambda v, _a: _choice(v.system, "automation")),
    Column("base_legale", "Base légale", "text", lambda v, _a: _raw(v.system, "legal-basis")),
    Column(
        "decisions_par_an",
        "Nombre de décisions par an",
        "integer",
        lambda v, _a: v.system.values.get("decisions-per-year"),
    ),
    Column("public_concerne", "Public concerné", "text", lambda v, _a: _raw(v.system, "public")),
    Column("donnees", "Données traitées et leur source", "text", lambda v, _a: _raw(v.system, "data")),
    Column("type_algorithme", "Type d'algorithme", "text", lambda v, _a: _choice(v.system, "technique")),
    Column("code_source", "Code source ou logigramme", "url", lambda v, _a: _raw(v.system, "code")),
    Column("fournisseur", "Fournisseur", "text", lambda v, _a: _raw(v.system, "supplier")),
    Column(
        "usages",
        "Usages",
        "list",
        lambda v, _a: [french(KINDS["ai-system"].options["uses"].labels[u]) for u in v.system.values.get("uses", ())],
    ),
    Column("derniere_evaluation", "Date de la dernière évaluation", "date", lambda v, _a: _date(v.latest_evaluation)),
    Column(
        "avis_evaluation",
        "Avis de la dernière évaluation",
        "text",
        lambda v, _a: _choice(v.latest_evaluation, "result"),
    ),
    Column("evaluee_par", "Évaluée par", "text", lambda v, _a: _raw(v.latest_evaluation, "by")),
    Column("niveau_risque", "Niveau de risque", "text", lambda v, _a: _choice(v.latest_evaluation, "risk")),
    Column(
        "prochain_reexamen",
        "Prochain réexamen",
        "date",
        lambda v, _a: v.next_review.isoformat() if v.next_review and v.active else None,
    ),
    Column("deliberation", "Délibération", "text", lambda v, _a: _deliberation_text(v)),
    Column("acte_deliberation", "Acte de la délibération", "url", lambda v, _a: _raw(_deliberation(v), "act")),
    Column("mesures", "Mesures de la stratégie", "list", lambda v, _a: list(v.system.ids("measures"))),
    Column("conformite", "Conformité à la doctrine", "text", lambda v, _a: _compliance(v)),
)


def inventory(project: Project, date: str | None = None) -> list[dict[str, Any]]:
    """One entry per AI system, in source order: the JSON keys of :data:`COLUMNS` with typed values."""
    administration = project.doctrine.administration
    rows = []
    for item in verdicts(project):
        row = {column.key: column.read(item, administration) for column in COLUMNS}
        row["date_mise_a_jour"] = date
        rows.append(row)
    return rows


def to_json(project: Project, date: str | None = None) -> str:
    """The inventory as a JSON document described by the shipped schema."""
    document = {
        "generator": f"civitrace {__version__}",
        "administration": project.doctrine.administration or None,
        "date": date,
        "systems": inventory(project, date),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before ``= + - @``, tab or carriage return."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def to_csv(project: Project, date: str | None = None) -> str:
    """The inventory as CSV: French column names, one row per system, RFC 4180 (CRLF), formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.title for column in COLUMNS])
    for row in inventory(project, date):
        writer.writerow([neutralise(_cell(row[column.key])) for column in COLUMNS])
    return out.getvalue()


_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "null"]},
    "date": {"anyOf": [{"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}, {"type": "null"}]},
    "integer": {"type": ["integer", "null"], "minimum": 0},
    "boolean": {"type": ["boolean", "null"]},
    "list": {"type": "array", "items": {"type": "string"}},
    "url": {"anyOf": [{"type": "string", "format": "uri", "pattern": "^https?://"}, {"type": "null"}]},
}


def build_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`to_json`'s output, derived from :data:`COLUMNS`."""
    system = {
        "type": "object",
        "required": [column.key for column in COLUMNS],
        "additionalProperties": False,
        "properties": {column.key: {"title": column.title, **_TYPES[column.type]} for column in COLUMNS},
    }
    system["properties"]["identifiant"] = {"title": "Identifiant", "type": "string", "minLength": 1}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Inventaire des algorithmes publics (CRPA, art. L312-1-2)",
        "description": "Les systèmes d'IA et les algorithmes d'une administration, un par entrée, "
        "tels que les publie civitrace à partir de son registre.",
        "type": "object",
        "required": ["generator", "administration", "date", "systems"],
        "additionalProperties": False,
        "properties": {
            "generator": {"type": "string"},
            "administration": {"type": ["string", "null"]},
            "date": _TYPES["date"],
            "systems": {"type": "array", "items": {"$ref": "#/$defs/system"}},
        },
        "$defs": {"system": system},
    }


def schema_text() -> str:
    """The schema as the shipped file spells it."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def shipped_schema() -> str:
    """The text of ``inventory.schema.json`` shipped with the package."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def version_date(stamp: float | None) -> str | None:
    """The ISO date of a source timestamp (the version's date), if any."""
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat() if stamp is not None else None


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
