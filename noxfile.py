"""Every task a person or CI runs: ``nox -s NAME`` (``nox -l`` lists them)."""

from __future__ import annotations

import shutil
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
NOT_THE_SITE = (".git", ".nox", ".venv", "_build", "tests", "tools", "benchmarks")
# The live preview: the same sources and configuration, served on the loopback interface and rebuilt
# (incrementally) on every save. No -W: a warning shows in the terminal while the author writes; CI fails on it.
PREVIEW = [
    "sphinx-autobuild", "-c", "docs", "--keep-going", "-q",
    "--host", "127.0.0.1", "--port", "8000",
    # Folders that are not the site (relative to the repository root), and editors' temporary files.
    *(arg for folder in NOT_THE_SITE for arg in ("--ignore", folder)),
    "--re-ignore", r"(__pycache__|\.pytest_cache|\.sw[a-p]$|~$|\.#)",
    ".", f"{BUILD}/preview",
]  # fmt: skip


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
def preview(session: nox.Session) -> None:
    """Live preview of the site at http://127.0.0.1:8000, rebuilt on every save (`-- --port N` to change)."""
    # sphinx-autobuild is for this session only: neither the site build nor CI needs it.
    session.install("-e", ".[site]", "sphinx-autobuild")
    session.run(*PREVIEW, *session.posargs, env=_source_date_env())


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
    """Time the tools on generated projects (see benchmarks/)."""
    session.install("-e", ".[lsp]")
    session.run("python", "benchmarks/run.py", *session.posargs)


def _source_date_env() -> dict[str, str]:
    """``SOURCE_DATE_EPOCH`` for reproducible builds: as set, else the last commit's time.

    Sphinx (copyright year) and XeTeX (the PDF's dates and ID) read it, so two builds
    of one commit agree whatever the machine's clock says.
    """
    stamp = source_timestamp(Path.cwd())
    return {"SOURCE_DATE_EPOCH": str(stamp)} if stamp is not None else {}


def _build_pdf(session: nox.Session, *sphinx_args: str) -> list[Path]:
    """LaTeX with Sphinx, then PDF with latexmk (xelatex); return the PDFs in _build/pdf."""
    latex, pdf = Path(BUILD, "latex"), Path(BUILD, "pdf")
    env = _source_date_env()
    # One PDF per .tex Sphinx writes (latex_documents in docs/conf.py): clear old ones first.
    for stale in latex.glob("*.tex"):
        stale.unlink()
    session.run(*SPHINX, "-b", "latex", ".", str(latex), *sphinx_args, env=env)
    pdf.mkdir(parents=True, exist_ok=True)
    built = []
    for tex in sorted(latex.glob("*.tex")):
        # Sphinx's latexmkrc (written next to the .tex) makes `-pdf` run xelatex.
        with session.chdir(latex):
            session.run(
                "latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error",
                tex.name, external=True, silent=True, env=env,
            )  # fmt: skip
        target = pdf / f"{tex.stem}.pdf"
        shutil.copyfile(latex / target.name, target)
        built.append(target)
    if not built:
        session.error("Sphinx wrote no .tex file: is latex_documents set in docs/conf.py?")
    session.log("PDF: " + ", ".join(map(str, built)))
    return built


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the PDF (LaTeX, xelatex) into _build/pdf."""
    session.install("-e", ".")
    _build_pdf(session, *session.posargs)


@nox.session
def site(session: nox.Session) -> None:
    """The published site: the PDF into _build/pdf, then the HTML into _build/html, linking to the PDF."""
    session.install("-e", ".[site]")
    pdfs = _build_pdf(session)
    # The HTML build copies this PDF into the site and links to it from every page.
    session.run(
        *SPHINX, "-b", "html", "-D", f"civitrace_pdf={pdfs[0].as_posix()}", ".", f"{BUILD}/html",
        env=_source_date_env(),
    )  # fmt: skip
