"""Publishing: the version and date a site shows, the link to its PDF, and reproducible HTML.

Every page's footer says which version of the sources it shows and when they last
changed (``Version v1.2 — dernière modification le 3 mars 2025``), and links to the
PDF and to the yearly report when the build was given them
(``-D civitrace_pdf=_build/pdf/civitrace.pdf -D civitrace_report_pdf=_build/bilan/bilan.pdf``,
as ``nox -s site`` does). Both come from git (or ``SOURCE_DATE_EPOCH``), never from the
clock, so that two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import source_date
from ..i18n import _, set_language
from ..vocabulary import long_date
from .paper import is_paper

logger = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent.parent
#: Where the footer template lives: appended to ``templates_path``, so a project's own templates win.
TEMPLATES = _PACKAGE / "templates"

UNTRACKED_VERSION = "version non suivie"


@dataclass(frozen=True)
class Publication:
    """What a published version says about itself."""

    version: str  # ``git describe`` output, or "version non suivie"
    date: dt.date | None  # of the last change; None when unknown (never the clock's)

    @property
    def date_text(self) -> str:
        """The date in the current language, or an empty string when unknown."""
        return long_date(self.date) if self.date else ""

    @property
    def tracked(self) -> bool:
        """Whether the version comes from git."""
        return self.version != UNTRACKED_VERSION

    @property
    def release(self) -> str:
        """What follows "Version": the git version, or "non suivie" outside git."""
        return self.version if self.tracked else _("untracked")

    @property
    def version_text(self) -> str:
        """``Version X``, or ``Version non suivie`` outside git."""
        return _("Version {version}").format(version=self.release)

    @property
    def summary(self) -> str:
        """``Version X — dernière modification le JJ mois AAAA`` (without the date when unknown)."""
        text = self.version_text
        return _("{version} — last changed on {date}").format(version=text, date=self.date_text) if self.date else text


def publication(root: Path | str) -> Publication:
    """The version and date of the sources under ``root``, from SOURCE_DATE_EPOCH and git."""
    stamp = source_date.source_timestamp(root)
    day = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date() if stamp is not None else None
    return Publication(source_date.version_label(root) or UNTRACKED_VERSION, day)


#: The PDFs a site may publish beside its pages: setting name, and the session that builds it.
PUBLISHED_PDFS = {"civitrace_pdf": "nox -s pdf", "civitrace_report_pdf": "nox -s bilan"}


def _pdf_source(app: Sphinx, setting: str = "civitrace_pdf") -> Path | None:
    """The PDF the build was asked to publish (``setting``), resolved against the source folder."""
    value = str(getattr(app.config, setting, "") or "").strip()
    return (Path(app.srcdir) / value) if value else None


def _relative_to_conf(app: Sphinx, path: Path) -> str:
    """``path`` relative to the conf.py folder: Sphinx hashes these settings into
    ``.buildinfo``, which must not depend on where the project is checked out."""
    try:
        return os.path.relpath(path, app.confdir)
    except ValueError:  # another drive (Windows)
        return str(path)


def _on_config_inited(app: Sphinx, config: Config) -> None:
    # New lists: the default ones may be shared by every Sphinx app of the process.
    templates = _relative_to_conf(app, TEMPLATES)
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]
    # The words civitrace adds to pages (footer, PDF cover) follow the project's language.
    set_language(config.language)
    info = publication(app.srcdir)
    app.civitrace_publication = info  # type: ignore[attr-defined]
    # `|today|` would otherwise read the clock.
    if not config.today and info.date:
        config.today = info.date_text


def _on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    info: Publication = app.civitrace_publication  # type: ignore[attr-defined]
    context["civitrace_publication"] = info.summary
    context["civitrace_version"] = info.version
    context["civitrace_date"] = info.date_text
    for setting in PUBLISHED_PDFS:
        pdf = _pdf_source(app, setting)
        context[setting] = pdf.name if pdf else ""
    context["civitrace_report_label"] = _("Download the yearly report (PDF)")
    context["civitrace_pdf_label"] = _("Download the PDF")
    statement = app.config.civitrace_accessibility
    found = statement and statement in app.env.found_docs
    context["civitrace_accessibility"] = app.builder.get_relative_uri(pagename, statement) if found else ""
    context["civitrace_accessibility_label"] = _("Accessibility: partially compliant")
    # Sphinx stamps "last updated" with the build's clock unless SOURCE_DATE_EPOCH is
    # set; show the date of the sources instead (or nothing, never the clock).
    if context.get("last_updated"):
        context["last_updated"] = info.date_text or None


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or is_paper(app.builder):
        return
    for setting, session in PUBLISHED_PDFS.items():
        pdf = _pdf_source(app, setting)
        if pdf is None:
            continue
        if not pdf.is_file():
            logger.warning("%s: no PDF at %s (build it first: %s)", setting, pdf, session, type="civitrace")
            continue
        shutil.copyfile(pdf, Path(app.outdir) / pdf.name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the publishing hooks (called from the civitrace Sphinx extension)."""
    # Its words (the footer's links) follow the project's language, even when loaded on its own.
    app.setup_extension("civitrace.sphinx_ext.language")
    for setting in PUBLISHED_PDFS:
        app.add_config_value(setting, "", "html", types=frozenset({str}))
    # The accessibility statement (RGAA asks every page to link to it, with the conformance status).
    app.add_config_value("civitrace_accessibility", "", "html", types=frozenset({str}))
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
