"""What the pages show without extra writing: back-links, lateness, the matrix, the summary, the role."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

PROJECT = {
    "conf.py": CONF + 'civitrace_as_of = "2026-01-01"\n',
    "index.md": """
        # Projet

        Voir {trace}`R-01` et {trace}`le registre <M-01>`.

        ```{toctree}
        opinion/avis
        opinion/suivi
        strategy/plan
        strategy/reponses
        tableaux
        ```
        """,
    "tableaux.md": """
        # Tableaux

        :::{trace-summary}
        :::

        :::{trace-matrix}
        :::
        """,
    "opinion/avis.md": """
        # Avis

        :::{principle} P-1 Utilité
        Texte du principe.
        :::

        :::{recommendation} R-01 Évaluer avant de déployer
        :principle: P-1
        :vote: 4

        Texte **adopté**.
        :::

        :::{recommendation} R-02 Compter les coûts
        :principle: P-1
        :::

        :::{recommendation} R-03 Sans réponse
        :principle: P-1
        :::

        :::{principle} P-2 Sobriété
        :::

        :::{recommendation} R-04 Mesurer l'énergie
        :principle: P-2
        :::

        :::{recommendation} R-05 Sans principe
        :::
        """,
    "opinion/suivi.md": """
        # Suivi

        :::{assessment} R-01
        :grade: 3
        :date: 2025-03-15

        Bien mais lent.
        :::
        """,
    "strategy/plan.md": """
        # Plan

        :::{axis} AXE-1 Transparence
        :::

        :::{measure} M-01 Publier un registre
        :responds: R-01, R-04
        :axis: AXE-1
        :owner: Pôle numérique
        :status: in-progress
        :start: 2025-01-06
        :due: 2025-06-30
        :progress: 70
        :milestones: 2025-03-31 Inventaire ; 2025-06-30 Mise en ligne
        :::

        :::{indicator} I-1 Fiches publiées
        :measure: M-01
        :target: 100 %
        :unit: fiches
        :::

        :::{measure} M-02 Former les agents
        :responds: R-01, R-05
        :axis: AXE-1
        :status: done
        :due: 2025-03-01
        :::
        """,
    "strategy/reponses.md": """
        # Réponses

        :::{response} R-01
        :decision: adopted

        Nous retenons cette recommandation, voir {trace}`M-02`.
        :::

        :::{response} R-02
        :decision: declined

        Trop coûteux pour l'instant.
        :::
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = write_project(tmp_path_factory.mktemp("pages") / "src", PROJECT)
    return build(src, src.parent / "html")


def block(text: str, start: str, end: str | None = None) -> str:
    """The part of a page's text from ``start`` to ``end`` (or the end)."""
    assert start in text, f"{start!r} not on the page"
    after = text.split(start, 1)[1]
    return start + (after.split(end, 1)[0] if end else after)


def test_extension_declares_parallel_safety_and_env_version(site):
    extension = site.app.extensions["civitrace"]
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
    assert isinstance(extension.metadata["env_version"], int)


def test_recommendation_shows_principle_response_measures_and_assessments(site):
    r01 = block(site.text("opinion/avis"), "Recommandation R-01", "Recommandation R-02")
    assert "Principe P-1 — Utilité" in r01
    assert "Vote (jugement majoritaire) 4 — bien" in r01
    assert "Texte adopté." in r01
    assert "Réponse publique retenue (voir la réponse)" in r01
    assert "Nous retenons cette recommandation, voir M-02 — Former les agents." in r01
    assert "Mesures qui y répondent M-01 — Publier un registre : en cours, en retard" in r01
    assert "M-02 — Former les agents : réalisée" in r01
    assert "Appréciations de la convention 15 mars 2025 : 3 — passable Bien mais lent." in r01
    assert "non couverte" not in r01


def test_recommendation_links_point_to_the_objects(site):
    links = site.links("opinion/avis")
    assert ("#P-1", "P-1 — Utilité") in links
    assert ("../strategy/plan.html#M-01", "M-01 — Publier un registre") in links
    assert ("../strategy/reponses.html#response-R-01", "voir la réponse") in links
    # the justification is quoted from another page: its own links are made relative to this one
    assert ("../strategy/plan.html#M-02", "M-02 — Former les agents") in links


def test_declined_recommendation_is_covered_without_measure(site):
    r02 = block(site.text("opinion/avis"), "Recommandation R-02", "Recommandation R-03")
    assert "Réponse publique non retenue" in r02
    assert "Trop coûteux pour l’instant." in r02  # the body is prose: smart quotes apply
    assert "Mesures qui y répondent aucune mesure" in r02
    assert "non couverte" not in r02


def test_uncovered_recommendation_says_so(site):
    r03 = block(site.text("opinion/avis"), "Recommandation R-03", "Principe P-2")
    assert "pas encore de réponse publique" in r03
    assert "Couverture non couverte" in r03
    assert re.search(r'class="[^"]*civitrace-recommendation[^"]*civitrace-uncovered', site.html("opinion/avis"))


def test_principle_lists_its_recommendations(site):
    p1 = block(site.text("opinion/avis"), "Principe P-1", "Recommandation R-01")
    assert (
        "Recommandations R-01 — Évaluer avant de déployer R-02 — Compter les coûts "
        "R-03 — Sans réponse — non couverte" in p1
    )


