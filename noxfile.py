"""Every task a person or CI runs: ``nox -s NAME`` (``nox -l`` lists them)."""

from __future__ import annotations

import nox

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
    session.run(*SPHINX, "-b", "html", ".", f"{BUILD}/html", *session.posargs)


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
    session.install("-e", ".")
    session.run("python", "benchmarks/run.py", *session.posargs)
