"""Every task a person or CI runs: ``nox -s NAME`` (``nox -l`` lists them).

The sessions install what ``requirements.txt`` lists (civitrace and the site's theme).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["check", "html"]

BUILD = "_build"
# The Sphinx source folder is the project root (opinion/, strategy/, docs/); conf.py lives in docs/.
SPHINX = ["sphinx-build", "-c", "docs", "-W", "--keep-going", "-q"]
REQUIREMENTS = "requirements.txt"


@nox.session
def check(session: nox.Session) -> None:
    """Check traceability, the AI register's doctrine and the adopted text: `civitrace check`."""
    session.install("-r", REQUIREMENTS)
    session.run("civitrace", "check", ".", *session.posargs)


@nox.session
def html(session: nox.Session) -> None:
    """Build the HTML site into _build/html."""
    session.install("-r", REQUIREMENTS)
    session.run(*SPHINX, "-b", "html", ".", f"{BUILD}/html", *session.posargs, env=_source_date_env(session))


@nox.session
def graph(session: nox.Session) -> None:
    """Draw the diagrams for print into _build/graph: the overview and one per principle (PDF)."""
    session.install("-r", REQUIREMENTS)
    args = session.posargs or ["--split", f"{BUILD}/graph", "--format", "pdf"]
    session.run("civitrace", "graph", ".", *args, env=_source_date_env(session))


def _source_date_env(session: nox.Session) -> dict[str, str]:
    """``SOURCE_DATE_EPOCH`` as civitrace computes it (as set, else the last commit's time).

    Sphinx and XeTeX read it, so two builds of one commit agree whatever the clock says.
    """
    code = "from civitrace.source_date import source_timestamp; print(source_timestamp('.') or '')"
    stamp = (session.run("python", "-c", code, silent=True) or "").strip()
    return {"SOURCE_DATE_EPOCH": stamp} if stamp.isdigit() else {}


def _build_pdf(session: nox.Session, *sphinx_args: str) -> list[Path]:
    """LaTeX with Sphinx, then PDF with latexmk (xelatex); return the PDFs in _build/pdf."""
    latex, pdf = Path(BUILD, "latex"), Path(BUILD, "pdf")
    env = _source_date_env(session)
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
    session.install("-r", REQUIREMENTS)
    _build_pdf(session, *session.posargs)


@nox.session
def site(session: nox.Session) -> None:
    """The published site: the PDF into _build/pdf, then the HTML into _build/html, linking to the PDF."""
    session.install("-r", REQUIREMENTS)
    pdfs = _build_pdf(session)
    session.run(
        *SPHINX, "-b", "html", "-D", f"civitrace_pdf={pdfs[0].as_posix()}", ".", f"{BUILD}/html",
        env=_source_date_env(session),
    )  # fmt: skip
