"""Which project a file belongs to: the nearest folder above it that is a civitrace project.

A project root is a folder whose ``pyproject.toml`` has a ``[tool.civitrace]`` table,
or that holds both ``opinion/`` and ``strategy/`` (DESIGN.md's layout). Editors open
single files; this is how the language server finds the project around one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path


def is_project_root(folder: Path) -> bool:
    """Whether ``folder`` is a civitrace project root."""
    config = folder / "pyproject.toml"
    if config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
        if isinstance(data.get("tool", {}).get("civitrace"), dict):
            return True
    return (folder / "opinion").is_dir() and (folder / "strategy").is_dir()


def find_project_root(path: Path | str) -> Path | None:
    """The nearest project root at or above ``path`` (a file or a folder), or ``None``."""
    start = Path(path).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if is_project_root(candidate):
            return candidate
    return None
