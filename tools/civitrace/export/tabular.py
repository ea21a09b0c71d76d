"""The traced objects as open data: one JSON document or one CSV table, one entry per object.

Both carry the same fields: ``kind``, ``id``, ``key``, ``title``, ``path``,
``line``, then every option of the vocabulary (links as ID lists), then
``text`` (the body). JSON keeps types (numbers, ISO dates, arrays); CSV writes
each value as an author would (``R-01, R-02``; ``2025-01-15 Lancement ; …``),
so a row reads back into the same object through :func:`fields.build_object`.
Only values that parsed are exported: a mistyped value is the ``check``
command's business, not the open data's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .. import __version__
from ..diagnostics import Diagnostic, Location
from ..escaping import csv_cell, uncsv_cell
from ..fields import build_object
from ..model import Project, TraceObject
from ..progress import coverage
from ..vocabulary import KINDS
from .values import as_text, plain

#: Fields every object has, in column order.
COMMON_FIELDS = ("kind", "id", "key", "title", "path", "line")
#: Every option of the vocabulary, in the order kinds and options are declared.
OPTION_FIELDS = tuple(dict.fromkeys(name for spec in KINDS.values() for name in spec.options))
TEXT_FIELD = "text"
CSV_COLUMNS = (*COMMON_FIELDS, *OPTION_FIELDS, TEXT_FIELD)
#: The file names published with the site.
JSON_NAME, CSV_NAME, SCHEMA_NAME = "civitrace.json", "civitrace.csv", "schema.json"


def object_as_dict(obj: TraceObject) -> dict[str, Any]:
    """One object with typed values: its common fields, the options it has, its text."""
    row: dict[str, Any] = {
        "kind": obj.kind,
        "id": obj.id,
        "key": obj.key,
        "title": obj.title,
        "path": obj.location.path,
        "line": obj.location.line,
    }
    for name in obj.spec.options:
        if name in obj.values:
            row[name] = plain(obj.values[name])
    row[TEXT_FIELD] = obj.body
    return row


def export_document(project: Project, version: str | None = None, date: str | None = None) -> dict[str, Any]:
    """The JSON export: where it comes from, the coverage, and every object in source order."""
    cov = coverage(project)
    return {
        "generator": f"civitrace {__version__}",
        "version": version,
        "date": date,
        "coverage": {"covered": cov.covered, "total": cov.total, "uncovered": list(cov.uncovered)},
        "objects": [object_as_dict(o) for o in project.objects],
    }


def to_json(project: Project, version: str | None = None, date: str | None = None) -> str:
    """The JSON export as text (UTF-8, keys in a fixed order)."""
    return json.dumps(export_document(project, version, date), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def object_as_row(obj: TraceObject) -> dict[str, str]:
    """One CSV row: every column, values spelled as in the sources, '' when absent."""
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update({"kind": obj.kind, "id": obj.id, "key": obj.key, "title": obj.title})
    row.update({"path": obj.location.path, "line": str(obj.location.line), TEXT_FIELD: obj.body})
    for name in obj.spec.options:
        if name in obj.values:
            row[name] = as_text(obj.values[name])
    return row


def to_csv(project: Project) -> str:
    """The CSV export (RFC 4180: comma-separated, CRLF line ends, a header row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    # Cells are neutralised against spreadsheet formulas; objects_from_rows takes the mark off again.
    writer.writerows({k: csv_cell(v) for k, v in object_as_row(o).items()} for o in project.objects)
    return out.getvalue()


def read_csv(text: str) -> Iterator[dict[str, str]]:
    """The rows of a CSV export."""
    for row in csv.DictReader(io.StringIO(text, newline="")):
        yield {k: uncsv_cell(v) if isinstance(v, str) else v for k, v in row.items()}


def objects_from_rows(rows: Iterable[dict[str, str]]) -> tuple[list[TraceObject], list[Diagnostic]]:
    """Rebuild objects from CSV rows, through the same code that reads the sources."""
    objects: list[TraceObject] = []
    problems: list[Diagnostic] = []
    for row in rows:
        kind = row.get("kind", "")
        if kind not in KINDS:
            continue
        line = row.get("line", "")
        location = Location(row.get("path", ""), int(line) if line.isdigit() else 0)
        argument = f"{row.get('id', '')} {row.get('title', '')}".strip()
        options = {name: row[name] for name in KINDS[kind].options if row.get(name)}
        obj, found = build_object(kind, argument, options, row.get(TEXT_FIELD, ""), location)
        problems.extend(found)
        if obj is not None:
            objects.append(obj)
    return objects, problems
