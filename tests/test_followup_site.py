"""The follow-up part of the site, built by Sphinx from a real git history.

The project is :mod:`history_fixtures`' (tags v1 and v2, then a follow-up commit of
2025-06-01), with a Sphinx site whose source folder is the repository root and
whose conf.py is in docs/, like the example's.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from civitrace.export.atom import ATOM_NS
from civitrace.export.schema import shipped_schema
from history_fixtures import commit_work, git, make_project_repo, write
from sphinx_helpers import build

pytestmark = pytest.mark.sphinx

A = f"{{{ATOM_NS}}}"

CONF = """
project = "Essai"
author = "Ville d'Essai"
extensions = ["myst_parser", "civitrace"]
myst_enable_extensions = ["colon_fence"]
language = "fr"
root_doc = "docs/index"
exclude_patterns = ["_build", "docs/notes.md", "README.md"]


def setup(app):
    # Until the extension loads the follow-up part itself.
    from civitrace.sphinx_ext import FEATURES, followup

    if followup not in FEATURES:
        app.setup_extension("civitrace.sphinx_ext.followup")
"""

SITE = {
    "docs/conf.py": CONF,
    "docs/index.md": "# Essai\n\n:::{toctree}\n/opinion/principes\n/opinion/suivi\n/strategy/axe\n"
    "/strategy/mesures\n/strategy/reponses\n/docs/suivi/index\n/docs/suivi/changements\n/docs/suivi/donnees\n:::\n",
    "docs/suivi/index.md": "# Tableau de bord\n\n:::{trace-dashboard}\n:::\n",
    "docs/suivi/changements.md": "# Ce qui a changé\n\n:::{trace-changes}\n:::\n",
    "docs/suivi/donnees.md": "# Données ouvertes\n\n:::{trace-open-data}\n:::\n",
}


@pytest.fixture(autouse=True)
def _environment(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


def make_site(root: Path) -> Path:
    """The fixture project with its site, everything committed on 2025-06-01 (after v2)."""
    repo = make_project_repo(root)
    write(repo, SITE)
    commit_work(repo)
    return repo


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = make_site(tmp_path_factory.mktemp("followup") / "p")
    return build(repo, repo / "_build" / "html", confdir=repo / "docs")


def page(result, docname: str) -> str:
    """The page's visible text, without the "¶" of headings' and captions' permalinks."""
    return " ".join(result.text(docname).replace("¶", " ").split())


def test_builds_without_warnings(site):
    assert site.warnings == ""


def test_dashboard_figures(site):
    text = page(site, "docs/suivi/index")
    assert "Recommandations couvertes : 3 sur 3 (100 %)" in text
    # M-01 (40 %, weight 3) and M-02 (done, no figure: 100 %): (120 + 100) / 4 = 55 %.
    assert "Avancement d'ensemble : 55 % (moyenne sur 2 mesures sur 2)" in text
    assert "Avancement par principe Principe Mesures Avancement P-A — Utilité 1 40 % (pondéré) " in text
    assert "P-B — Transparence 1 100 %" in text
    assert "Avancement par axe Axe Mesures Avancement AX-1 — Confiance 2 55 % (pondéré)" in text
    assert "prévue 0 en cours 1 réalisée 1 en retard 0 abandonnée 0 Total 2" in text
    # The build date is the last commit's: 1 June 2025.
    assert "Aucune mesure n'est en retard au 1er juin 2025." in text
    assert "Prochaines échéances (à partir du 1er juin 2025) Date Mesure Étape 30 septembre 2025" in text
    assert "31 mai 2025" not in text  # a milestone already passed
    assert "R-01 — Évaluer chaque projet M-01 — Grille d'évaluation des projets (en cours) 4 — bien 15 mai 2025" in text
    assert (
        "R-02 — Mesurer l'empreinte retenue M-01 — Grille d'évaluation des projets (en cours) pas encore appréciée"
        in text
    )
    html = site.html("docs/suivi/index")
    assert 'style="width: 40%"' in html and 'style="width: 55%"' in html


