"""Incremental builds (no ``-E``) keep every page that shows another document's objects current."""

from __future__ import annotations

import pytest

from helpers import write_project
from sphinx_helpers import CONF, build, edit

pytestmark = pytest.mark.sphinx

PROJECT = {
    "conf.py": CONF + 'civitrace_as_of = "2025-01-01"\n',
    "index.md": """
        # Projet

        ```{toctree}
        opinion/avis
        strategy/plan
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
        :::

        :::{recommendation} R-01 Évaluer
        :principle: P-1
        :::

        :::{recommendation} R-02 Compter
        :principle: P-1
        :::
        """,
    "strategy/plan.md": """
        # Plan

        :::{measure} M-01 Grille
        :responds: R-01
        :status: planned
        :due: 2026-06-30
        :::

        :::{measure} M-02 Bilan
        :responds: R-02
        :status: planned
        :::
        """,
}


def recommendation(text: str, rec_id: str) -> str:
    after = text.split(f"Recommandation {rec_id}", 1)[1]
    return after.split("Recommandation ", 1)[0]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """Build, then move M-01 from R-01 to R-02 and mark it done, then rebuild without -E."""
    src = write_project(tmp_path_factory.mktemp("incremental") / "src", PROJECT)
    out = src.parent / "html"
    first = build(src, out)
    # the second build writes over the first: keep what the first one showed
    before = {docname: first.text(docname) for docname in ("opinion/avis", "tableaux")}
    edit(src / "strategy" / "plan.md", ":responds: R-01\n:status: planned", ":responds: R-02\n:status: done")
    second = build(src, out, fresh=False)
    return before, first, second


def test_first_build_shows_the_original_state(rebuilt):
    before, _, _ = rebuilt
    assert "Mesures qui y répondent M-01 — Grille : prévue" in recommendation(before["opinion/avis"], "R-01")
    assert "Recommandations couvertes : 2 sur 2 (100 %)" in before["tableaux"]


def test_only_the_edited_file_was_read_again(rebuilt):
    _, _, second = rebuilt
    assert "0 added, 1 changed, 0 removed" in second.status


def test_recommendation_pages_in_other_files_show_the_new_state(rebuilt):
    _, _, second = rebuilt
    page = second.text("opinion/avis")
    r01, r02 = recommendation(page, "R-01"), recommendation(page, "R-02")
    assert "Mesures qui y répondent aucune mesure" in r01
    assert "Couverture non couverte" in r01
    assert "M-01 — Grille : réalisée" in r02
    assert "M-02 — Bilan : prévue" in r02


def test_matrix_and_summary_show_the_new_state(rebuilt):
    _, _, second = rebuilt
    page = second.text("tableaux")
    assert "Recommandations couvertes : 1 sur 2 (50 %)" in page
    assert "prévue 1 en cours 0 réalisée 1" in page
    assert "R-01 — Évaluer — non couverte" in page
    assert "R-02 — Compter — M-01 — Grille (réalisée) M-02 — Bilan (prévue)" in page


def test_the_rebuild_reports_the_new_diagnostics(rebuilt):
    _, first, second = rebuilt
    assert not first.civitrace_warnings()
    assert {(path, line, code) for path, line, _, code in second.civitrace_warnings()} == {
        ("opinion/avis.md", 6, "uncovered")
    }


def test_removing_a_document_updates_the_pages_that_showed_its_objects(tmp_path):
    src = write_project(tmp_path / "src", PROJECT)
    build(src, tmp_path / "html")
    (src / "strategy" / "plan.md").unlink()
    again = build(src, tmp_path / "html", fresh=False)
    assert "0 added, 0 changed, 1 removed" in again.status
    assert "Couverture non couverte" in recommendation(again.text("opinion/avis"), "R-02")
    assert "Recommandations couvertes : 0 sur 2 (0 %)" in again.text("tableaux")


def test_a_new_build_date_rewrites_lateness_without_reading_again(tmp_path):
    src = write_project(tmp_path / "src", PROJECT)
    first = build(src, tmp_path / "html")
    assert "en retard" not in first.text("strategy/plan")
    later = build(src, tmp_path / "html", fresh=False, overrides={"civitrace_as_of": "2027-01-01"})
    assert "0 added, 0 changed, 0 removed" in later.status
    assert "Statut prévue — en retard au 1er janvier 2027" in later.text("strategy/plan")
    assert "M-01 — Grille (prévue, en retard)" in later.text("tableaux")
