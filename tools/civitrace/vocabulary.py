"""The authoring vocabulary: kinds, their options, allowed values and French labels.

This module is data. Every reader, rule and renderer asks it rather than
spelling a kind, an option or a label itself, so that adding an option is a
change in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from .i18n import N_, _, catalog
from .register_vocabulary import (
    AUTOMATION_LABELS,
    OUTCOME_LABELS,
    RESULT_LABELS,
    RISK_LABELS,
    SYSTEM_STATUS_LABELS,
    TECHNIQUE_LABELS,
    USE_LABELS,
    YES_NO_LABELS,
)

#: The ID grammar of DESIGN.md: ``R-01``, ``P1.2``, ``M-TRANSP-03``.
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")


class ValueType(Enum):
    """How an option's raw text is read."""

    ID = "id"  # one object ID
    IDS = "ids"  # a comma-separated list of IDs
    TEXT = "text"
    DATE = "date"  # ISO YYYY-MM-DD
    INTEGER = "integer"  # bounded by ``minimum``/``maximum``
    NUMBER = "number"  # a positive decimal number
    CHOICE = "choice"  # one of ``choices``
    MILESTONES = "milestones"  # ``YYYY-MM-DD label`` entries separated by ';' or lines
    DATED_NOTE = "dated-note"  # one ``YYYY-MM-DD text`` (an erratum: its date and its reason)
    URL = "url"  # an http:// or https:// address
    YES_NO = "yes-no"  # ``yes`` or ``no``
    CHOICES = "choices"  # a comma-separated list of ``choices``


@dataclass(frozen=True)
class OptionSpec:
    """One option a kind accepts."""

    name: str
    type: ValueType
    label: str  # French label shown on pages
    targets: tuple[str, ...] = ()  # kinds an ID/IDS option may point to
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    #: English message IDs of the values' labels (translated where shown); empty: the older label tables.
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class KindSpec:
    """One kind of traced object."""

    name: str
    label: str  # French, singular
    plural: str  # French, plural
    folder: str  # where authors are expected to write it
    options: dict[str, OptionSpec] = field(default_factory=dict)
    #: ``False`` when the argument is a recommendation ID, not a new ID and title.
    has_title: bool = True
    #: for kinds without their own ID: the kind their argument names.
    argument_target: str | None = None
    #: for kinds without their own ID: the option that tells two of them about one object apart.
    key_option: str | None = None

    @cached_property
    def link_options(self) -> tuple[OptionSpec, ...]:
        """The options whose values are IDs of other objects."""
        return tuple(o for o in self.options.values() if o.type in (ValueType.ID, ValueType.IDS))


STATUS_LABELS: dict[str, str] = {
    "planned": "prévue",
    "in-progress": "en cours",
    "done": "réalisée",
    "delayed": "en retard",
    "abandoned": "abandonnée",
}

DECISION_LABELS: dict[str, str] = {
    "adopted": "retenue",
    "partial": "retenue en partie",
    "declined": "non retenue",
    "deferred": "reportée",
}

#: Decisions that must be backed by at least one measure.
DECISIONS_NEEDING_MEASURE = frozenset({"adopted", "partial"})
#: Decisions that cover a recommendation on their own, given a justification.
DECISIONS_COVERING_ALONE = frozenset({"declined", "deferred"})
#: Statuses for which a passed due date is not lateness.
CLOSED_STATUSES = frozenset({"done", "abandoned"})

#: Majority-judgment grades (vote at adoption, citizens' follow-up assessment).
GRADE_LABELS: dict[int, str] = {
    1: "à rejeter",
    2: "insuffisant",
    3: "passable",
    4: "bien",
    5: "très bien",
}

#: Label shown for a measure that is late at the date of the build.
LATE_LABEL = "en retard"
UNCOVERED_LABEL = "non couverte"
#: Kinds whose French name is masculine (principe, axe, indicateur): participles agree with them.
MASCULINE_KINDS = frozenset({"principle", "axis", "indicator", "ai-system"})


def _opt(name: str, type_: ValueType, label: str, **kw: object) -> tuple[str, OptionSpec]:
    return name, OptionSpec(name, type_, label, **kw)  # type: ignore[arg-type]


def _erratum() -> tuple[str, OptionSpec]:
    # The adopted text may only change through a declared, dated erratum (see seal.py).
    return _opt("erratum", ValueType.DATED_NOTE, "Erratum")


