"""The doctrine on AI uses: which need a democratic debate, which are forbidden, how often to re-evaluate.

It is data, set once in the project's ``pyproject.toml`` under
``[tool.civitrace.doctrine]`` and read by whoever reads the project (the fast
reader for ``civitrace check``, the Sphinx extension for the build), so both
judge the register by the same doctrine. A bad setting is a diagnostic at its
line; the default for that setting applies and the run goes on.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic, Location, error
from .i18n import _
from .register_vocabulary import USE_LABELS

#: Where the doctrine is written, relative to the project root.
SETTINGS_FILE = "pyproject.toml"
TABLE = "tool.civitrace.doctrine"
REGISTER_TABLE = "tool.civitrace.register"
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Doctrine:
    """The rules a collectivity sets itself on AI uses; the defaults are Montpellier's."""

    #: uses that need an approved deliberation before deployment
    debate: tuple[str, ...] = ("cameras",)
    #: uses never allowed
    forbidden: tuple[str, ...] = ("biometric-identification",)
    #: re-evaluation period when an evaluation sets no review date
    review_months: int = 24
    #: who publishes the register (``[tool.civitrace.register] administration``), for the inventory
    administration: str = ""


DEFAULT = Doctrine()


def load_doctrine(root: Path | str) -> tuple[Doctrine, list[Diagnostic]]:
    """The doctrine of the project at ``root`` and the problems of its settings (never raises)."""
    path = Path(root) / SETTINGS_FILE
    if not path.is_file():
        return DEFAULT, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = _("cannot read the doctrine settings: {reason}").format(reason=exc)
        return DEFAULT, [error(Location(SETTINGS_FILE, 1), "invalid-setting", message)]
    return doctrine_from_text(text)


def doctrine_from_text(text: str) -> tuple[Doctrine, list[Diagnostic]]:
    """Read ``[tool.civitrace.doctrine]`` from the text of a ``pyproject.toml``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else 1
        message = _("{file} is not valid TOML, the default doctrine applies: {reason}").format(
            file=SETTINGS_FILE, reason=exc
        )
        return DEFAULT, [error(Location(SETTINGS_FILE, line), "invalid-setting", message)]
    tool = data.get("tool", {})
    settings = tool.get("civitrace", {}) if isinstance(tool, Mapping) else {}
    settings = settings if isinstance(settings, Mapping) else {}
    administration, problems = _administration(settings.get("register"), _setting_lines(text, REGISTER_TABLE))
    table = settings.get("doctrine")
    if table is None:
        return replace(DEFAULT, administration=administration), problems
    lines = _setting_lines(text, TABLE)
    if not isinstance(table, Mapping):
        message = _("[{table}] must be a table of settings").format(table=TABLE)
        problems.append(error(Location(SETTINGS_FILE, lines.get("", 1)), "invalid-setting", message))
        return replace(DEFAULT, administration=administration), problems
    doctrine, found = _read_table(table, lines)
    return replace(doctrine, administration=administration), problems + found


def _administration(table: object, lines: dict[str, int]) -> tuple[str, list[Diagnostic]]:
    """``[tool.civitrace.register] administration``: the name of the administration, or ''."""
    if table is None:
        return "", []
    value = table.get("administration", "") if isinstance(table, Mapping) else None
    if isinstance(value, str):
        return value.strip(), []
    message = _("{table}.administration must be the name of the administration, in quotes").format(table=REGISTER_TABLE)
    line = lines.get("administration", lines.get("", 1))
    return "", [error(Location(SETTINGS_FILE, line), "invalid-setting", message)]


def _read_table(table: Mapping[str, object], lines: dict[str, int]) -> tuple[Doctrine, list[Diagnostic]]:
    problems: list[Diagnostic] = []

    def problem(key: str, message: str) -> None:
        line = lines.get(key, lines.get("", 1))
        problems.append(error(Location(SETTINGS_FILE, line), "invalid-setting", message))

    uses: dict[str, tuple[str, ...]] = {}
    for key in ("debate", "forbidden"):
        value = table.get(key, getattr(DEFAULT, key))
        if isinstance(value, tuple):
            uses[key] = value
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(key, _('{table}.{key} must be a list of uses, such as ["cameras"]').format(table=TABLE, key=key))
            uses[key] = getattr(DEFAULT, key)
        else:
            unknown = [v for v in value if v not in USE_LABELS]
            if unknown:
                problem(
                    key,
                    _("{table}.{key} names unknown uses: {unknown} (allowed: {allowed})").format(
                        table=TABLE, key=key, unknown=", ".join(unknown), allowed=", ".join(USE_LABELS)
                    ),
                )
            uses[key] = tuple(dict.fromkeys(v for v in value if v in USE_LABELS))
    months = table.get("review-months", DEFAULT.review_months)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
        problem(
            "review-months",
            _("{table}.review-months must be a whole number of months between 1 and 240, not {value}").format(
                table=TABLE, value=repr(months)
            ),
        )
        months = DEFAULT.review_months
    for key in table:
        if key not in ("debate", "forbidden", "review-months"):
            problem(
                key,
                _("[{table}] has unknown setting '{key}' (allowed: debate, forbidden, review-months)").format(
                    table=TABLE, key=key
                ),
            )
    return Doctrine(uses["debate"], uses["forbidden"], months), problems


def _setting_lines(text: str, table: str) -> dict[str, int]:
    """The 1-based line of the table header (key ``""``) and of each key written under it."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") == f"[{table}]"
            if inside:
                lines[""] = number
            continue
        if inside:
            key = re.match(r'["\']?([A-Za-z0-9_-]+)["\']?\s*=', stripped)
            if key:
                lines.setdefault(key.group(1), number)
    return lines
