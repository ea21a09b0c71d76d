"""The JSON Schema of the JSON export, derived from the vocabulary.

The schema ships as ``schema.json`` beside this module and is published with
the site. It is generated from the vocabulary, and a test checks the shipped
file is up to date; regenerate it with ``python -m civitrace.export.schema``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import i18n
from ..vocabulary import ID_PATTERN, KINDS, OptionSpec, ValueType

SCHEMA_FILE = "schema.json"

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}


def _option_schema(spec: OptionSpec) -> dict[str, Any]:
    kind = spec.type
    schema: dict[str, Any]
    if kind is ValueType.ID:
        schema = {"$ref": "#/$defs/id"}
    elif kind is ValueType.IDS:
        schema = {"type": "array", "items": {"$ref": "#/$defs/id"}, "minItems": 1}
    elif kind is ValueType.DATE:
        schema = {"$ref": "#/$defs/date"}
    elif kind is ValueType.INTEGER:
        schema = {"type": "integer"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    elif kind is ValueType.NUMBER:
        schema = {"type": "number", "exclusiveMinimum": 0}
    elif kind is ValueType.CHOICE:
        schema = {"type": "string", "enum": list(spec.choices)}
    elif kind is ValueType.MILESTONES:
        schema = {"type": "array", "items": {"$ref": "#/$defs/milestone"}}
    elif kind is ValueType.DATED_NOTE:
        schema = {"$ref": "#/$defs/milestone"}
    elif kind is ValueType.CHOICES:
        schema = {"type": "array", "items": {"enum": list(spec.choices)}, "minItems": 1, "uniqueItems": True}
    elif kind is ValueType.YES_NO:
        schema = {"type": "boolean"}
    elif kind is ValueType.URL:
        schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
    else:
        schema = {"type": "string"}
    return {"title": spec.label, **schema}


def build_schema() -> dict[str, Any]:
    """The schema of :func:`tabular.export_document`'s output."""
    kinds = list(KINDS)
    per_kind = [
        {
            "if": {"properties": {"kind": {"const": name}}},
            "then": {"properties": {opt: _option_schema(o) for opt, o in spec.options.items()}},
        }
        for name, spec in KINDS.items()
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "civitrace open data",
        "description": "The traced objects of a citizens' convention opinion and of the strategy that answers it: "
        "one entry per object, with its options (links as ID lists) and its text.",
        "type": "object",
        "required": ["generator", "version", "date", "coverage", "objects"],
        "additionalProperties": False,
        "properties": {
            "generator": {"type": "string"},
            "version": {"type": ["string", "null"], "description": "the version as git describes it"},
            "date": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}], "description": "the version's date"},
            "coverage": {
                "type": "object",
                "required": ["covered", "total", "uncovered"],
                "additionalProperties": False,
                "properties": {
                    "covered": {"type": "integer", "minimum": 0},
                    "total": {"type": "integer", "minimum": 0},
                    "uncovered": {"type": "array", "items": {"$ref": "#/$defs/id"}},
                },
            },
            "objects": {"type": "array", "items": {"$ref": "#/$defs/object"}},
        },
        "$defs": {
            "id": _ID,
            "date": _DATE,
            "milestone": {
                "type": "object",
                "required": ["date", "label"],
                "additionalProperties": False,
                "properties": {"date": {"$ref": "#/$defs/date"}, "label": {"type": "string", "minLength": 1}},
            },
            "object": {
                "type": "object",
                "required": ["kind", "id", "key", "title", "path", "line", "text"],
                "properties": {
                    "kind": {"enum": kinds},
                    "id": {
                        "$ref": "#/$defs/id",
                        "description": "the object's ID; for a response or an assessment, the "
                        "recommendation it is about; for an evaluation, the AI system",
                    },
                    "key": {"type": "string", "description": "unique in a well-formed project"},
                    "title": {"type": "string"},
                    "path": {"type": "string", "description": "source file, relative to the project root"},
                    "line": {"type": "integer", "minimum": 0},
                    "text": {"type": "string", "description": "the body, as MyST Markdown"},
                },
                "allOf": per_kind,
                # Options are declared per kind above: any other property is a mistake.
                "unevaluatedProperties": False,
            },
        },
    }


#: The language of the shipped schema's titles: that of the published example data.
SCHEMA_LANGUAGE = "fr"


def schema_text() -> str:
    """The schema as the shipped file spells it (titles in :data:`SCHEMA_LANGUAGE`)."""
    with i18n.language(SCHEMA_LANGUAGE):
        return json.dumps(build_schema(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@lru_cache(maxsize=1)
def shipped_schema() -> str:
    """The text of the ``schema.json`` shipped with the package."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
