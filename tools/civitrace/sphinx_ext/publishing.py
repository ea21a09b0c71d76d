"""Publishing: the version and date a site shows, the link to its PDF, and reproducible HTML.

Every page's footer says which version of the sources it shows and when they last
changed (``Version v1.2 — dernière modification le 3 mars 2025``), and links to the
PDF when the build was given one (``-D civitrace_pdf=_build/pdf/civitrace.pdf``, as
``nox -s site`` does). Both come from git (or ``SOURCE_DATE_EPOCH``), never from the
clock, so that two builds of one commit are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import source_date
from ..i18n import _
from ..vocabulary import french_date

logger = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent.parent
#: Where the footer template lives: appended to ``templates_path``, so a project's own templates win.
TEMPLATES = _PACKAGE / "templates"
#: The LaTeX package laying out diagrams (``\civitraceGraph``), copied next to the .tex file.
LATEX_PACKAGE = "civitrace-publishing"
LATEX_PACKAGE_FILE = _PACKAGE / "static" / f"{LATEX_PACKAGE}.sty"

UNTRACKED_VERSION = "version non suivie"


@dataclass(frozen=True)
class Publication:
    """What a published version says about itself."""

    version: str  # ``git describe`` output, or "version non suivie"
    date: dt.date | None  # of the last change; None when unknown (never the clock's)

    @property
    def date_text(self) -> str:
        """The date in French, or an empty string when unknown."""
        return french_date(self.date) if self.date else ""

    @property
    def tracked(self) -> bool:
        """Whether the version comes from git."""
        return self.version != UNTRACKED_VERSION

    @property
    def release(self) -> str:
        """What follows "Version": the git version, or "non suivie" outside git."""
        return self.version if self.tracked else "non suivie"

    @property
    def version_text(self) -> str:
        """``Version X``, or ``Version non suivie`` outside git."""
        return f"Version {self.release}"

    @property
    def summary(self) -> str:
        """``Version X — dernière modification le JJ mois AAAA`` (without the date when unknown)."""
        text = self.version_text
        return f"{text} — dernière modification le {self.date_text}" if self.date else text


def publication(root: Path | str) -> Publication:
    """The version and date of the sources under ``root``, from SOURCE_DATE_EPOCH and git."""
    stamp = source_date.source_timestamp(root)
    day = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date() if stamp is not None else None
    return Publication(source_date.version_label(root) or UNTRACKED_VERSION, day)


def _pdf_source(app: Sphinx) -> Path | None:
    """The PDF the build was asked to publish, resolved against the source folder."""
    value = str(app.config.civitrace_pdf or "").strip()
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
    sty = _relative_to_conf(app, LATEX_PACKAGE_FILE)
    if sty not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, sty]
    info = publication(app.srcdir)
    app.civitrace_publication = info  # type: ignore[attr-defined]
    # `|today|` and LaTeX's \date would otherwise read the clock.
    if not config.today and info.date:
        config.today = info.date_text


def _on_builder_inited(app: Sphinx) -> None:
    # The PDF's running header reads "Version <release>": give it the version from git
    # ("non suivie" outside git), for the LaTeX builder only, so that the site's title
    # stays the project's own.
    info: Publication = app.civitrace_publication  # type: ignore[attr-defined]
    context = getattr(app.builder, "context", None)
    if app.builder.format == "latex" and isinstance(context, dict) and not context.get("release"):
        context["release"] = info.release


def _on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    info: Publication = app.civitrace_publication  # type: ignore[attr-defined]
    context["civitrace_publication"] = info.summary
    context["civitrace_version"] = info.version
    context["civitrace_date"] = info.date_text
    pdf = _pdf_source(app)
    context["civitrace_pdf"] = pdf.name if pdf else ""
    context["civitrace_pdf_label"] = _("Download the PDF")
    statement = app.config.civitrace_accessibility
    found = statement and statement in app.env.found_docs
    context["civitrace_accessibility"] = app.builder.get_relative_uri(pagename, statement) if found else ""
    context["civitrace_accessibility_label"] = _("Accessibility: partially compliant")
    # Sphinx stamps "last updated" with the build's clock unless SOURCE_DATE_EPOCH is
    # set; show the date of the sources instead (or nothing, never the clock).
    if context.get("last_updated"):
        context["last_updated"] = info.date_text or None


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On paper, civitrace's tables (the matrix, the summary) break across pages.

    Sphinx sets short tables in ``tabulary``, which cannot break, and guesses column
    widths; a matrix row may hold many measures, so use ``longtable`` (its header is
    repeated on each page) with the widths the table states, ragged right: justified
    text in narrow columns leaves wide gaps between words.
    """
    if app.builder.format != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        if "civitrace-table" not in table["classes"]:
            continue
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        widths = [spec.get("colwidth") for spec in table.findall(nodes.colspec)]
        if widths and all(widths) and isinstance(table.parent, nodes.Element):
            total = sum(widths)
            columns = "".join(rf">{{\RaggedRight\arraybackslash}}\X{{{w}}}{{{total}}}" for w in widths)
            table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=columns))


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    pdf = _pdf_source(app)
    if exception is not None or pdf is None or app.builder.format != "html":
        return
    if not pdf.is_file():
        logger.warning("civitrace_pdf: no PDF at %s (build it first: nox -s pdf)", pdf, type="civitrace")
        return
    shutil.copyfile(pdf, Path(app.outdir) / pdf.name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the publishing hooks (called from the civitrace Sphinx extension)."""
    # Its words (the footer's links) follow the project's language, even when loaded on its own.
    app.setup_extension("civitrace.sphinx_ext.language")
    app.add_config_value("civitrace_pdf", "", "html", types=frozenset({str}))
    # The accessibility statement (RGAA asks every page to link to it, with the conformance status).
    app.add_config_value("civitrace_accessibility", "", "html", types=frozenset({str}))
    app.add_latex_package(LATEX_PACKAGE)
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", _on_html_page_context)
    # After the civitrace placeholders became tables (resolve.py, default priority 500).
    app.connect("doctree-resolved", _on_doctree_resolved, priority=600)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
