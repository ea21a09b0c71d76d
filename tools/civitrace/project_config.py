"""The project's settings: the ``[tool.civitrace]`` table of ``ROOT/pyproject.toml``.

Read the same way by ``civitrace check``, the other commands and the Sphinx
build (whose source folder is the project root), so they agree on one file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .diagnostics import Location

CONFIG_FILE = "pyproject.toml"


def civitrace_table(root: Path | str) -> dict[str, Any]:
    """``[tool.civitrace]`` of ``ROOT/pyproject.toml``; ``{}`` when the file or the table is absent or unreadable."""
    config = Path(root) / CONFIG_FILE
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    tool = data.get("tool", {})
    table = tool.get("civitrace", {}) if isinstance(tool, dict) else {}
    return table if isinstance(table, dict) else {}


def setting_location(root: Path | str, key: str) -> Location:
    """Where ``key = …`` is written in ``pyproject.toml`` (its first line), for diagnostics about it."""
    pattern = re.compile(rf"""\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    try:
        lines = (Path(root) / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(CONFIG_FILE, 0)
    line = next((number for number, text in enumerate(lines, start=1) if pattern.match(text)), 1)
    return Location(CONFIG_FILE, line)


#: The setting naming the git tag of the adopted opinion.
ADOPTED = "adopted"


def adopted_tag(root: Path | str) -> object:
    """What ``[tool.civitrace] adopted`` holds (a tag name, if well written), or None when the opinion is not sealed."""
    return civitrace_table(root).get(ADOPTED)
