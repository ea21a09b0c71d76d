"""Every task a person or CI runs: ``nox -s NAME`` (``nox -l`` lists them)."""

from __future__ import annotations

import sys
from pathlib import Path

import nox

# The same rule as the site's (SOURCE_DATE_EPOCH, else the last commit): the package's own
# module, loaded from the source tree since nox itself runs outside the package's environment.
sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
from civitrace.source_date import source_timestamp

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["check", "html"]

BUILD = "_build"
# The Sphinx source folder is the repository root (opinion/, strategy/, docs/); conf.py lives in docs/.
SPHINX = ["sphinx-build", "-c", "docs", "-W", "--keep-going", "-q"]


@nox.session
def check(session: nox.Session) -> None:
    """Check traceability of the example: `civitrace check`."""
    session.install("-e", ".")
    session.run("civitrace", "check", ".", *session.posargs)


@nox.session
def html(session: nox.Session) -> None:
    """Build the HTML site into _build/html."""
    session.install("-e", ".[site]")
    session.run(*SPHINX, "-b", "html", ".", f"{BUILD}/html", *session.posargs, env=_source_date_env())


@nox.session
def graph(session: nox.Session) -> None:
    """Draw the diagrams for print into _build/graph: the overview and one per principle (PDF)."""
    session.install("-e", ".")
    args = session.posargs or ["--split", f"{BUILD}/graph", "--format", "pdf"]
    session.run("civitrace", "graph", ".", *args, env=_source_date_env())


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff: lint and formatting."""
    session.install("ruff")
    session.run("ruff", "check", "tools", "tests", "noxfile.py", "benchmarks")
    session.run("ruff", "format", "--check", "tools", "tests", "noxfile.py", "benchmarks")


@nox.session
def benchmark(session: nox.Session) -> None:
    """Time the tools on generated projects, and the site against sphinx-needs on one strategy (see benchmarks/)."""
    # sphinx-needs is the benchmark's yardstick only: never a dependency of civitrace.
    # (the pdf extra: the extension loads its PDF builder, whose modules import WeasyPrint's)
    session.install("-e", ".[pdf]", "sphinx-needs==9.1.0")
    session.run("python", "benchmarks/run.py", *session.posargs)


def _source_date_env() -> dict[str, str]:
    """``SOURCE_DATE_EPOCH`` for reproducible builds: as set, else the last commit's time.

    Sphinx (copyright year, the PDF's cover and metadata) reads it, so two builds of
    one commit agree whatever the machine's clock says.
    """
    stamp = source_timestamp(Path.cwd())
    return {"SOURCE_DATE_EPOCH": str(stamp)} if stamp is not None else {}


PDF = Path(BUILD, "pdf", "civitrace.pdf")
REPORT = Path(BUILD, "bilan")
#: Shown at the top of the yearly report (the example's `author` in docs/conf.py).
COLLECTIVITY = "Montpellier Méditerranée Métropole"


def _build_pdf(session: nox.Session, *sphinx_args: str) -> Path:
    """The tagged PDF of the site (civitrace-pdf builder: HTML for print, then WeasyPrint) in _build/pdf."""
    session.run(*SPHINX, "-b", "civitrace-pdf", ".", str(PDF.parent), *sphinx_args, env=_source_date_env())
    session.log(f"PDF: {PDF}")
    return PDF


def _build_report(session: nox.Session, *args: str) -> Path:
    """The yearly report (PDF and Markdown) into _build/bilan."""
    session.run(
        "civitrace", "bilan", ".", "-o", str(REPORT), "--lang", "fr", "--collectivity", COLLECTIVITY, *args,
        env=_source_date_env(),
    )  # fmt: skip
    return REPORT / "bilan.pdf"


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the tagged PDF (PDF/UA-1, WeasyPrint) into _build/pdf."""
    session.install("-e", ".[pdf]")
    _build_pdf(session, *session.posargs)


@nox.session
def bilan(session: nox.Session) -> None:
    """The yearly report to the council: _build/bilan/bilan.pdf and bilan.md (``--version TAG`` to choose)."""
    session.install("-e", ".[pdf]")
    _build_report(session, *session.posargs)


@nox.session
def site(session: nox.Session) -> None:
    """The published site: the PDF and the yearly report, then the HTML into _build/html, linking to both."""
    session.install("-e", ".[site]")
    pdf_file = _build_pdf(session)
    report = _build_report(session)
    # The HTML build copies these PDFs into the site and links to them from every page.
    session.run(
        *SPHINX, "-b", "html", "-D", f"civitrace_pdf={pdf_file.as_posix()}",
        "-D", f"civitrace_report_pdf={report.as_posix()}", ".", f"{BUILD}/html",
        env=_source_date_env(),
    )  # fmt: skip
