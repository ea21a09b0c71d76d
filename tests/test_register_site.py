"""The register on the site, in a real Sphinx build: the register page, a system's block, a measure's block."""

from __future__ import annotations

import csv
import io
import json

import pytest

from civitrace import i18n
from helpers import write_project
from sphinx_helpers import CONF, build
from test_register_readers import REGISTER

pytestmark = pytest.mark.sphinx

SITE = {
    **REGISTER,
    "conf.py": CONF + 'civitrace_as_of = "2027-01-15"\n',
    "pyproject.toml": '[tool.civitrace.register]\nadministration = "Ville d\'Essai"\n',
    "index.md": """
        # Essai

        ```{toctree}
        mesures
        registre
        tableau
        donnees
        ```
        """,
    "registre.md": REGISTER["registre.md"]
    .replace(":date: 2025-05-02\n        :systems: SIA-LAPI", ":date: 2025-04-30\n        :systems: SIA-LAPI")
    .split(":::{evaluation} M-05")[0]
    + """
        :::{evaluation} SIA-LAPI
        :date: 2025-03-20
        :by: Comité métropolitain de l'IA et du numérique
        :result: conditional
        :risk: limited

        Avis favorable sous conditions.
        :::

        :::{ai-system} SIA-VIDEO Analyse des images de vidéoprotection
        :status: rejected
        :uses: cameras, public-space
        :measures: M-05

        Refusé par le conseil.
        :::

        :::{deliberation} DEL-2025-012 Analyse des images de vidéoprotection
        :body: Conseil de Métropole
        :date: 2025-02-13
        :systems: SIA-VIDEO
        :outcome: rejected

        Le conseil rejette le projet.
        :::

        ## Le registre public

        :::{trace-register}
        :::

        :::{trace-graph}
        :root: M-05
        :register:
        :::
        """,
    "tableau.md": "# Tableau de bord\n\n:::{trace-dashboard}\n:sections: register\n:::\n",
    "donnees.md": "# Données\n\n:::{trace-open-data}\n:::\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = write_project(tmp_path_factory.mktemp("register-site") / "src", SITE)
    result = build(src, src.parent / "html")
    yield result
    i18n.set_language("en")


def test_the_site_builds_without_warning(site):
    assert site.civitrace_warnings() == set()


def test_a_systems_block_shows_its_fields_and_the_doctrines_verdict_in_french(site):
    text = site.text("registre")
    block = text.split("Système d'IA SIA-COURRIER — Aide au tri du courrier entrant", 1)[1].split("Évaluation de")[0]
    for expected in (
        "Service responsable Direction de la relation aux usagers",
        "Statut en service",
        "Début de l'expérimentation 6 janvier 2025",
        "Mise en service 1er septembre 2025",
        "Niveau d'automatisation aide à la décision",
        "Décisions individuelles non",
        "Usages données personnelles",
        "Mesures qui le portent M-05 — Grille d'évaluation des projets d'IA",
        "Code source https://example.fr/code/courrier",
        "Verdict de la doctrine réévaluation en retard",  # at the build date stated in conf.py
        "Évaluation préalable favorable, le 10 décembre 2024",
        "Débat démocratique non requis par la doctrine",
        "Prochain réexamen 10 décembre 2026 — dépassé au 15 janvier 2027",
        "Évaluations 10 décembre 2024 : favorable, risque limité, Comité métropolitain de l'IA et du numérique",
        "Délibérations aucune délibération",
    ):
        assert expected in block, expected
    assert ("https://example.fr/code/courrier", "https://example.fr/code/courrier") in site.links("registre")


def test_a_camera_system_names_the_deliberation_that_approved_it(site):
    text = site.text("registre")
    block = text.split("Système d'IA SIA-LAPI", 1)[1].split("Délibération DEL-2025-041")[0]
    assert "Verdict de la doctrine conforme à la doctrine" in block
    assert "Débat démocratique requis (caméras) — DEL-2025-041, adoptée le 30 avril 2025" in block
    assert "Évaluation préalable favorable sous conditions, le 20 mars 2025" in block
    refused = text.split("Système d'IA SIA-VIDEO", 1)[1]
    assert "Statut refusé" in refused
    assert "Débat démocratique requis (caméras) — DEL-2025-012, rejetée le 13 février 2025" in refused
    assert "Évaluation préalable pas encore évalué" in refused


def test_evaluations_and_deliberations_are_listed_in_date_order(tmp_path):
    files = dict(SITE)
    files["registre.md"] += """
        :::{evaluation} SIA-COURRIER
        :date: 2026-11-30
        :result: favourable

        Réexamen.
        :::

        :::{evaluation} SIA-COURRIER
        :date: 2025-12-01
        :result: conditional

        Bilan intermédiaire.
        :::
        """
    src = write_project(tmp_path / "src", files)
    text = build(src, tmp_path / "html").text("registre")
    block = text.split("Système d'IA SIA-COURRIER", 1)[1].split("Évaluation de")[0]
    dates = [block.index(d) for d in ("10 décembre 2024 :", "1er décembre 2025 :", "30 novembre 2026 :")]
    assert dates == sorted(dates)
    assert "Prochain réexamen 30 novembre 2028" in block  # the latest evaluation + 24 months


def test_a_measures_block_lists_the_systems_it_carries(site):
    text = site.text("mesures")
    assert (
        "Systèmes d'IA portés SIA-COURRIER — Aide au tri du courrier entrant : en service "
        "SIA-LAPI — Lecture des plaques : en expérimentation "
        "SIA-VIDEO — Analyse des images de vidéoprotection : refusé"
    ) in text
    hrefs = dict((t, h) for h, t in site.links("mesures"))
    assert hrefs["SIA-LAPI — Lecture des plaques"].startswith("registre.html#")


def test_the_register_table_and_its_figures(site):
    text = site.text("registre")
    assert "Évalués avant leur déploiement : 2 sur 2 systèmes déployés (100 %)" in text
    assert (
        "Réévaluations en retard au 15 janvier 2027 : 1 SIA-COURRIER — Aide au tri du courrier entrant : 10 décembre 2026"
        in text
    )
    assert "Statut Systèmes en projet 0 en expérimentation 1 en service 1 suspendu 0 retiré 0 refusé 1 Total 3" in text
    table = text.split("Registre public des systèmes d'IA", 1)[1].lstrip("¶")
    assert table.startswith(
        " Système d'IA Service responsable Statut Niveau d'automatisation Usages Dernière évaluation Délibération "
        "Prochain réexamen "
        "SIA-COURRIER — Aide au tri du courrier entrant Direction de la relation aux usagers en service "
        "aide à la décision données personnelles favorable, le 10 décembre 2024 — 10 décembre 2026 "
        "SIA-LAPI — Lecture des plaques Police municipale en expérimentation aide à la décision "
        "caméras, espace public, données personnelles favorable sous conditions, le 20 mars 2025 "
        "DEL-2025-041 (adoptée) 20 mars 2027 "
        "SIA-VIDEO — Analyse des images de vidéoprotection — refusé — caméras, espace public pas encore évalué "
        "DEL-2025-012 (rejetée) —"
    )
    page = site.html("registre")
    assert 'class="civitrace-verdict-problem"' in page  # the overdue review, in bold, not by colour alone


def test_the_dashboard_has_the_register_figures(site):
    text = site.text("tableau")
    assert "Évalués avant leur déploiement : 2 sur 2 systèmes déployés (100 %)" in text
    assert "Systèmes d'IA par statut" in text


def test_the_diagram_draws_the_systems_after_their_measure_with_their_verdict(site):
    page = site.html("registre")
    assert 'xlink:href="#SIA-LAPI"' in page and "trace-ai-system" in page
    assert "en expérimentation · conforme" in page
    assert "refusé · hors service" in page
    text = site.text("registre")
    assert "Système d'IA SIA-COURRIER : Aide au tri du courrier entrant (en service, réexamen dépassé)" in text


def test_the_site_publishes_the_inventory_beside_the_open_data(site):
    rows = list(csv.DictReader(io.StringIO((site.out / "inventaire-algorithmes.csv").read_text("utf-8"), newline="")))
    assert [r["Identifiant"] for r in rows] == ["SIA-COURRIER", "SIA-LAPI", "SIA-VIDEO"]
    assert rows[0]["Administration"] == "Ville d'Essai"
    document = json.loads((site.out / "inventaire-algorithmes.json").read_text("utf-8"))
    assert [s["identifiant"] for s in document["systems"]] == ["SIA-COURRIER", "SIA-LAPI", "SIA-VIDEO"]
    assert (site.out / "inventaire-algorithmes.schema.json").is_file()
    links = {text: href for href, text in site.links("donnees")}
    assert links["inventaire-algorithmes.csv"] == "inventaire-algorithmes.csv"
    assert "L'inventaire public des algorithmes, tiré du registre de l'IA (CSV) : inventaire-algorithmes.csv" in (
        site.text("donnees")
    )


def test_the_example_register_is_in_the_strategy_and_the_pdf(example_site, example_pdf):
    text = example_site.text("strategy/registre/index")
    assert "Registre public des systèmes d'IA" in text
    assert "illustratifs" in text
    strategy = example_site.html("strategy/index")
    assert 'href="registre/index.html"' in strategy
    # The PDF (civitrace-pdf builder, built once per session): the register is in it, without warnings.
    pdf_text = example_pdf.text()
    assert "Registre public des systèmes d" in pdf_text
    assert "SIA-LAPI" in pdf_text
    assert example_pdf.warnings == ""


def test_an_incremental_build_follows_the_doctrine_and_new_deliberations(tmp_path):
    from sphinx_helpers import edit

    files = {**SITE, "pyproject.toml": "[tool.civitrace.doctrine]\ndebate = []\n"}
    src = write_project(tmp_path / "src", files)
    first = build(src, tmp_path / "html")
    assert first.civitrace_warnings() == set()
    assert "Débat démocratique non requis par la doctrine" in first.text("registre").split("SIA-LAPI", 1)[1]
    # only pyproject.toml changes: no document is re-read, the verdicts on the pages still follow
    (src / "pyproject.toml").write_text('[tool.civitrace.doctrine]\ndebate = ["cameras"]\n', encoding="utf-8")
    second = build(src, tmp_path / "html", fresh=False)
    lapi = second.text("registre").split("Système d'IA SIA-LAPI", 1)[1]
    assert "Débat démocratique requis (caméras) — DEL-2025-041, adoptée le 30 avril 2025" in lapi
    # the deliberation moves after the trial started: the build warns, the page says why
    edit(src / "registre.md", ":date: 2025-04-30\n:systems: SIA-LAPI", ":date: 2025-05-02\n:systems: SIA-LAPI")
    third = build(src, tmp_path / "html", fresh=False)
    assert {(w[1], w[3]) for w in third.civitrace_warnings()} == {(31, "no-debate")}
    lapi = third.text("registre").split("Système d'IA SIA-LAPI", 1)[1]
    assert "Verdict de la doctrine utilisé sans débat démocratique préalable" in lapi
    assert "adoptée le 2 mai 2025 (après le déploiement)" in lapi
    assert "SIA-LAPI — Lecture des plaques : en expérimentation" in third.text("mesures")
