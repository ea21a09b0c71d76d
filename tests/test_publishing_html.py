"""The site shows its version and date from git, and links to its PDF when it has one."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import partial
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from helpers import git as run_git

pytestmark = pytest.mark.sphinx

COMMIT_TIME = "2024-03-01T10:00:00+00:00"
CONF = """
project = "Essai"
language = "fr"
extensions = ["myst_parser", "civitrace.sphinx_ext.publishing"]
html_theme = "furo"
html_last_updated_fmt = "%d/%m/%Y"
exclude_patterns = ["_build"]
"""


git = partial(run_git, date=COMMIT_TIME)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A two-page project in a git repository tagged v3.1, committed on 1 March 2024."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = tmp_path / "src"
    (src / "part").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Accueil\n\n```{toctree}\npart/page\n```\n", encoding="utf-8")
    (src / "part" / "page.md").write_text("# Une page\n\nTexte.\n", encoding="utf-8")
    git(src, "init", "-q")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "first")
    git(src, "tag", "v3.1")
    return src


def build(src: Path, out: Path, **overrides: str) -> str:
    """Build HTML in-process; return the warnings."""
    warnings = io.StringIO()
    # As sphinx-build does: docutils' registries are global, give each build its own.
    with patch_docutils(src), docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "html", confoverrides=overrides, status=None, warning=warnings)
        app.build(force_all=True)
    return warnings.getvalue()


def footer(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<div class="civitrace-publication"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert match, f"no publication footer in {page}"
    return " ".join(match.group(1).split())


def test_every_page_shows_version_and_date_from_git(project, tmp_path):
    out = tmp_path / "html"
    assert build(project, out) == ""
    for page in (out / "index.html", out / "part" / "page.html"):
        text = footer(page)
        assert "Version v3.1 — dernière modification le 1er mars 2024" in text
        assert "PDF" not in text  # no PDF was given to this build


def test_last_updated_is_the_source_date_not_the_clock(project, tmp_path):
    out = tmp_path / "html"
    build(project, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "1er mars 2024" in html.split('class="last-updated"', 1)[1][:200]
    assert dt.date.today().strftime("%d/%m/%Y") not in html


def test_the_site_links_to_its_pdf_from_every_page(project, tmp_path):
    pdf = tmp_path / "pdf" / "essai.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.5 stand-in\n")
    out = tmp_path / "html"
    assert build(project, out, civitrace_pdf=str(pdf)) == ""
    assert (out / "essai.pdf").read_bytes() == pdf.read_bytes()
    for page in (out / "index.html", out / "part" / "page.html"):
        href = re.search(r'<a class="civitrace-pdf" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert href, page
        assert "Télécharger le PDF" in footer(page)
        assert (page.parent / href.group(1)).resolve() == (out / "essai.pdf").resolve()


def test_the_site_links_to_the_yearly_report_too(project, tmp_path):
    pdfs = {}
    for name in ("essai", "bilan"):
        pdfs[name] = tmp_path / "pdf" / f"{name}.pdf"
        pdfs[name].parent.mkdir(exist_ok=True)
        pdfs[name].write_bytes(f"%PDF-1.7 {name}\n".encode())
    out = tmp_path / "html"
    assert build(project, out, civitrace_pdf=str(pdfs["essai"]), civitrace_report_pdf=str(pdfs["bilan"])) == ""
    assert (out / "bilan.pdf").read_bytes() == pdfs["bilan"].read_bytes()
    page = out / "part" / "page.html"
    href = re.search(r'<a class="civitrace-report-pdf" href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert href and (page.parent / href.group(1)).resolve() == (out / "bilan.pdf").resolve()
    assert "Télécharger le bilan annuel (PDF)" in footer(page)


def test_a_missing_pdf_is_a_warning(project, tmp_path):
    warnings = build(project, tmp_path / "html", civitrace_pdf="no/such.pdf")
    assert "civitrace_pdf" in warnings and "no/such.pdf" in warnings


def test_source_date_epoch_sets_the_date(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 7, 14, 12, tzinfo=dt.UTC).timestamp())))
    out = tmp_path / "html"
    build(project, out)
    assert "dernière modification le 14 juillet 2025" in footer(out / "index.html")