#: Kinds whose ID, title and text are sealed by ``[tool.civitrace] adopted``: the convention's own words.
SEALED_KINDS = ("principle", "recommendation")

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("principle", "principe", "principes", "opinion", dict([_erratum()])),
        KindSpec(
            "recommendation",
            "recommandation",
            "recommandations",
            "opinion",
            dict(
                [
                    _opt("principle", ValueType.ID, "Principe", targets=("principle",)),
                    _opt("vote", ValueType.INTEGER, "Vote (jugement majoritaire)", minimum=1, maximum=5),
                    _erratum(),
                ]
            ),
        ),
        KindSpec("axis", "axe", "axes", "strategy"),
        KindSpec(
            "measure",
            "mesure",
            "mesures",
            "strategy",
            dict(
                [
                    _opt("responds", ValueType.IDS, "Répond à", targets=("recommendation",)),
                    _opt("axis", ValueType.ID, "Axe", targets=("axis",)),
                    _opt("owner", ValueType.TEXT, "Pilote"),
                    _opt("status", ValueType.CHOICE, "Statut", choices=tuple(STATUS_LABELS)),
                    _opt("start", ValueType.DATE, "Début"),
                    _opt("due", ValueType.DATE, "Échéance"),
                    _opt("progress", ValueType.INTEGER, "Avancement", minimum=0, maximum=100),
                    _opt("weight", ValueType.NUMBER, "Poids"),
                    _opt("milestones", ValueType.MILESTONES, "Jalons"),
                ]
            ),
        ),
        KindSpec(
            "indicator",
            "indicateur",
            "indicateurs",
            "strategy",
            dict(
                [
                    _opt("measure", ValueType.ID, "Mesure", targets=("measure",)),
                    _opt("target", ValueType.TEXT, "Cible"),
                    _opt("unit", ValueType.TEXT, "Unité"),
                ]
            ),
        ),
        KindSpec(
            "response",
            "réponse",
            "réponses",
            "strategy",
            dict([_opt("decision", ValueType.CHOICE, "Décision", choices=tuple(DECISION_LABELS), required=True)]),
            has_title=False,
            argument_target="recommendation",
        ),
        KindSpec(
            "assessment",
            "appréciation de la convention",
            "appréciations de la convention",
            "opinion",
            dict(
                [
                    _opt("grade", ValueType.INTEGER, "Note de la convention", minimum=1, maximum=5, required=True),
                    _opt("date", ValueType.DATE, "Séance de suivi", required=True),
                ]
            ),
            has_title=False,
            argument_target="recommendation",
            key_option="date",
        ),
        KindSpec(
            "ai-system",
            N_("AI system"),
            N_("AI systems"),
            "strategy",
            dict(
                [
                    _opt("owner", ValueType.TEXT, N_("Responsible service")),
                    _opt("contact", ValueType.TEXT, N_("Contact")),
                    _opt("purpose", ValueType.TEXT, N_("Purpose")),
                    _opt(
                        "status",
                        ValueType.CHOICE,
                        N_("Status of the system"),
                        choices=tuple(SYSTEM_STATUS_LABELS),
                        labels=SYSTEM_STATUS_LABELS,
                        required=True,
                    ),
                    _opt("pilot", ValueType.DATE, N_("Start of the trial")),
                    _opt("service", ValueType.DATE, N_("In service since")),
                    _opt("end", ValueType.DATE, N_("End of use")),
                    _opt(
                        "automation",
                        ValueType.CHOICE,
                        N_("Level of automation"),
                        choices=tuple(AUTOMATION_LABELS),
                        labels=AUTOMATION_LABELS,
                    ),
                    _opt("individual-decisions", ValueType.YES_NO, N_("Individual decisions"), labels=YES_NO_LABELS),
                    _opt("legal-basis", ValueType.TEXT, N_("Legal basis")),
                    _opt("data", ValueType.TEXT, N_("Data and their source")),
                    _opt(
                        "technique",
                        ValueType.CHOICE,
                        N_("Kind of algorithm"),
                        choices=tuple(TECHNIQUE_LABELS),
                        labels=TECHNIQUE_LABELS,
                    ),
                    _opt("public", ValueType.TEXT, N_("Public concerned")),
                    _opt("supplier", ValueType.TEXT, N_("Supplier")),
                    _opt("decisions-per-year", ValueType.INTEGER, N_("Decisions per year"), minimum=0),
                    _opt("uses", ValueType.CHOICES, N_("Uses"), choices=tuple(USE_LABELS), labels=USE_LABELS),
                    _opt("measures", ValueType.IDS, N_("Carried by the measures"), targets=("measure",)),
                    _opt("code", ValueType.URL, N_("Source code")),
                ]
            ),
        ),
        KindSpec(
            "evaluation",
            N_("evaluation"),
            N_("evaluations"),
            "strategy",
            dict(
                [
                    _opt("date", ValueType.DATE, N_("Date of the evaluation"), required=True),
                    _opt("by", ValueType.TEXT, N_("Evaluated by")),
                    _opt(
                        "result",
                        ValueType.CHOICE,
                        N_("Opinion"),
                        choices=tuple(RESULT_LABELS),
                        labels=RESULT_LABELS,
                        required=True,
                    ),
                    _opt(
                        "risk",
                        ValueType.CHOICE,
                        N_("Risk level (AI Act)"),
                        choices=tuple(RISK_LABELS),
                        labels=RISK_LABELS,
                    ),
                    _opt("review", ValueType.DATE, N_("Next review")),
                    _opt("report", ValueType.URL, N_("Evaluation report")),
                ]
            ),
            has_title=False,
            argument_target="ai-system",
            key_option="date",
        ),
        KindSpec(
            "deliberation",
            N_("deliberation"),
            N_("deliberations"),
            "strategy",
            dict(
                [
                    _opt("body", ValueType.TEXT, N_("Assembly")),
                    _opt("date", ValueType.DATE, N_("Date of the session"), required=True),
                    _opt("systems", ValueType.IDS, N_("Systems concerned"), targets=("ai-system",), required=True),
                    _opt(
                        "outcome",
                        ValueType.CHOICE,
                        N_("Outcome of the vote"),
                        choices=tuple(OUTCOME_LABELS),
                        labels=OUTCOME_LABELS,
                        required=True,
                    ),
                    _opt("act", ValueType.URL, N_("Published act")),
                ]
            ),
        ),
    )
}


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: dt.date) -> str:
    """A date as French prose writes it: ``1er mars 2025``, ``14 juillet 2024``.

    Written out rather than with ``strftime`` so the result does not depend on the
    locales installed on the build machine.
    """
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def in_french(message: str) -> str:
    """A label in French whatever the current language (for the outputs written in French only)."""
    return catalog("fr").gettext(message)


