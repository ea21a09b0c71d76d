"""Which files a project's sources are: one rule for ``civitrace check``, ``diff`` and the Sphinx build.

A source is a ``.md`` file under the root, outside build and tool folders
(:data:`SKIPPED_DIRS`) and hidden folders, not matched by ``[tool.civitrace]
exclude`` (pyproject.toml) nor by conf.py's ``exclude_patterns`` (matched as
Sphinx matches them). Symlinked folders are followed, as Sphinx follows them,
once each. The build adds the same rule to its ``exclude_patterns``.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .project_config import civitrace_table

#: Folders never read: build output, tools' caches, version control, environments.
SKIPPED_DIRS = frozenset(
    {"_build", ".nox", ".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", "site-packages"}
)

#: The same rule as Sphinx ``exclude_patterns`` (hidden folders are skipped too).
SPHINX_PATTERNS = tuple(sorted({f"**/{d}" for d in SKIPPED_DIRS} | {d for d in SKIPPED_DIRS} | {".*", "**/.*"}))


def load_excludes(root: Path) -> list[str]:
    """Glob patterns from ``[tool.civitrace] exclude`` in ROOT/pyproject.toml, if any."""
    patterns = civitrace_table(root).get("exclude", [])
    return [str(p) for p in patterns] if isinstance(patterns, list) else []


def excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a relative POSIX path is matched by ``[tool.civitrace] exclude`` glob patterns."""
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(rel, p.rstrip("/") + "/*") for p in patterns)


def sphinx_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Sphinx's own matcher for ``exclude_patterns`` (imported only when a project has some)."""
    patterns = [p for p in patterns if p]
    if not patterns:
        return lambda rel: False
    from sphinx.util.matching import _translate_pattern

    regexes = [re.compile(_translate_pattern(p)) for p in patterns]
    return lambda rel: any(r.match(rel) for r in regexes)


def is_regular_file(path: Path) -> bool:
    """A file that can be read to its end: not a FIFO, a device or a link to one (``/dev/zero``)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def skipped_folder(name: str) -> bool:
    """Build, tool and hidden folders are never sources."""
    return name in SKIPPED_DIRS or name.startswith(".")


def markdown_files(
    root: Path,
    excludes: Iterable[str] = (),
    sphinx_excludes: Iterable[str] = (),
    unreadable: list[str] | None = None,
) -> Iterator[str]:
    """Relative POSIX paths of the ``.md`` sources under ``root``, sorted.

    Folders that cannot be listed are appended to ``unreadable`` (when given) instead of being skipped silently.
    """
    patterns = list(excludes)
    sphinx_match = sphinx_matcher(sphinx_excludes)
    found: list[str] = []
    seen: set[str] = set()

    def on_error(exc: OSError) -> None:
        if unreadable is not None and exc.filename:
            rel = os.path.relpath(exc.filename, root).replace(os.sep, "/")
            unreadable.append(rel)

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop, or a folder linked twice: read once
            dirs[:] = []
            continue
        seen.add(real)
        rel_folder = os.path.relpath(folder, root)
        rel_folder = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        dirs[:] = sorted(
            d
            for d in dirs
            if not skipped_folder(d) and not excluded(rel_folder + d, patterns) and not sphinx_match(rel_folder + d)
        )
        for name in files:
            rel = rel_folder + name
            if (
                name.endswith(".md")
                and not name.startswith(".")
                and not excluded(rel, patterns)
                and not sphinx_match(rel)
            ):
                found.append(rel)
    return iter(sorted(found))
