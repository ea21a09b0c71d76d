"""The ``civitrace-pdf`` builder: the whole site as one tagged, accessible PDF (PDF/UA-1).

``sphinx-build -b civitrace-pdf . _build/pdf`` (``nox -s pdf``) writes the site as
one HTML page laid out for print — a cover with the version and date from git,
a table of contents with page numbers, then every page of the toctree — and
WeasyPrint turns it into ``_build/pdf/<civitrace_pdf_name>.pdf``
(:mod:`civitrace.pdf.writer`).

Why WeasyPrint rather than LaTeX: Sphinx's LaTeX cannot be tagged (no hook for
``\\DocumentMetadata``, packages it loads are incompatible with the LaTeX tagging
code, and Debian 12's TeX predates it), while WeasyPrint writes PDF/UA from the
same HTML, CSS and SVG as the site, and needs Pango and fonts instead of a TeX
distribution.

On paper, ``{only} html`` content (the authors' guide) is left out: the builder
drops the ``html`` tag and sets ``pdf``. Renderers ask :func:`.paper.is_paper`
for what differs on paper (diagrams as images, text versions written out, no
links beside the file).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.config import Config
from sphinx.util import logging

from ..i18n import _
from ..pdf.writer import PdfError, document_language, running_header, write_pdf
from .publishing import Publication, publication

logger = logging.getLogger(__name__)

THEME = "civitrace-print"
THEME_DIR = Path(__file__).resolve().parent.parent / "themes" / THEME


class PrintBuilder(SingleFileHTMLBuilder):
    """One HTML page for print, then a PDF/UA file with WeasyPrint."""

    name = "civitrace-pdf"
    epilog = "The PDF is in %(outdir)s."
    civitrace_paper = True  # see paper.is_paper
    search = False
    copysource = False

    def init(self) -> None:
        # `{only} html` is the site's: on paper it is left out; `{only} pdf` is kept.
        if self.tags.has("html"):
            self.tags.remove("html")
        self.tags.add("pdf")
        super().init()

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        """Always the print theme: the site's theme is for screens."""
        return THEME, {}

    def assemble_doctree(self) -> nodes.document:
        tree = super().assemble_doctree()
        _unique_ids(tree)
        _links_for_paper(tree, str(getattr(self.config, "html_baseurl", "") or ""))
        _mark_parts(tree)
        self._civitrace_tree = tree
        return tree

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        context = super().get_doc_context(docname, body, metatags)
        context["civitrace_print"] = print_context(self.config, publication(self.srcdir))
        tree = getattr(self, "_civitrace_tree", None)
        context["toc"] = contents(tree) if tree is not None else ""
        context["display_toc"] = bool(context["toc"])
        return context

    def finish(self) -> None:
        super().finish()
        html_file = Path(self.outdir) / f"{self.config.root_doc}{self.out_suffix}"
        target = Path(self.outdir) / f"{self.config.civitrace_pdf_name}.pdf"
        context = print_context(self.config, publication(self.srcdir))

        def warn(message: str) -> None:
            logger.warning("PDF: %s", message, type="civitrace", subtype="pdf")

        try:
            result = write_pdf(
                html_file,
                target,
                extra_css=running_header(context["running_title"], context["version_text"]),
                warn=warn,
            )
        except PdfError as exc:
            logger.warning("PDF: %s", exc, type="civitrace", subtype="pdf")
            return
        logger.info("PDF: %s (%d pages)", target, result.pages)


def print_context(config: Config, info: Publication) -> dict[str, Any]:
    """What the print theme shows: cover, metadata, running header; from conf.py and git."""
    title = config.civitrace_pdf_title or config.project
    date_iso = dt.datetime.combine(info.date, dt.time(), tzinfo=dt.UTC).isoformat() if info.date else ""
    return {
        "lang": document_language(config.language),
        "collectivity": config.author or "",
        "title": title,
        "subtitle": config.civitrace_pdf_subtitle or "",
        "running_title": config.civitrace_pdf_running_title or title,
        "version_text": info.version_text,
        "date_line": _("Last changed on {date}").format(date=info.date_text) if info.date else "",
        "date_iso": date_iso,
        "produced": _("Document produced with civitrace from the sources published online."),
        "contents": _("Contents"),
    }