def capital(text: str) -> str:
    """``text`` with its first letter in capitals and the rest untouched (``Système d'IA``)."""
    return text[:1].upper() + text[1:]


def kind_label(kind: str, plural: bool = False) -> str:
    """A kind's name in the current language, singular or plural."""
    spec = KINDS[kind]
    return _(spec.plural if plural else spec.label)


def label_for(option: str, value: str, kind: str | None = None) -> str:
    """Return the label of a choice value (the value itself if unknown).

    Options whose spec carries labels (the register's) are translated; the
    older ``status``/``decision`` tables are French already.
    """
    spec = KINDS[kind].options.get(option) if kind in KINDS else None
    if spec is not None and spec.labels:
        return _(spec.labels[value]) if value in spec.labels else value
    if option == "status":
        return STATUS_LABELS.get(value, value)
    if option == "decision":
        return DECISION_LABELS.get(value, value)
    return value


#: Words the Sphinx pages show around the objects (back-links, matrix, summary), in French.
PAGE_LABELS: dict[str, str] = {
    "response_to": "Réponse à",
    "assessment_of": "Appréciation de la convention sur",
    "public_response": "Réponse publique",
    "no_response": "pas encore de réponse publique",
    "see_response": "voir la réponse",
    "responding_measures": "Mesures qui y répondent",
    "no_measure": "aucune mesure",
    "coverage": "Couverture",
    "assessments": "Appréciations de la convention",
    "indicators": "Indicateurs",
    "no_indicator": "aucun indicateur",
    "recommendations": "Recommandations",
    "no_recommendation": "aucune recommandation",
    "axis_measures": "Mesures de l'axe",
    "no_status": "non renseigné",
    "late_on": "en retard au {date}",
    "invalid_value": "valeur invalide",
    "unnamed_object": "objet sans identifiant valide",
    "principle": "Principe",
    "recommendation": "Recommandation",
    "decision": "Réponse",
    "measures_with_status": "Mesures (statut)",
    "no_principle": "sans principe",
    "matrix_title": "Recommandations et mesures",
    "covered_recommendations": "Recommandations couvertes : {covered} sur {total} ({percent})",
    "coverage_by_principle": "Couverture par principe",
    "covered": "Couvertes",
    "rate": "Taux",
    "total": "Total",
    "measures_by_status": "Mesures par statut",
    "status": "Statut",
    "measures": "Mesures",
    "late_measures": "dont en retard au {date}",
    "responses_by_decision": "Réponses par décision",
    "without_response": "sans réponse",
    "count": "Recommandations",
}

