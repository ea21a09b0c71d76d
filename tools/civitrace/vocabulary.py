"""The authoring vocabulary: kinds, their options, allowed values and French labels.

This module is data. Every reader, rule and renderer asks it rather than
spelling a kind, an option or a label itself, so that adding an option is a
change in one place.
"""

from __future__ import annotations

import datetime as dt
import re

from .i18n import _, catalog
from .register_vocabulary import REGISTER_KINDS
from .specs import KindSpec, OptionSpec, ValueType, option  # noqa: F401 - OptionSpec is re-exported

#: The ID grammar of DESIGN.md: ``R-01``, ``P1.2``, ``M-TRANSP-03``.
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")


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


_opt = option


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec("principle", "principe", "principes", "opinion"),
        KindSpec(
            "recommendation",
            "recommandation",
            "recommandations",
            "opinion",
            dict(
                [
                    _opt("principle", ValueType.ID, "Principe", targets=("principle",)),
                    _opt("vote", ValueType.INTEGER, "Vote (jugement majoritaire)", minimum=1, maximum=5),
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
    )
}
#: The AI register's kinds (DESIGN.md, "The AI register and the doctrine").
KINDS.update((spec.name, spec) for spec in REGISTER_KINDS)


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
