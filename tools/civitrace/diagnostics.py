"""Diagnostics: what the readers and the rules say about a project."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is: errors fail ``civitrace check`` and ``-W``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the sources: a path relative to the project root (POSIX) and a 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem, at one place, with a stable code and the IDs it concerns."""

    location: Location
    severity: Severity
    code: str
    message: str
    ids: tuple[str, ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.location.path, self.location.line, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN.md: path, line, severity, code, message, ids."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "ids": list(self.ids),
        }


def error(location: Location, code: str, message: str, *ids: str) -> Diagnostic:
    """Build an error diagnostic."""
    return Diagnostic(location, Severity.ERROR, code, message, ids)


def warning(location: Location, code: str, message: str, *ids: str) -> Diagnostic:
    """Build a warning diagnostic."""
    return Diagnostic(location, Severity.WARNING, code, message, ids)
