"""``civitrace bilan``: the yearly report, on a project with a real git history and an AI register.

The project is :mod:`history_fixtures`' (v1, v2, then a follow-up commit of 2025-06-01)
with a register added in that commit, tagged ``v3``; the report on v3 compares it with v2.
"""

from __future__ import annotations

import pikepdf
import pytest

from civitrace.cli import main
from civitrace.history.changes import compare
from civitrace.history.diff_formats import sentence
from civitrace.history.git_revisions import GitRepository
from civitrace.i18n import set_language
from history_fixtures import commit_work, git, make_project_repo, write
from pdf_structure import catalog_facts, structure
from pdf_tools import run
from sphinx_helpers import build
from test_followup_site import SITE

REGISTER = """\
# Registre

:::{ai-system} SIA-COURRIER Aide au tri du courrier
:owner: Direction des usagers
:purpose: Proposer le service destinataire.
:status: service
:pilot: 2025-01-06
:service: 2025-03-01
:automation: assisted
:individual-decisions: no
:data: Courriers numérisés.

Le système propose, l'agent décide.
:::

:::{evaluation} SIA-COURRIER
:date: 2024-12-10
:by: Comité de l'IA
:result: favourable
:risk: limited
:review: 2025-08-01

Évaluation préalable favorable.
:::

:::{ai-system} SIA-LAPI Lecture des plaques
:owner: Direction du stationnement
:purpose: Contrôler le stationnement payant.
:status: pilot
:pilot: 2025-05-15
:automation: assisted
:individual-decisions: no
:uses: cameras
:data: Plaques d'immatriculation.

Expérimentation sur deux rues.
:::

:::{evaluation} SIA-LAPI
:date: 2025-05-01
:by: Comité de l'IA
:result: conditional
:risk: high

Favorable sous conditions.
:::

:::{deliberation} DEL-1 Lecture des plaques pour le stationnement
:body: Conseil de Métropole
:date: 2025-05-10
:systems: SIA-LAPI
:outcome: approved

Débat public puis vote.
:::

:::{ai-system} SIA-ANCIEN Tri des demandes
:owner: Direction des usagers
:purpose: Trier les demandes.
:status: service
:service: 2023-01-01
:automation: assisted
:individual-decisions: no
:data: Demandes en ligne.

Ancien système.
:::

:::{evaluation} SIA-ANCIEN
:date: 2022-12-01
:by: Comité de l'IA
:result: favourable
:risk: minimal
:review: 2025-01-01

Évaluation ancienne.
:::
"""


