"""Odd or wrong input gives warnings and pages, never a crashed build."""

from __future__ import annotations

import pytest

from helpers import write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

ODD = {
    "conf.py": CONF + "nitpicky = True\n",
    "index.md": """
        # Bizarre

        Rôles : {trace}`<R-01>`, {any}`R-01`, {civitrace:trace}`R-02`, {trace}`texte <M-404>`.

        ```{toctree}
        :glob:

        */*
        ```
        """,
    "opinion/avis.md": """
        # Avis

        :::{recommendation} R-01 Première
        :principle: M-01
        :::

        :::{recommendation} R-02 Deuxième
        :principle: P-404
        :::

        :::{recommendation} R-02 Même ID dans le même fichier
        :::

        :::{assessment} R-01
        :grade: 9
        :::

        :::{assessment} R-01
        :grade: 2
        :date: 2025-01-01
        :::

        :::{assessment} R-01
        :grade: 2
        :date: 2025-01-01
        :::

        :::{recommendation} R--1 Identifiant invalide
        :::

        :::{principle}
        :::
        """,
    "strategy/plan.md": """
        # Plan

        :::{measure} M-01 Mesure
        :responds: R-01,, R-02
        :axis: R-01
        :status:
        :progress: 140
        :weight: -1
        :milestones: pas une date
        :::

        :::{response} R-01 avec un titre en trop
        :decision: adopted

        Une réponse qui contient un tableau et une recommandation :

        :::{trace-matrix}
        :::

        ::::{recommendation} R-03 Imbriquée dans une réponse
        ::::
        :::

        :::{response} R-02
        :::
        """,
}


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    src = write_project(tmp_path_factory.mktemp("odd") / "src", ODD)
    return build(src, src.parent / "html")


def test_the_build_finishes_and_reports(odd):
    codes = {code for *_, code in odd.civitrace_warnings()}
    assert {"wrong-kind", "invalid-value", "invalid-date", "invalid-id", "missing-argument"} <= codes
    assert {"missing-option", "duplicate-assessment", "unexpected-title", "duplicate-id"} <= codes
    assert "Traceback" not in odd.warnings


def test_any_role_and_domain_role_resolve(odd):
    links = odd.links("index")
    assert ("opinion/avis.html#R-01", "R-01 — Première") in links
    assert ("opinion/avis.html#R-02", "R-02 — Deuxième") in links


def test_unknown_targets_in_roles_warn_and_options_leave_it_to_the_rules(odd):
    role_warnings = [w for w in odd.civitrace_warnings() if w[2].startswith("{trace} role")]
    # P-404 in R-02's options is reported once, by the rules, even with nitpicky = True
    assert [w for w in odd.civitrace_warnings() if "P-404" in w[2]] == [
        (
            "opinion/avis.md",
            7,
            "recommandation R-02 renvoie à P-404, identifiant inconnu (type attendu : principe)",
            "unknown-reference",
        )
    ]
    assert sorted(role_warnings) == [
        ("index.md", 3, "{trace} role: unknown ID '<R-01>'", "unknown-reference"),
        ("index.md", 3, "{trace} role: unknown ID 'M-404'", "unknown-reference"),
    ]


def test_quoted_response_does_not_recurse(odd):
    text = odd.text("opinion/avis")
    r01 = text.split("Recommandation R-01", 1)[1].split("Recommandation R-02", 1)[0]
    assert "Une réponse qui contient un tableau" in r01
    # the quoted body leaves out what is computed per page (the matrix) and the nested object's links
    assert "Recommandations et mesures" not in r01


@pytest.mark.parametrize(("builder", "page"), [("json", "index.fjson"), ("pickle", "index.fpickle")])
def test_the_serialising_builders_build_the_pages_with_their_diagrams(tmp_path, builder, page):
    import json
    import pickle

    src = write_project(
        tmp_path / "src",
        {
            "conf.py": CONF,
            "index.md": "# Accueil\n\n:::{recommendation} R-1 Reco\n:::\n\n:::{measure} M-1 Mesure\n"
            ":responds: R-1\n:::\n\n:::{trace-graph}\n:::\n",
        },
    )
    done = build(src, tmp_path / "out", builder=builder)
    raw = (tmp_path / "out" / page).read_bytes()
    body = (json.loads(raw) if builder == "json" else pickle.loads(raw))["body"]
    assert "M-1" in body and "<svg" in body and "civitrace-drawing" not in body
    assert "Traceback" not in done.warnings
