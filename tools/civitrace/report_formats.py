"""Ways to print diagnostics: compiler-style text, JSON, GitLab Code Quality, GitHub annotations."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence

from .diagnostics import Diagnostic, Severity
from .escaping import for_log_line, for_terminal


def as_text(diagnostics: Sequence[Diagnostic]) -> str:
    """One line a diagnostic: ``path:line: severity: message``."""
    # One diagnostic, one line: a line break in a value must not forge another ``file:line:`` line.
    return "".join(
        f"{for_log_line(d.location.path)}:{d.location.line}: {d.severity.value}: {for_terminal(d.message)}\n"
        for d in diagnostics
    )


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON list of objects with path, line, severity, code, message, ids."""
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def as_gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    """A GitLab Code Quality report (a JSON array of Code Climate issues)."""
    issues = []
    # The fingerprint leaves the line out, so a problem that moves is not reported as
    # fixed and new; the rank among identical problems keeps fingerprints unique, as
    # GitLab shows one issue per fingerprint.
    seen: Counter[tuple[str, str, str]] = Counter()
    for d in diagnostics:
        key = (d.code, d.location.path, d.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()
        issues.append(
            {
                "description": d.message,
                "check_name": f"civitrace/{d.code}",
                "fingerprint": fingerprint,
                "severity": "major" if d.severity is Severity.ERROR else "minor",
                "location": {"path": d.location.path, "lines": {"begin": max(d.location.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = ",".join(
            f"{k}={_escape_github(str(v), prop=True)}"
            for k, v in (("file", d.location.path), ("line", max(d.location.line, 1)), ("title", f"civitrace {d.code}"))
        )
        lines.append(f"::{level} {props}::{_escape_github(d.message)}\n")
    return "".join(lines)


FORMATS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": as_text,
    "json": as_json,
    "gitlab": as_gitlab,
    "github": as_github,
}
