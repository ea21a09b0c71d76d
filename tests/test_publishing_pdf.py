"""The example's PDF: built with Sphinx's LaTeX builder and latexmk (xelatex), as ``nox -s pdf`` does.

The PDF is built once per test session (it takes a while); each test reads it with
poppler's ``pdftotext``, ``pdfimages`` and ``pdfinfo``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from civitrace.reader import read_project
from civitrace.source_date import source_timestamp, version_label
from civitrace.sphinx_ext.publishing import LATEX_PACKAGE_FILE
from civitrace.vocabulary import PAGE_LABELS, french_date

pytestmark = pytest.mark.latex

REPO = Path(__file__).resolve().parent.parent
#: A raster image larger than this (pixels, either side) would be a diagram drawn as a bitmap.
LARGE_RASTER = 300


@dataclass(frozen=True)
class BuiltPdf:
    tex: Path
    pdf: Path
    epoch: int  # the SOURCE_DATE_EPOCH it was built with

    def text(self, *, first: int | None = None, last: int | None = None) -> str:
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        return run(["pdftotext", "-enc", "UTF-8", *pages, str(self.pdf), "-"]).stdout


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=True, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> BuiltPdf:
    """The example built into LaTeX and then into a PDF, once."""
    latex = tmp_path_factory.mktemp("pdf") / "latex"
    # As `nox -s pdf` does: the date of the last commit, unless SOURCE_DATE_EPOCH is set.
    epoch = source_timestamp(REPO) or 1735732800
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    sphinx = [sys.executable, "-m", "sphinx", "-c", "docs", "-W", "--keep-going", "-q", "-b", "latex"]
    done = subprocess.run([*sphinx, str(REPO), str(latex)], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    (tex,) = latex.glob("*.tex")
    done = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=latex,
        env=env,
        capture_output=True,
        text=True,
    )
    log = tex.with_suffix(".log")
    assert done.returncode == 0, (log.read_text(errors="replace") if log.exists() else done.stdout)[-3000:]
    return BuiltPdf(tex, tex.with_suffix(".pdf"), epoch)


def normalized(text: str) -> str:
    """Text as compared: no line-end hyphenation, one kind of apostrophe, no spaces at all.

    pdftotext gives the words back with LaTeX's line breaks, hyphenations and French
    spacing (thin spaces before ``:``), so spaces cannot be compared.
    """
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = re.sub(r"(?<=\w)-\n(?=[a-zà-ÿ])", "", text)
    return re.sub(r"\s+", "", text)


def test_the_cover_shows_collectivity_title_version_and_date(example_pdf):
    cover = " ".join(example_pdf.text(first=1, last=1).split())
    day = dt.datetime.fromtimestamp(example_pdf.epoch, tz=dt.UTC).date()
    assert "Montpellier Méditerranée Métropole" in cover
    assert "Avis de la convention citoyenne sur l'IA" in cover.replace("’", "'")
    assert f"Version {version_label(REPO)}" in cover
    assert f"Dernière modification le {french_date(day)}" in cover


def test_the_pdf_has_a_table_of_contents_in_french(example_pdf):
    contents = example_pdf.text(first=2, last=3)
    assert "Table des matières" in contents
    # The parts of the site are listed (chapter or section titles of the example).
    assert "convention citoyenne" in contents.lower() and "stratégie" in contents.lower()


def test_every_recommendation_id_and_title_is_in_the_pdf(example_pdf):
    text = normalized(example_pdf.text())
    recommendations = read_project(REPO).of_kind("recommendation")
    assert len(recommendations) >= 10
    missing = [f"{r.id} {r.title}" for r in recommendations if normalized(r.id) not in text]
    missing += [f"{r.id} {r.title}" for r in recommendations if normalized(r.title) not in text]
    assert not missing, f"not found in the PDF: {missing}"


def test_the_matrix_and_summary_are_tables_that_break_across_pages(example_pdf, french):
    tex = example_pdf.tex.read_text(encoding="utf-8")
    assert "\\begin{longtable}" in tex
    assert PAGE_LABELS["matrix_title"] in example_pdf.text()


def test_diagrams_are_vector_graphics(example_pdf):
    tex = example_pdf.tex.read_text(encoding="utf-8")
    included = re.findall(
        r"\\(?:civitraceGraph|sphinxincludegraphics|includegraphics)(?:\[[^\]]*\])?\{\{?([^}]+)\}", tex
    )
    assert included, "the PDF has no diagram"
    assert all(name.endswith(".pdf") or name.endswith(".pdf}") for name in included), included
    listing = run(["pdfimages", "-list", str(example_pdf.pdf)]).stdout.splitlines()[2:]
    rasters = [line.split() for line in listing if line.strip()]
    large = [row for row in rasters if int(row[3]) > LARGE_RASTER or int(row[4]) > LARGE_RASTER]
    assert not large, f"raster images in the PDF: {large}"


def test_the_diagram_layout_package_is_loaded(example_pdf):
    assert "\\usepackage{civitrace-publishing}" in example_pdf.tex.read_text(encoding="utf-8")
    assert (example_pdf.tex.parent / "civitrace-publishing.sty").is_file()


def _dot_pdf(path: Path, source: str) -> None:
    subprocess.run(["dot", "-Tpdf", "-o", str(path)], input=source, text=True, check=True)


def test_a_wide_diagram_turns_its_page_and_a_small_one_does_not(tmp_path):
    chain = " -> ".join(f"N{i}" for i in range(16))
    _dot_pdf(tmp_path / "wide.pdf", f"digraph {{ rankdir=LR; node [shape=box]; {chain}; A -> B; C -> D; }}")
    _dot_pdf(tmp_path / "small.pdf", "digraph { node [shape=box]; R1 -> M1; R2 -> M2; }")
    shutil.copy(LATEX_PACKAGE_FILE, tmp_path)
    (tmp_path / "doc.tex").write_text(
        "\\documentclass[a4paper]{article}\n\\usepackage{civitrace-publishing}\n\\begin{document}\n"
        "Avant.\n\n\\civitraceGraph{wide.pdf}{Schéma large}\n\n\\civitraceGraph{small.pdf}{Schéma petit}\n\n"
        "Après.\n\\end{document}\n",
        encoding="utf-8",
    )
    run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp_path)
    pdf = str(tmp_path / "doc.pdf")
    pages = int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout, re.MULTILINE).group(1))
    turned = {
        page
        for page in range(1, pages + 1)
        if re.search(r"rot:\s+(90|270)", run(["pdfinfo", "-f", str(page), "-l", str(page), pdf]).stdout)
    }
    text = {page: run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"]).stdout for page in range(1, pages + 1)}
    assert [page for page in text if "Schéma large" in text[page]] == sorted(turned)
    assert len(turned) == 1
    assert all(page not in turned for page in text if "Schéma petit" in text[page])
    # The text around the wide diagram is not left on a half-empty page: it flows on.
    assert "Après" in text[min(text)]


def test_the_pdf_metadata_names_it_and_dates_it_from_the_sources(example_pdf):
    info = run(["pdfinfo", "-isodates", str(example_pdf.pdf)], env={**os.environ, "TZ": "UTC"}).stdout
    assert "A4" in info
    assert re.search(r"^Title:\s+Avis de la convention citoyenne", info, re.MULTILINE), info
    assert re.search(r"^Author:\s+Montpellier Méditerranée Métropole", info, re.MULTILINE), info
    # xdvipdfmx dates the PDF from SOURCE_DATE_EPOCH, not from the clock.
    stamp = dt.datetime.fromtimestamp(example_pdf.epoch, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    assert re.search(rf"^CreationDate:\s+{stamp}", info, re.MULTILINE), info


def test_no_character_is_missing_from_the_fonts(example_pdf):
    # XeTeX drops a character its font lacks, with only a line in the log: the text would be wrong.
    log = example_pdf.tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    missing = sorted({line for line in log.splitlines() if line.startswith("Missing character")})
    assert not missing, missing
