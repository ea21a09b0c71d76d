"""Diagnostics: what the readers and the rules say about a project."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .i18n import N_


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


#: Every diagnostic code, with what it means for an author (French, shown in the authors' guide).
CODES: dict[str, str] = {
    # reading files
    "encoding": "le fichier n'est pas encodé en UTF-8",
    "binary-content": "le fichier contient des données binaires",
    "empty-file": "le fichier est vide",
    "unreadable": "le fichier ne peut pas être lu",
    "unclosed-fence": "une directive ouverte n'est jamais fermée",
    "syntax": "la directive ne peut pas être découpée (options mal formées)",
    "internal-error": "erreur inattendue de l'outil sur ce fichier",
    "unknown-kind": "nom de directive inconnu qui ressemble à un type d'objet (faute de frappe ?)",
    "repeated-option": "option écrite deux fois dans une même directive (seule la dernière compterait)",
    "control-character": "caractères de contrôle dans un titre, une option ou un texte (retirés)",
    # one object
    "missing-argument": "la directive n'a ni identifiant ni titre",
    "invalid-id": "l'identifiant ne respecte pas la forme attendue",
    "missing-title": "l'objet n'a pas de titre",
    "unexpected-title": "une réponse ou une appréciation ne prend que l'identifiant d'une recommandation",
    "unknown-option": "option inconnue pour ce type d'objet",
    "invalid-value": "valeur invalide (statut, décision, vote, avancement, identifiant…)",
    "invalid-date": "date mal formée (attendu AAAA-MM-JJ)",
    "missing-option": "option obligatoire absente",
    "option-in-body": "des options séparées de la ligne d'ouverture par une ligne vide sont lues comme du texte",
    # between objects
    "duplicate-id": "identifiant déjà utilisé",
    "unknown-reference": "référence à un identifiant inconnu",
    "wrong-kind": "référence à un objet du mauvais type",
    "uncovered": "recommandation sans mesure ni réponse justifiée",
    "duplicate-response": "deux réponses pour une même recommandation",
    "response-without-measure": "réponse retenue (ou en partie) sans mesure",
    "missing-justification": "réponse non retenue ou reportée sans justification publique",
    "duplicate-assessment": "deux appréciations de la convention à la même date",
    "due-before-start": "échéance antérieure au début",
    "late": "mesure en retard (échéance passée, ni réalisée ni abandonnée)",
    # the AI register and the doctrine (English message IDs, translated in the catalogs)
    "invalid-setting": N_("invalid setting in [tool.civitrace.doctrine] of pyproject.toml"),
    "service-before-pilot": N_("an AI system goes into service before its trial starts"),
    "end-before-deployment": N_("an AI system ends before it was deployed"),
    "review-before-evaluation": N_("an evaluation sets its review before its own date"),
    "duplicate-evaluation": N_("two evaluations of one AI system on the same date"),
    "missing-summary": N_("an evaluation or a deliberation without its public summary"),
    "no-prior-evaluation": N_("an AI system in use without an evaluation dated on or before its deployment"),
    "unfavourable-evaluation": N_("an AI system in use whose latest evaluation is unfavourable"),
    "no-debate": N_("an AI system with a use sent to debate, in use without a prior approved deliberation"),
    "forbidden-use": N_("an AI system with a use the doctrine forbids that is neither refused nor retired"),
    "review-due": N_("an AI system in use past the date of its next evaluation"),
}
