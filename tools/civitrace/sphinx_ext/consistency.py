"""The traceability diagnostics, as Sphinx warnings at the places ``civitrace check`` names.

Every build reports every diagnostic of the whole project, not only those of
the documents it re-read, with ``type="civitrace"`` and the diagnostic's code
as subtype (``suppress_warnings = ["civitrace.uncovered"]`` silences one
kind). Lateness is not a diagnostic of the build: it shows on the pages.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import reader, rules
from ..diagnostics import Diagnostic
from ..doctrine import load_doctrine
from . import sealed_text
from .domain import civitrace_domain

logger = logging.getLogger(__name__)

#: Problems of a file's structure that directives never see (MyST silently closes a fence at the end).
FILE_CODES = frozenset({"unclosed-fence", "empty-file", "binary-content"})

#: The Markdown files ``civitrace check`` reads, per build (``[tool.civitrace] exclude`` applies).
_traced_paths: weakref.WeakKeyDictionary[Sphinx, frozenset[str]] = weakref.WeakKeyDictionary()


def list_traced_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: list the files the fast reader would read, so both report the same files."""
    root = Path(app.srcdir)
    _traced_paths[app] = frozenset(reader.markdown_files(root, reader.load_excludes(root)))


def traced_paths(app: Sphinx) -> frozenset[str] | None:
    """The files ``civitrace check`` reads (relative POSIX paths), once this build's reading began."""
    return _traced_paths.get(app)


def read_doctrine(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: the project's doctrine, from the same pyproject.toml ``civitrace check`` reads."""
    civitrace_domain(env).note_doctrine(*load_doctrine(Path(app.srcdir)))


def record_file_diagnostics(app: Sphinx, docname: str, source: list[str]) -> None:
    """Read a traced document as the fast reader does and keep its file-level problems."""
    path = Path(app.env.doc2path(docname, False)).as_posix()
    if path not in _traced_paths.get(app, frozenset()):
        return
    try:
        result = reader.read_text(source[0], path, docname)
    except Exception:  # the fast reader never should; the directives still report the objects
        return
    problems = [d for d in result.diagnostics if d.code in FILE_CODES]
    civitrace_domain(app.env).note_diagnostics(docname, problems)


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
            diagnostic.message,
            location=_location(env, diagnostic),
            type="civitrace",
            subtype=diagnostic.code,
        )
    return []


def _location(env: BuildEnvironment, diagnostic: Diagnostic) -> tuple[str, int | None] | str:
    """``(docname, line)`` for Sphinx; the file itself when it is not a document."""
    path = Path(env.srcdir) / diagnostic.location.path
    docname = env.path2doc(path)
    if docname is not None:
        return docname, diagnostic.location.line or None
    return f"{path}:{diagnostic.location.line}" if diagnostic.location.line else str(path)


def setup(app: Sphinx) -> None:
    """Record file problems while reading; report all diagnostics once everything is read."""
    app.connect("env-before-read-docs", list_traced_files)
    app.connect("env-before-read-docs", read_doctrine)
    app.connect("source-read", record_file_diagnostics)
    # env-get-updated runs on every build, after all documents (even unchanged ones) are in the model.
    app.connect("env-get-updated", report_diagnostics)
