"""The repository's example site (docs/conf.py) builds cleanly, in French, with its follow-up pages."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.sphinx


def test_example_builds_without_any_warning(example_site):
    # `sphinx-build -c docs -W --keep-going -b html . _build/html` must pass
    assert "WARNING" not in example_site.warnings, example_site.warnings


def test_site_is_french_and_searchable(example_site):
    page = example_site.html("docs/index")
    assert re.search(r'<html[^>]*lang="fr"', page)
    assert "civitrace — Montpellier Méditerranée Métropole" in page
    assert (example_site.out / "search.html").is_file()
    assert "R-01" in (example_site.out / "searchindex.js").read_text(encoding="utf-8")


def test_site_root_redirects_to_the_home_page(example_site):
    root = (example_site.out / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=docs/index.html"' in root


def test_only_the_site_sources_are_published(example_site):
    out = example_site.out
    assert (out / "opinion" / "01-utilite.html").is_file()
    assert (out / "strategy" / "reponses.html").is_file()
    for excluded in ("tests", "tools", "benchmarks", "README.html", ".pytest_cache"):
        assert not (out / excluded).exists(), excluded


def test_follow_up_page_has_summary_and_matrix(example_site):
    text = example_site.text("docs/suivi/index")
    assert re.search(r"Recommandations couvertes : \d+ sur \d+ \(\d+ %\)", text)
    assert "Mesures (statut)" in text
    assert "R-01 — Évaluer chaque projet d'IA avant son déploiement" in text


def test_recommendation_page_of_the_example_shows_its_measures(example_site):
    text = example_site.text("opinion/01-utilite")
    r01 = text.split("Recommandation R-01", 1)[1].split("Recommandation R-02", 1)[0]
    assert "Réponse publique retenue" in r01
    assert re.search(r"Mesures qui y répondent M-\d+ — .+ : (prévue|en cours|réalisée|en retard|abandonnée)", r01)
