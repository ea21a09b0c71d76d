"""Typed option values to plain data (JSON) and back to the text authors write (CSV, reports).

One place decides how a date, an ID list or a milestone list is spelled outside
Python, so the export, the diff and the feed agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Milestone

#: Separators of the authoring syntax (DESIGN.md): ID lists with commas, milestones with semicolons.
ID_SEPARATOR = ", "
MILESTONE_SEPARATOR = " ; "


def plain(value: object) -> object:
    """A JSON-ready form: ISO dates, lists for tuples, ``{date, label}`` for milestones."""
    if isinstance(value, Milestone):
        return {"date": value.date.isoformat(), "label": value.label}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        # A weight written "2" is read as 2.0; print it back as the author wrote it.
        return int(value)
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


def as_text(value: object) -> str:
    """The authoring spelling of a value: ``R-01, R-02``, ``2025-01-15 Lancement ; …``, ``2``."""
    if value is None:
        return ""
    if isinstance(value, bool):  # the register's yes/no options
        return "yes" if value else "no"
    if isinstance(value, Milestone):
        return f"{value.date.isoformat()} {value.label}"
    if isinstance(value, tuple | list):
        items: Sequence[object] = value
        separator = MILESTONE_SEPARATOR if items and isinstance(items[0], Milestone) else ID_SEPARATOR
        return separator.join(as_text(item) for item in items)
    return str(plain(value))
