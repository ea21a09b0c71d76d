"""Figures and values in words, the same for every renderer: the site, the PDF, the yearly report.

No Sphinx here: the dashboard (``sphinx_ext/render_dashboard.py``) and the yearly
report (``report/``) both write their figures with these functions, so they say
the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt

from .i18n import _
from .model import TraceObject, is_late
from .vocabulary import GRADE_LABELS, LATE_LABEL, PAGE_LABELS, STATUS_LABELS


def percent(value: int | float) -> str:
    """``70 %`` (French puts a non-breaking space before the sign)."""
    return f"{value:g}\u00a0%"


def rate(part: int, whole: int) -> str:
    """``85 %``, or a dash when there is nothing to count."""
    return percent(round(100 * part / whole)) if whole else "—"


def progress_text(value: float | None) -> str:
    """A progress figure as the dashboard writes it beside its bar: ``42 %``, or a dash."""
    return "—" if value is None else percent(round(value))


def grade(value: int) -> str:
    """A majority-judgment grade: ``4 — bien``."""
    label = GRADE_LABELS.get(value)
    return f"{value} — {label}" if label else str(value)


def status_text(measure: TraceObject) -> str:
    """A measure's status in the current language, or "non renseigné"."""
    status = measure.get("status")
    return STATUS_LABELS.get(str(status), str(status)) if status else PAGE_LABELS["no_status"]


def measure_state(measure: TraceObject, as_of: dt.date) -> str:
    """``en cours``, or ``en cours, en retard`` when late at ``as_of``."""
    state = status_text(measure)
    if is_late(measure, as_of) and state != _(LATE_LABEL):
        state += f", {_(LATE_LABEL)}"
    return state