def contents(tree: nodes.document, depth: int = 3) -> str:
    """The table of contents of the assembled document: its sections to ``depth`` levels under the root's title.

    Built from the page itself (rather than Sphinx's toctree), so that it lists exactly
    what the PDF holds and links to anchors of this page.
    """
    root = next(iter(tree.findall(nodes.section)), None)
    return _contents_list(root, depth) if root is not None else ""


def _child_sections(section: nodes.Element) -> list[nodes.section]:
    found: list[nodes.section] = []
    for child in section.children:
        if isinstance(child, nodes.section):
            found.append(child)
        elif isinstance(child, nodes.Element):
            found.extend(_child_sections(child))
    return found


def _contents_list(section: nodes.Element, depth: int) -> str:
    children = _child_sections(section)
    if not children or depth <= 0:
        return ""
    items = []
    for child in children:
        title = next(iter(child.findall(nodes.title)), None)
        if title is None or not child["ids"]:
            continue
        text = html.escape(title.astext())
        link = f'<a href="#{html.escape(child["ids"][0], quote=True)}">{text}</a>'
        items.append(f"<li>{link}{_contents_list(child, depth - 1)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _unique_ids(tree: nodes.document) -> None:
    """One page holds every document: a section ID used by two documents gets a suffix the second time.

    (Links to such an ID land on its first use, as in Sphinx's own single-page build.)
    """
    seen: set[str] = set()
    for node in tree.findall(nodes.Element):
        ids = node.get("ids")
        if not ids:
            continue
        renamed = []
        for identifier in ids:
            candidate, count = identifier, 1
            while candidate in seen:
                count += 1
                candidate = f"{identifier}-{count}"
            seen.add(candidate)
            renamed.append(candidate)
        node["ids"] = renamed


def _links_for_paper(tree: nodes.document, base_url: str) -> None:
    """Links fit for a PDF that travels alone.

    Every document is on this one page, so ``#document-strategy/index#quatre-axes``
    becomes ``#quatre-axes``. A link to a page left out of the PDF (the authors'
    guide) or to a file beside the site is made absolute from ``html_baseurl``, or
    written as plain text when the site's address is not known: a relative link
    would point into whoever's folder holds the file.
    """
    anchors = {identifier for node in tree.findall(nodes.Element) for identifier in node.get("ids", [])}
    anchors |= {f"document-{node['docname']}" for node in tree.findall(addnodes.start_of_file)}
    anchors.add(f"document-{tree.get('docname', '')}")
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if not uri or urlsplit(uri).scheme:
            continue
        if uri.startswith("#"):
            page, _sep, anchor = uri[1:].partition("#")
            local = anchor or page
            if local in anchors:
                ref["refuri"] = f"#{local}"
                continue
            uri = page.removeprefix("document-") + ".html" + (f"#{anchor}" if anchor else "")
        if base_url:
            ref["refuri"] = urljoin(base_url, uri)
        else:
            ref.replace_self(nodes.inline("", "", *ref.children))


def _mark_parts(tree: nodes.document) -> None:
    """The root document's top sections (opinion, strategy, follow-up…) each start a page."""
    root = next(iter(tree.findall(nodes.section)), None)
    if root is None:
        return
    for section in root.findall(nodes.section, include_self=False):
        parent = section.parent
        while parent is not None and not isinstance(parent, nodes.section):
            parent = parent.parent
        if parent is root:
            section["classes"].append("civitrace-part")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the print theme, the ``civitrace-pdf`` builder and its settings."""
    app.add_config_value("civitrace_pdf_title", "", "html", types=frozenset({str}))
    app.add_config_value("civitrace_pdf_subtitle", "", "html", types=frozenset({str}))
    app.add_config_value("civitrace_pdf_running_title", "", "html", types=frozenset({str}))
    app.add_config_value("civitrace_pdf_name", "civitrace", "html", types=frozenset({str}))
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(PrintBuilder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
