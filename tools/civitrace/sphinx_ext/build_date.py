"""The one date a build judges lateness against.

``civitrace_as_of`` in conf.py (or ``-D civitrace_as_of=YYYY-MM-DD``) states it;
otherwise it is the date of the version being built, never the clock of the
machine, so two builds of one commit show the same pages.
"""

from __future__ import annotations

import datetime as dt

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import source_date
from ..fields import parse_date

logger = logging.getLogger(__name__)


def build_date(app: Sphinx) -> dt.date:
    """``civitrace_as_of`` if set and valid, else the source date of the project."""
    stated = app.config.civitrace_as_of
    if isinstance(stated, dt.date):
        return stated
    if stated:
        try:
            return parse_date(str(stated).strip())
        except ValueError:
            logger.warning(
                "civitrace_as_of: '%s' is not a date of the form YYYY-MM-DD; using the source date",
                stated,
                type="civitrace",
                subtype="config",
            )
    return source_date.source_date(app.srcdir)


def setup(app: Sphinx) -> None:
    """Register ``civitrace_as_of``: changing it rewrites the pages, not the environment."""
    app.add_config_value("civitrace_as_of", None, "", types=frozenset({str, dt.date, type(None)}))