@pytest.fixture(autouse=True)
def _environment(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    yield
    set_language(None)  # the report sets French: give the other tests back the source language


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    repo = make_project_repo(tmp_path_factory.mktemp("report") / "p")
    write(repo, {"strategy/registre.md": REGISTER, **SITE})
    commit_work(repo)
    git(repo, "tag", "v3")
    return repo


def bilan(repo, out, *args: str) -> int:
    return main(["bilan", str(repo), "-o", str(out), "--lang", "fr", "--collectivity", "Ville d'Essai", *args])


@pytest.fixture(scope="module")
def report(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("bilan")
    assert bilan(project, out) == 0
    set_language(None)
    return out


def text(report) -> str:
    return (report / "bilan.md").read_text(encoding="utf-8")


def test_the_report_is_on_the_last_tag_compared_with_the_one_before(report):
    md = text(report)
    assert md.startswith("# Bilan annuel de la stratégie\n")
    assert "**Ville d'Essai** — Version v3 (1er juin 2025)" in md
    assert "Ce bilan décrit la version v3 (1er juin 2025) et la compare à la version v2 (1er avril 2025)." in md
    assert "| Indicateur | v2 (1er avril 2025) | v3 (1er juin 2025) |" in md
    assert "| Recommandations couvertes | 2 / 3 | 3 / 3 |" in md


def test_the_changes_since_the_previous_version_are_those_civitrace_diff_finds(report, project, french):
    repo = GitRepository(project)
    changes = compare(repo.read_project(repo.commit("v2").sha), repo.read_project(repo.commit("v3").sha)).changes
    assert changes
    md = text(report).replace("\\", "")
    assert "## Ce qui a changé depuis la version v2 (1er avril 2025)" in md
    for change in changes:
        said = sentence(change)
        assert said[:1].upper() + said[1:] in md


def test_late_measures_and_due_dates_are_judged_at_the_versions_date(report):
    md = text(report)
    assert "Aucune mesure n'est en retard au 1er juin 2025." in md
    assert "*Prochaines échéances (à partir du 1er juin 2025)*" in md
    assert "| 30 septembre 2025 | M-01 — Grille d'évaluation des projets | Échéance de la mesure |" in md


def test_the_assessments_stand_beside_the_answers(report):
    md = text(report)
    assert "## Réponse de la Métropole et appréciation de la convention" in md
    assert "| R-01 — Évaluer chaque projet | M-01 (en cours) | 4 — bien, 15 mai 2025 |" in md


def test_the_register_section_counts_systems_and_lists_what_happened_since_the_previous_version(report):
    md = text(report)
    assert "## Le registre de l'IA" in md
    assert "| en service | 0 | 2 |" in md and "| en expérimentation | 0 | 1 |" in md
    # Evaluations and deliberations dated after v2 (1 April 2025) only.
    assert "SIA-LAPI — Lecture des plaques | 1er mai 2025 | favorable sous conditions" in md
    assert "| SIA-COURRIER — Aide au tri du courrier | 10 décembre 2024 |" not in md  # before v2
    assert (
        "DEL-1 — Lecture des plaques pour le stationnement : adoptée, Conseil de Métropole, 10 mai 2025 (SIA-LAPI)"
        in md
    )
    # Reviews: one past due at the version's date, one within the coming year.
    assert "| SIA-ANCIEN — Tri des demandes | en service | 1er janvier 2025 | en retard |" in md
    assert "| SIA-COURRIER — Aide au tri du courrier | en service | 1er août 2025 | à venir |" in md


def test_the_reports_figures_are_the_dashboards(report, project, tmp_path):
    # The site built from the same commit (its build date is that commit's: 1 June 2025).
    site = build(project, tmp_path / "html", confdir=project / "docs")
    dashboard = " ".join(site.text("docs/suivi/index").replace("¶", " ").split())
    md = text(report)
    lines = [
        line
        for line in md.splitlines()
        if line.startswith("**Recommandations couvertes") or "Avancement d'ensemble" in line
    ]
    assert len(lines) == 2
    for line in lines:
        assert " ".join(line.strip("*").split()) in dashboard
    # Each principle's and axis's row: name, measures, progress — as the dashboard's tables show them.
    rows = [line for line in md.splitlines() if line.startswith(("| P-", "| AX-"))]
    assert len(rows) == 3
    for row in rows:
        name, count, *_, figure = [cell.strip() for cell in row.strip("|").split("|")]
        assert " ".join(f"{name} {count} {figure}".split()) in dashboard, row


def test_the_pdf_is_short_tagged_and_the_same_twice(report, project, tmp_path):
    pdf = report / "bilan.pdf"
    with pikepdf.open(pdf) as opened:
        facts = catalog_facts(opened)
        found = structure(opened)
        pages = len(opened.pages)
    assert pages <= 15
    assert facts["pdfua_part"] == "1" and facts["lang"] == "fr-FR" and facts["marked"] and facts["display_doc_title"]
    assert str(facts["title"]) == "Bilan annuel de la stratégie"
    assert found.tags["H1"] == 1 and found.tags["H2"] >= 6 and found.tags["TH"] >= 10 and found.tags["Table"] >= 5
    assert not found.untagged and not found.orphan_mcids
    assert not run(["pdfimages", "-list", str(pdf)]).stdout.splitlines()[2:]
    assert bilan(project, tmp_path / "again") == 0
    assert (tmp_path / "again" / "bilan.pdf").read_bytes() == pdf.read_bytes()
    assert (tmp_path / "again" / "bilan.md").read_bytes() == (report / "bilan.md").read_bytes()


def test_a_chosen_version_is_compared_with_the_tag_before_it(project, tmp_path):
    assert bilan(project, tmp_path, "--version", "v2", "--format", "markdown") == 0
    md = text(tmp_path)
    assert "Ce bilan décrit la version v2 (1er avril 2025) et la compare à la version v1 (10 janvier 2025)." in md
    assert not (tmp_path / "bilan.pdf").exists()


def test_the_first_tag_is_compared_with_nothing(project, tmp_path):
    assert bilan(project, tmp_path, "--version", "v1", "--format", "markdown") == 0
    md = text(tmp_path)
    assert "La version v1 (10 janvier 2025) est la première étiquetée" in md
    assert "Aucune version précédente à laquelle comparer." in md


def test_without_any_tag_the_report_is_on_the_working_files_and_says_so(tmp_path):
    repo = make_project_repo(tmp_path / "p", work=False)
    for tag in ("v1", "v2"):
        git(repo, "tag", "-d", tag)
    assert bilan(repo, tmp_path / "out", "--format", "markdown") == 0
    md = text(tmp_path / "out")
    assert "Aucune version n'est encore étiquetée dans git" in md
    assert "Version de travail (1er avril 2025)" in md


def test_an_unknown_version_is_a_usage_error(project, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        bilan(project, tmp_path, "--version", "v9")
    assert exit_.value.code == 2
    # the report is asked in French (--lang fr): so is its usage error
    assert "révision inconnue «\xa0v9\xa0»" in capsys.readouterr().err


def test_outside_git_the_report_says_it_compares_with_nothing(tmp_path):
    from history_fixtures import PRINCIPLES

    write(tmp_path / "p", {"opinion/principes.md": PRINCIPLES})
    assert bilan(tmp_path / "p", tmp_path / "out", "--format", "markdown") == 0
    md = text(tmp_path / "out")
    assert "Les sources ne sont pas dans un dépôt git" in md
    assert "Recommandations couvertes : 0 sur 3 (0 %)" in md.replace("\u00a0", " ")


def test_a_report_asked_in_english_writes_its_dates_in_english(project, tmp_path):
    out = tmp_path / "en"
    assert main(["bilan", str(project), "-o", str(out), "--lang", "en", "--format", "markdown"]) == 0
    md = text(out)
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre")
    assert not any(f" {month} 20" in md for month in months), md
    assert any(f" {month} 20" in md for month in ("January", "February", "March", "April", "May", "June"))