def test_dashboard_late_measures_at_a_stated_date(tmp_path):
    repo = make_site(tmp_path / "p")
    late = build(repo, tmp_path / "late", confdir=repo / "docs", overrides={"civitrace_as_of": "2025-10-15"})
    text = page(late, "docs/suivi/index")
    assert (
        "Mesures en retard au 15 octobre 2025 Mesure Pilote Échéance Statut Avancement "
        "M-01 — Grille d'évaluation des projets — 30 septembre 2025 en cours, en retard 40 %"
    ) in text
    assert "Aucune échéance à venir." in text


def test_changes_page_lists_each_version(site):
    text = page(site, "docs/suivi/changements")
    since = text.index("Depuis la version v2 (1er avril 2025)")
    v2 = text.index("Version v2 (1er avril 2025)")
    v1 = text.index("Version v1 (10 janvier 2025)")
    assert since < v2 < v1
    assert "Couverture des recommandations : 2 sur 3 (67 %) → 3 sur 3 (100 %)." in text[since:v2]
    assert "M-01 — Grille d'évaluation des projets : échéance : 30 juin 2025 → 30 septembre 2025" in text[since:v2]
    assert "I-01 — Projets évalués : retiré" in text[since:v2]
    assert "réponse à R-02 : décision : non retenue → retenue" in text[v2:v1]
    assert "Première version : 2 principes, 3 recommandations, 1 axe, 1 mesure, 1 indicateur, 1 réponse." in text[v1:]
    links = dict(site.links("docs/suivi/changements"))
    assert links["../../changes.atom"] == "S'abonner aux changements (fil Atom)"


def test_the_site_follows_its_language_for_the_history_and_the_feed(tmp_path):
    """An English site says in English what `civitrace diff` says, on the changes page and in the feed."""
    repo = make_site(tmp_path / "p")
    result = build(repo, repo / "_build" / "html", confdir=repo / "docs", overrides={"language": "en"})
    text = page(result, "docs/suivi/changements")
    assert "Coverage of the recommendations: 2 of 3 (67%) → 3 of 3 (100%)." in text
    assert "M-01 — Grille d'évaluation des projets: due: 30 June 2025 → 30 September 2025" in text
    assert "I-01 — Projets évalués: removed" in text
    feed = ET.fromstring((result.out / "changes.atom").read_bytes())
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.find(f"{A}entry/{A}title").text == "Since version v2: 5 changes"


def test_object_history_and_timeline(site):
    text = page(site, "strategy/mesures")
    assert (
        "Calendrier 15 janvier 2025 — Début 15 février 2025 — Premier jet 31 mai 2025 — Validation "
        "au 1er juin 2025 30 septembre 2025 — Échéance (à venir)"
    ) in text
    assert (
        "Dernière modification : 1er juin 2025 Historique "
        "1er juin 2025 (pas encore dans une version étiquetée) : répond à : ajout de R-02 ; "
        "échéance : 30 juin 2025 → 30 septembre 2025 "
        "1er avril 2025 (version v2) : titre modifié (ancien titre : « Grille d'évaluation ») "
        "1er mars 2025 (version v2) : statut : prévue → en cours ; avancement : 0 % → 40 % "
        "10 janvier 2025 (version v1) : ajoutée"
    ) in text
    assert "Dernière modification : 1er mars 2025 Historique 1er mars 2025 (version v2) : ajoutée" in text
    assert (
        "Dernière modification : 1er juin 2025 Historique 1er juin 2025 (pas encore dans une version étiquetée) : ajoutée"
        in page(site, "opinion/suivi")
    )


