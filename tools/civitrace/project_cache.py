"""A project kept in memory for an editor: one cached reading per file, unsaved text over the disk.

The language server reads the project once, then on each change re-reads only the
file that changed (with the reader's own entry point, :func:`~civitrace.reader.read_source`)
and re-runs the rules on the merged model, so its diagnostics are those of
``civitrace check`` on the project as the author sees it, saved or not.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from myst_parser.config.main import MdParserConfig

from . import myst_settings
from .diagnostics import Diagnostic
from .doctrine import load_doctrine
from .model import Project
from .reader import FileResult, load_excludes, markdown_files, read_file_and_text, read_source
from .rules import check
from .source_spans import FileSpans, map_spans

#: The settings file: a change to it (the doctrine) is a change to every file's diagnostics.
SETTINGS = "pyproject.toml"


@dataclass
class _Entry:
    """One file as last read: its text, what the reader found, and (lazily) where things are written."""

    text: str | None
    #: ``None`` for unsaved text not read yet: typing only stores the text, reading waits until asked.
    result: FileResult | None
    rel: str = ""
    stamp: tuple[int, int] | None = None  # (mtime_ns, size) on disk; None for unsaved text
    spans: FileSpans | None = None
    #: the project's MyST configuration, as `check` and the build read the file with it
    config: MdParserConfig | None = None
    #: and conf.py's ``extensions`` (which directives' bodies are read)
    extensions: tuple[str, ...] | None = ()

    def read(self) -> FileResult:
        """What the reader finds in this text (read once)."""
        if self.result is None:
            self.result = read_source(self.text or "", self.rel, self.config, self.extensions)
        return self.result


class ProjectCache:
    """The files of one project root, read once and kept up to date change by change."""

    def __init__(self, root: Path, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.root = root
        self._today = today
        self._disk: dict[str, _Entry] = {}
        self._unsaved: dict[str, _Entry] = {}
        self._project: Project | None = None
        self._diagnostics: dict[str, list[Diagnostic]] | None = None
        self._settings = load_doctrine(root)
        self.refresh()

    # -- keeping up with changes ---------------------------------------------------------------

    def refresh(self) -> set[str]:
        """Re-read the files that changed on disk (added, modified, removed); return their paths."""
        changed: set[str] = set()
        seen = set()
        # The same files, read with the same MyST settings, as `civitrace check` and the build.
        self._myst = myst_settings.settings_from_conf(self.root)
        for rel in markdown_files(self.root, load_excludes(self.root), self._myst.exclude_patterns):
            seen.add(rel)
            try:
                info = os.stat(self.root / rel)
                stamp = (info.st_mtime_ns, info.st_size)
            except OSError:
                stamp = None
            entry = self._disk.get(rel)
            if entry is None or stamp is None or entry.stamp != stamp:
                result, text = read_file_and_text(self.root, rel, self._myst.myst, self._myst.extensions)
                self._disk[rel] = _Entry(
                    text, result, rel, stamp, config=self._myst.myst, extensions=self._myst.extensions
                )
                changed.add(rel)
        for rel in set(self._disk) - seen:
            del self._disk[rel]
            changed.add(rel)
        settings = load_doctrine(self.root)
        if settings != self._settings:
            self._settings = settings
            changed.add(SETTINGS)
        if changed:
            self._invalidate()
        return changed

    def set_text(self, rel: str, text: str) -> bool:
        """Take ``text`` as the content of ``rel`` (saved or not); return whether ``rel`` is in the project."""
        if rel not in self._disk:
            return False
        current = self._unsaved.get(rel) or self._disk[rel]
        if current.text == text and current.text is not None:
            if rel not in self._unsaved:
                self._unsaved[rel] = current
            return True
        self._unsaved[rel] = _Entry(text, None, rel, config=self._myst.myst, extensions=self._myst.extensions)
        self._invalidate()
        return True

    def drop_text(self, rel: str) -> None:
        """Forget the unsaved text of ``rel``: the file on disk counts again."""
        if self._unsaved.pop(rel, None) is not None:
            self._invalidate()

    def _invalidate(self) -> None:
        self._project = None
        self._diagnostics = None

    # -- what the editor asks ------------------------------------------------------------------

    def is_member(self, rel: str) -> bool:
        """Whether ``rel`` is one of the project's files (``civitrace check`` reads it)."""
        return rel in self._disk

    def paths(self) -> list[str]:
        """The project's files, sorted."""
        return sorted(self._disk)

    def text(self, rel: str) -> str | None:
        """The current text of ``rel`` (unsaved text first), or ``None``."""
        entry = self._entry(rel)
        return entry.text if entry else None

    def spans(self, rel: str) -> FileSpans:
        """Where the IDs and options of ``rel`` are written (computed once per version of the text)."""
        entry = self._entry(rel)
        if entry is None or entry.text is None:
            return FileSpans()
        if entry.spans is None:
            entry.spans = map_spans(entry.text, entry.read().objects)
        return entry.spans

    def project(self) -> Project:
        """The merged model of every file, as currently written."""
        if self._project is None:
            entries = [self._entry(rel) for rel in self._disk]
            results = [e.read() for e in entries if e]
            objects = [obj for r in results for obj in r.objects]
            diagnostics = [d for r in results for d in r.diagnostics]
            doctrine, problems = self._settings
            self._project = Project.from_parts(objects, diagnostics + problems, doctrine)
        return self._project

    def diagnostics_if_ready(self) -> dict[str, list[Diagnostic]] | None:
        """The diagnostics if they are computed for the current text, else ``None`` (without computing them)."""
        return self._diagnostics

    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        """``civitrace check``'s diagnostics (lateness judged today), by file; every file has an entry."""
        if self._diagnostics is None:
            found: dict[str, list[Diagnostic]] = {rel: [] for rel in self._disk}
            for diagnostic in check(self.project(), as_of=self._today()):
                found.setdefault(diagnostic.location.path, []).append(diagnostic)
            self._diagnostics = found
        return self._diagnostics

    def _entry(self, rel: str) -> _Entry | None:
        return self._unsaved.get(rel) or self._disk.get(rel)