def test_measure_shows_its_fields_indicators_and_lateness(site):
    m01 = block(site.text("strategy/plan"), "Mesure M-01", "Indicateur I-1")
    for expected in (
        "Répond à R-01 — Évaluer avant de déployer, R-04 — Mesurer l'énergie",
        "Axe AXE-1 — Transparence",
        "Pilote Pôle numérique",
        "Statut en cours — en retard au 1er janvier 2026",
        "Début 6 janvier 2025",
        "Échéance 30 juin 2025",
        "Avancement 70 %",
        "Jalons 31 mars 2025 : Inventaire 30 juin 2025 : Mise en ligne",
        "Indicateurs I-1 — Fiches publiées (cible : 100 % ; unité : fiches)",
    ):
        assert expected in m01
    assert ("../opinion/avis.html#R-04", "R-04 — Mesurer l'énergie") in site.links("strategy/plan")
    assert ("#I-1", "I-1 — Fiches publiées") in site.links("strategy/plan")


def test_done_measure_past_its_due_date_is_not_late(site):
    m02 = block(site.text("strategy/plan"), "Mesure M-02")
    assert "Statut réalisée" in m02
    assert "en retard" not in m02
    assert "Indicateurs aucun indicateur" in m02


def test_axis_lists_its_measures_with_status(site):
    axis = block(site.text("strategy/plan"), "Axe AXE-1", "Mesure M-01")
    assert (
        "Mesures de l'axe M-01 — Publier un registre : en cours, en retard M-02 — Former les agents : réalisée" in axis
    )


def test_attached_objects_name_their_recommendation(site):
    assert "Réponse à R-01 — Évaluer avant de déployer Décision retenue" in site.text("strategy/reponses")
    suivi = site.text("opinion/suivi")
    assert "Appréciation de la convention sur R-01 — Évaluer avant de déployer" in suivi
    assert "Note de la convention 3 — passable Séance de suivi 15 mars 2025" in suivi


def test_matrix_is_a_table_grouped_by_principle(site):
    page = site.html("tableaux")
    assert re.search(r'<table class="[^"]*civitrace-matrix', page)
    matrix = block(site.text("tableaux"), "Recommandations et mesures")
    assert "Principe Recommandation Réponse Mesures (statut)" in matrix
    assert (
        "P-1 — Utilité R-01 — Évaluer avant de déployer retenue "
        "M-01 — Publier un registre (en cours, en retard) M-02 — Former les agents (réalisée)" in matrix
    )
    assert "R-02 — Compter les coûts non retenue —" in matrix
    assert "R-03 — Sans réponse — non couverte" in matrix
    assert "P-2 — Sobriété R-04 — Mesurer l'énergie — M-01 — Publier un registre (en cours, en retard)" in matrix
    assert "sans principe R-05 — Sans principe — M-02 — Former les agents (réalisée)" in matrix


def test_summary_gives_coverage_statuses_and_decisions(site):
    summary = block(site.text("tableaux"), "Recommandations couvertes", "Recommandations et mesures")
    assert summary.startswith("Recommandations couvertes : 4 sur 5 (80 %)")
    assert "P-1 — Utilité 3 2 67 %" in summary
    assert "P-2 — Sobriété 1 1 100 %" in summary
    assert "sans principe 1 1 100 %" in summary
    assert "Total 5 4 80 %" in summary
    assert "prévue 0 en cours 1 réalisée 1 en retard 0 abandonnée 0 Total 2" in summary
    assert "dont en retard au 1er janvier 2026 1" in summary
    assert "retenue 1 retenue en partie 0 non retenue 1 reportée 0 sans réponse 3 Total 5" in summary


def test_trace_role_text_and_target(site):
    links = site.links("index")
    assert ("opinion/avis.html#R-01", "R-01 — Évaluer avant de déployer") in links
    assert ("strategy/plan.html#M-01", "le registre") in links


def test_objects_are_listed_for_search_and_inventories(site):
    objects = {
        name: (kind, doc, anchor) for name, _, kind, doc, anchor, _ in site.app.env.domains["civitrace"].get_objects()
    }
    assert objects["R-01"] == ("recommendation", "opinion/avis", "R-01")
    assert objects["I-1"] == ("indicator", "strategy/plan", "I-1")


def test_text_builder_renders_blocks_and_tables(tmp_path):
    src = write_project(tmp_path / "src", PROJECT)
    result = build(src, tmp_path / "text", builder="text")
    text = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "text").rglob("*.txt"))
    assert "Recommandations et mesures" in text  # the matrix caption
    assert "Mesures qui y répondent" in text
    assert "civitrace.unknown" not in result.warnings


@pytest.mark.parametrize("stated", [None, "demain"], ids=["unset", "invalid"])
def test_build_date_is_the_source_date_unless_stated(tmp_path, monkeypatch, stated):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 7, 1, 12, tzinfo=dt.UTC).timestamp())))
    src = write_project(tmp_path / "src", {**PROJECT, "conf.py": CONF})
    result = build(src, tmp_path / "html", overrides={"civitrace_as_of": stated} if stated else None)
    assert "Statut en cours — en retard au 1er juillet 2025" in result.text("strategy/plan")
    config_warning = "civitrace_as_of: 'demain' is not a date of the form YYYY-MM-DD; using the source date"
    assert (config_warning in result.warnings) is (stated is not None)
