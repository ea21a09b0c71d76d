"""The LaTeX Sphinx writes for the PDF: cover, version in the header, breakable tables.

These run Sphinx's LaTeX builder only (no xelatex), on a small project; the full PDF
of the example is tested in test_publishing_pdf.py.
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from helpers import VALID, write_project
from helpers import git as run_git

pytestmark = pytest.mark.sphinx

COMMIT_TIME = "2024-03-01T10:00:00+00:00"
CONF = """
from pathlib import Path
from civitrace.sphinx_ext.latex_settings import latex_elements as _elements
from civitrace.sphinx_ext.publishing import publication

project = "Essai"
author = "Ville d'Essai & Agglomération"
language = "fr"
extensions = ["myst_parser", "civitrace"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "essai.tex", "Essai", author, "manual")]
latex_elements = _elements(
    collectivity=author, title="Avis et stratégie", subtitle="Suivi", info=publication(Path(__file__).parent)
)
"""
INDEX = """
# Essai

```{toctree}
opinion/principes
strategy/axe
```

## Matrice

:::{trace-matrix}
:::
"""


git = partial(run_git, date=COMMIT_TIME)


def make_project(root: Path) -> Path:
    write_project(root, {**VALID, "conf.py": CONF, "index.md": INDEX})
    return root


def build_latex(src: Path, out: Path) -> str:
    """Run the LaTeX builder in-process; return the .tex text (warnings fail the test)."""
    warnings = io.StringIO()
    with patch_docutils(src), docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "latex", status=None, warning=warnings, freshenv=True)
        app.build(force_all=True)
    assert warnings.getvalue() == ""
    return (out / "essai.tex").read_text(encoding="utf-8")


@pytest.fixture
def tagged(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = make_project(tmp_path / "src")
    git(src, "init", "-q")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "first")
    git(src, "tag", "v3.1")
    return src


def test_cover_and_header_show_the_version_and_date_from_git(tagged, tmp_path):
    tex = build_latex(tagged, tmp_path / "latex")
    cover = tex[tex.index(r"\begin{titlepage}") : tex.index(r"\end{titlepage}")]
    assert r"Ville d'Essai \& Agglomération" in cover
    assert "Avis et stratégie" in cover
    assert "Version v3.1" in cover
    assert "Dernière modification le 1er mars 2024" in cover
    assert r"\release{v3.1}" in tex  # the running header: "Essai, Version v3.1"
    assert r"\renewcommand{\releasename}{Version}" in tex


def test_outside_git_the_pdf_says_the_version_is_not_tracked(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    src = make_project(tmp_path / "src")
    tex = build_latex(src, tmp_path / "latex")
    assert r"\release{non suivie}" in tex
    assert "Version non suivie" in tex[tex.index(r"\begin{titlepage}") :]
    assert "Dernière modification" not in tex


def test_the_matrix_is_a_long_table_with_ragged_columns(tagged, tmp_path):
    tex = build_latex(tagged, tmp_path / "latex")
    start = tex.index(r"\begin{longtable}")
    spec = tex[start : tex.index("\n", start)]
    assert spec.count(r">{\RaggedRight\arraybackslash}\X{") == 4, spec  # the matrix's four columns
    assert r"\endhead" in tex[start:]  # its header repeats on every page


def test_the_layout_package_is_loaded_and_shipped(tagged, tmp_path):
    out = tmp_path / "latex"
    tex = build_latex(tagged, out)
    assert r"\usepackage{civitrace-publishing}" in tex
    sty = (out / "civitrace-publishing.sty").read_text(encoding="utf-8")
    assert r"\newcommand\civitraceGraph[2]" in sty