#: Words of the follow-up pages (dashboard, "Ce qui a changé", histories, timelines, open data), in French.
FOLLOWUP_LABELS: dict[str, str] = {
    "overall_progress": "Avancement d'ensemble : {percent}",
    "overall_detail": " (moyenne sur {counted} mesures sur {total})",
    "progress_by_principle": "Avancement par principe",
    "progress_by_axis": "Avancement par axe",
    "axis": "Axe",
    "progress": "Avancement",
    "rollup_note": "L'avancement d'un principe ou d'un axe est la moyenne de l'avancement de ses mesures, "
    "pondérée par leur poids lorsqu'il est indiqué. Une mesure réalisée sans pourcentage compte pour 100 %, "
    "une mesure prévue pour 0 % ; les mesures abandonnées et celles dont l'avancement n'est pas renseigné "
    "ne comptent pas.",
    "weighted": "pondéré",
    "late_title": "Mesures en retard au {date}",
    "no_late": "Aucune mesure n'est en retard au {date}.",
    "owner": "Pilote",
    "due": "Échéance",
    "deadlines_title": "Prochaines échéances (à partir du {date})",
    "no_deadline": "Aucune échéance à venir.",
    "date": "Date",
    "measure": "Mesure",
    "step": "Étape",
    "measure_due": "Échéance de la mesure",
    "assessments_title": "Réponse de la Métropole et appréciation de la convention",
    "assessments_note": "La note est celle que les membres de la convention donnent, au jugement majoritaire "
    "(de 1, « à rejeter », à 5, « très bien »), à la suite donnée à chaque recommandation. Elle est tenue à part "
    "du statut que la Métropole donne à ses mesures.",
    "metropole": "Réponse de la Métropole",
    "convention_grade": "Appréciation de la convention",
    "not_assessed": "pas encore appréciée",
    "previous_grade": "avant : {grade}, {date}",
    "grade_summary": "Dernières appréciations",
    "history_unavailable": "Historique indisponible",
    "history_partial": "Historique partiel : le dépôt git est un clone superficiel, les modifications les plus "
    "anciennes n'y figurent pas.",
    "history": "Historique",
    "last_change": "Dernière modification : {date}",
    "no_history": "Aucune modification enregistrée dans l'historique git.",
    "older_entries": "… et {count} modifications plus anciennes.",
    "in_version": "version {version}",
    "not_released": "pas encore dans une version étiquetée",
    "timeline": "Calendrier",
    "start": "Début",
    "today": "au {date}",
    "upcoming": "à venir",
    "since_tag": "Depuis la version {tag} ({date})",
    "since_tag_note": "Modifications enregistrées depuis la dernière version étiquetée, "
    "jusqu'à la version publiée ici.",
    "version_title": "Version {tag} ({date})",
    "first_version": "Première version : {contents}.",
    "coverage_change": "Couverture des recommandations : {before} → {after}.",
    "coverage_now": "Couverture des recommandations : {after}.",
    "no_change": "Aucun changement des objets suivis.",
    "no_tag": "Aucune version n'est encore étiquetée dans git : les changements s'afficheront ici "
    "d'une version adoptée à la suivante.",
    "subscribe": "S'abonner aux changements (fil Atom)",
    "feed_title": "{project} — ce qui a changé",
    "download_json": "Les objets au format JSON",
    "download_csv": "Les objets au format CSV (une ligne par objet)",
    "download_schema": "Le schéma JSON du fichier JSON",
    "download_atom": "Le fil Atom des changements",
}