def test_open_data_is_published_with_the_site(site):
    out = site.out
    document = json.loads((out / "civitrace.json").read_text(encoding="utf-8"))
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert (out / "schema.json").read_text(encoding="utf-8") == shipped_schema()
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert re.fullmatch(r"v2-1-g[0-9a-f]+", document["version"]) and document["date"] == "2025-06-01"
    keys = [o["key"] for o in document["objects"]]
    assert "M-01" in keys and "assessment:R-01:2025-05-15" in keys and "M-99" not in keys
    rows = list(csv.DictReader(io.StringIO((out / "civitrace.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["key"] for r in rows] == keys
    feed = ET.fromstring((out / "changes.atom").read_bytes())
    assert feed.tag == f"{A}feed"
    assert feed.find(f"{A}title").text == "Essai — ce qui a changé"
    entry_links = [e.find(f"{A}link").get("href") for e in feed.findall(f"{A}entry")]
    assert entry_links == [
        "docs/suivi/changements.html#depuis-v2",
        "docs/suivi/changements.html#version-v2",
        "docs/suivi/changements.html#version-v1",
    ]
    changes_page = site.html("docs/suivi/changements")
    for link in entry_links:
        assert f'id="{link.split("#")[1]}"' in changes_page
    downloads = dict(site.links("docs/suivi/donnees"))
    assert {"../../civitrace.json", "../../civitrace.csv", "../../schema.json", "../../changes.atom"} <= set(downloads)


def test_every_page_links_the_feed(site):
    for docname, href in (("docs/index", "../changes.atom"), ("strategy/mesures", "../changes.atom")):
        head = site.html(docname).split("</head>")[0]
        match = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)"', head)
        assert match and match.group(2) == href
        assert (site.out / docname).parent.joinpath(href).resolve() == (site.out / "changes.atom").resolve()


def test_two_builds_of_one_commit_are_identical(site, tmp_path):
    again = build(Path(site.app.srcdir), tmp_path / "again", confdir=Path(site.app.confdir))
    for name in ("civitrace.json", "civitrace.csv", "schema.json", "changes.atom"):
        assert (again.out / name).read_bytes() == (site.out / name).read_bytes(), name
    for docname in ("docs/suivi/index", "docs/suivi/changements", "strategy/mesures"):
        assert again.html(docname) == site.html(docname), docname


def test_a_new_tag_rewrites_the_pages_without_a_fresh_environment(tmp_path):
    repo = make_site(tmp_path / "p")
    out = tmp_path / "html"
    build(repo, out, confdir=repo / "docs")
    git(repo, "tag", "v3")
    again = build(repo, out, confdir=repo / "docs", fresh=False)
    assert "Version v3 (1er juin 2025)" in page(again, "docs/suivi/changements")
    assert "1er juin 2025 (version v3) : répond à : ajout de R-02" in page(again, "strategy/mesures")


def test_outside_git_everything_builds_with_history_unavailable(tmp_path):
    repo = make_site(tmp_path / "p")
    tarball = tmp_path / "tarball"
    shutil.copytree(repo, tarball, ignore=shutil.ignore_patterns(".git", "_build"))
    result = build(tarball, tarball / "_build" / "html", confdir=tarball / "docs")
    assert result.warnings == ""
    assert "Historique indisponible : les sources ne sont pas dans un dépôt git." in page(result, "strategy/mesures")
    assert "Historique indisponible" in page(result, "docs/suivi/changements")
    assert "Recommandations couvertes : 3 sur 3 (100 %)" in page(result, "docs/suivi/index")
    feed = ET.fromstring((result.out / "changes.atom").read_bytes())
    assert feed.findall(f"{A}entry") == [] and feed.find(f"{A}updated").text
    document = json.loads((result.out / "civitrace.json").read_text(encoding="utf-8"))
    assert (document["version"], document["date"]) == (None, None)


def test_paper_shows_the_dashboard_and_last_changes(tmp_path):
    repo = make_site(tmp_path / "p")
    result = build(repo, tmp_path / "text", confdir=repo / "docs", builder="text")
    assert result.warnings == ""
    text = "\n".join(path.read_text(encoding="utf-8") for path in (tmp_path / "text").rglob("*.txt"))
    assert "Avancement par principe" in text and "Calendrier" in text
    assert "Dernière modification : 1er juin 2025" in text
    assert "civitrace-bar" not in text
    assert not (tmp_path / "text" / "changes.atom").exists()
