"""The traceability diagnostics, as Sphinx warnings at the places ``civitrace check`` names.

Every build reports every diagnostic of the whole project, not only those of
the documents it re-read, with ``type="civitrace"`` and the diagnostic's code
as subtype (``suppress_warnings = ["civitrace.uncovered"]`` silences one
kind). Lateness is not a diagnostic of the build: it shows on the pages.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import rules
from ..diagnostics import Diagnostic
from ..doctrine import load_doctrine
from ..escaping import for_terminal
from . import sealed_text
from .domain import civitrace_domain
from .source_reading import traced_paths

__all__ = ["read_doctrine", "report_diagnostics", "setup", "traced_paths"]

logger = logging.getLogger(__name__)


def read_doctrine(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: the project's doctrine, from the same pyproject.toml ``civitrace check`` reads."""
    civitrace_domain(env).note_doctrine(*load_doctrine(Path(app.srcdir)))


def report_diagnostics(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: warn about every diagnostic of the project (no date: no lateness).

    The adopted text is read here, once per build, before the pages are resolved.
    """
    project = civitrace_domain(env).project()
    sealed = sealed_text.refresh(app, env)
    found = sorted({*rules.check(project, as_of=None), *sealed}, key=Diagnostic.sort_key)
    for diagnostic in found:
        logger.warning(
            "%s",
            # one warning, one line of the build log: a line break in a value must not forge another
            for_terminal(diagnostic.message),
            location=_location(env, diagnostic),
            type="civitrace",
            subtype=diagnostic.code,
        )
    return []


def _location(env: BuildEnvironment, diagnostic: Diagnostic) -> tuple[str, int | None] | str:
    """``(docname, line)`` for Sphinx; the file itself when it is not a document."""
    path = Path(env.srcdir) / diagnostic.location.path
    docname = env.path2doc(path)
    if docname is not None and docname in env.found_docs:  # files left out of the build are named by path
        return docname, diagnostic.location.line or None
    return f"{path}:{diagnostic.location.line}" if diagnostic.location.line else str(path)


def setup(app: Sphinx) -> None:
    """Read the doctrine; report all diagnostics once everything is read (file problems: :mod:`.source_reading`)."""
    app.connect("env-before-read-docs", read_doctrine)
    # env-get-updated runs on every build, after all documents (even unchanged ones) are in the model.
    app.connect("env-get-updated", report_diagnostics)
