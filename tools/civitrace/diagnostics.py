"""Diagnostics: what the readers and the rules say about a project."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .i18n import N_, Labels


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


#: Every diagnostic code, with what it means for an author (shown in French in the authors' guide).
CODES: Labels = Labels(
    {
        # reading files
        "encoding": N_("the file is not encoded in UTF-8"),
        "binary-content": N_("the file contains binary data"),
        "empty-file": N_("the file is empty"),
        "unreadable": N_("the file cannot be read"),
        "unclosed-fence": N_("an opened directive is never closed"),
        "syntax": N_("the directive cannot be split (malformed options)"),
        "internal-error": N_("unexpected error of the tool on this file"),
        "unknown-kind": N_("unknown directive name that looks like a kind of object (a typo?)"),
        "repeated-option": N_("option written twice in one directive (only the last would count)"),
        "unknown-directive": N_(
            "traced directives inside a directive of an extension civitrace does not know (not read)"
        ),
        "control-character": N_("control characters in a title, an option or a text (removed)"),
        # one object
        "missing-argument": N_("the directive has neither ID nor title"),
        "invalid-id": N_("the ID does not have the expected form"),
        "missing-title": N_("the object has no title"),
        "unexpected-title": N_("a response or an assessment takes only a recommendation ID"),
        "unknown-option": N_("unknown option for this kind of object"),
        "invalid-value": N_("invalid value (status, decision, vote, progress, ID…)"),
        "invalid-date": N_("malformed date (expected YYYY-MM-DD)"),
        "missing-option": N_("required option missing"),
        "option-in-body": N_("options separated from the opening line by a blank line are read as text"),
        # between objects
        "duplicate-id": N_("ID already used"),
        "unknown-reference": N_("reference to an unknown ID"),
        "wrong-kind": N_("reference to an object of the wrong kind"),
        "uncovered": N_("recommendation without a measure or a justified response"),
        "duplicate-response": N_("two responses to one recommendation"),
        "response-without-measure": N_("adopted (or partly adopted) response without a measure"),
        "missing-justification": N_("declined or deferred response without a public justification"),
        "duplicate-assessment": N_("two assessments of the convention on the same date"),
        "due-before-start": N_("due date before the start"),
        "late": N_("late measure (due date passed, neither done nor abandoned)"),
        # the AI register and the doctrine (English message IDs, translated in the catalogs)
        "invalid-setting": N_("invalid setting in [tool.civitrace.doctrine] of pyproject.toml"),
        "service-before-pilot": N_("an AI system goes into service before its trial starts"),
        "duplicate-evaluation": N_("two evaluations of one AI system on the same date"),
        "missing-summary": N_("an evaluation or a deliberation without its public summary"),
        "no-prior-evaluation": N_("an AI system in use without an evaluation dated on or before its deployment"),
        "unfavourable-evaluation": N_("an AI system in use whose latest evaluation is unfavourable"),
        "no-debate": N_("an AI system with a use sent to debate, in use without a prior approved deliberation"),
        "forbidden-use": N_("an AI system with a use the doctrine forbids that is neither refused nor retired"),
        "review-due": N_("an AI system in use past the date of its next evaluation"),
        "end-before-deployment": N_("an AI system ends before it was deployed"),
        "review-before-evaluation": N_("an evaluation sets its review before its own date"),
        # the adopted text (``[tool.civitrace] adopted``)
        "altered-text": N_("a principle or recommendation changed since the opinion was adopted, without an erratum"),
        "added-after-adoption": N_("a principle or recommendation added after the opinion was adopted"),
        "removed-after-adoption": N_("a principle or recommendation of the adopted opinion removed or renamed"),
        "needless-erratum": N_("an erratum declared on a text identical to the adopted one"),
        "adopted-text-unavailable": N_("the git tag of the adopted text cannot be read"),
    }
)
