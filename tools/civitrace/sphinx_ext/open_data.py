"""The open data published with the HTML site: JSON, CSV, the JSON Schema and the Atom feed.

Written at ``build-finished`` into the output folder's root, from the model
the site shows and the history read from git. Every byte depends on the
sources and their history only (dates from git or ``SOURCE_DATE_EPOCH``),
so two builds of one commit publish the same files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging

from ..export import inventory
from ..export.atom import FEED_NAME, entries, render_feed
from ..export.schema import shipped_schema
from ..export.tabular import CSV_NAME, JSON_NAME, SCHEMA_NAME, to_csv, to_json
from ..history.versions import VersionHistory
from ..source_date import source_timestamp, version_label
from ..vocabulary import FOLLOWUP_LABELS
from .build_date import build_date
from .domain import civitrace_domain

logger = logging.getLogger(__name__)

#: Every file this module publishes, at the root of the HTML output.
PUBLISHED = (
    JSON_NAME,
    CSV_NAME,
    SCHEMA_NAME,
    FEED_NAME,
    inventory.INVENTORY_CSV,
    inventory.INVENTORY_JSON,
    inventory.INVENTORY_SCHEMA,
)


def _absolute(app: Sphinx, uri: str) -> str:
    """A URI of the site, made absolute with ``html_baseurl`` when the project states it."""
    base = str(getattr(app.config, "html_baseurl", "") or "")
    return urljoin(base.rstrip("/") + "/", uri) if base else uri


def feed_bytes(app: Sphinx, versions: VersionHistory, changes_docname: str | None, as_of: dt.date) -> bytes:
    """The Atom feed: one entry per tagged version and one for the changes since the last tag."""
    config = app.config
    key = str(getattr(config, "html_baseurl", "") or config.project)
    page = _absolute(app, app.builder.get_target_uri(changes_docname)) if changes_docname else None
    base = str(getattr(config, "html_baseurl", "") or "")
    fallback = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    return render_feed(
        entries(versions, key),
        title=FOLLOWUP_LABELS["feed_title"].format(project=config.project),
        feed_key=key,
        updated=fallback,
        author=str(config.author or config.project),
        page_url=page,
        self_url=_absolute(app, FEED_NAME) if base else None,
    )


def write_open_data(app: Sphinx, versions: VersionHistory, changes_docname: str | None) -> None:
    """Write the published files into the HTML output folder."""
    domain = civitrace_domain(app.env)
    project = domain.project()
    stamp = source_timestamp(app.srcdir)
    date = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date().isoformat() if stamp is not None else None
    as_of = domain.as_of or build_date(app)
    out = Path(app.outdir)
    files = {
        JSON_NAME: to_json(project, version_label(app.srcdir), date).encode("utf-8"),
        CSV_NAME: to_csv(project).encode("utf-8"),
        SCHEMA_NAME: shipped_schema().encode("utf-8"),
        FEED_NAME: feed_bytes(app, versions, changes_docname, as_of),
        # the register, as the public inventory of algorithms (CRPA art. L312-1-2)
        inventory.INVENTORY_CSV: inventory.to_csv(project, date).encode("utf-8"),
        inventory.INVENTORY_JSON: inventory.to_json(project, date).encode("utf-8"),
        inventory.INVENTORY_SCHEMA: inventory.shipped_schema().encode("utf-8"),
    }
    for name, data in files.items():
        try:
            (out / name).write_bytes(data)
        except OSError as exc:
            logger.warning("civitrace: cannot write %s: %s", name, exc.strerror, type="civitrace", subtype="export")
