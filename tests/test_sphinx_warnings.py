"""The build reports the diagnostics of ``civitrace check``, at the same places, and ``-W`` fails on them."""

from __future__ import annotations

import datetime as dt

import pytest

from civitrace import i18n
from civitrace.reader import read_project
from civitrace.rules import check
from helpers import VALID, write_project
from sphinx_helpers import CONF, build, sphinx_build

pytestmark = pytest.mark.sphinx

INDEX = """
    # Projet

    Un lien cassé : {trace}`R-99`.

    ```{toctree}
    :glob:

    */*
    ```
    """

BROKEN = {
    "conf.py": CONF,
    "index.md": INDEX,
    "opinion/avis.md": """
        # Avis

        :::{principle} P-1 Utilité
        :::

        :::{recommendation} R-01 Non couverte
        :principle: P-1
        :colour: bleu
        :::

        :::{recommendation} R-02 Principe inconnu
        :principle: P-9
        :vote: 7
        :::

        :::{recommendation} R-01 Doublon
        :principle: P-1
        :::

        :::{measure}
        :status: done
        :::
        """,
    "strategy/plan.md": """
        # Plan

        :::{measure} M-01 Dates inversées
        :responds: R-02, R-77
        :status: finished
        :start: 2025-06-01
        :due: 2025-01-01
        :::

        :::{measure} M-02 En retard
        :responds: R-02
        :status: in-progress
        :due: 2020-01-01
        :::

        :::{response} R-01
        :decision: adopted
        :::

        :::{response} R-02
        :decision: declined
        :::

        :::{response} R-02
        :decision: deferred

        Deuxième réponse.
        :::
        """,
    "strategy/ouvert.md": """
        # Ouvert

        :::{indicator} I-1 Jamais fermé
        :measure: M-01
        """,
}

VALID_SITE = {"conf.py": CONF, "index.md": INDEX.replace("Un lien cassé : {trace}`R-99`.", "Accueil."), **VALID}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    src = write_project(tmp_path_factory.mktemp("broken") / "src", BROKEN)
    return src, build(src, src.parent / "html")


def check_diagnostics(src, as_of=None) -> set[tuple[str, int, str, str]]:
    # In the build's language (the test project's is French): both say the same thing in the same words.
    with i18n.language("fr"):
        return {(d.location.path, d.location.line, d.message, d.code) for d in check(read_project(src), as_of=as_of)}


def test_build_warns_exactly_what_civitrace_check_reports(broken):
    src, result = broken
    expected = check_diagnostics(src)
    codes = {code for *_, code in expected}
    # the scenario exercises rules, option values, the reader and file structure
    assert {"uncovered", "unknown-option", "duplicate-id", "unknown-reference", "invalid-value"} <= codes
    assert {"due-before-start", "missing-justification", "duplicate-response", "response-without-measure"} <= codes
    assert {"missing-argument", "unclosed-fence"} <= codes
    warned = {w for w in result.civitrace_warnings() if w[0] != "index.md"}
    assert warned == expected


def test_lateness_is_shown_not_warned(broken):
    src, result = broken
    assert any(d.code == "late" for d in check(read_project(src), as_of=dt.date(2030, 1, 1)))
    assert not any(code == "late" for *_, code in result.civitrace_warnings())
    assert "Statut en cours — en retard au" in result.text("strategy/plan")


def test_unknown_id_in_trace_role_warns_at_the_role(broken):
    _, result = broken
    assert ("index.md", 3, "{trace} role: unknown ID 'R-99'", "unknown-reference") in result.civitrace_warnings()
    assert "Un lien cassé : R-99." in result.text("index")


def test_object_without_id_still_shows_its_block(broken):
    _, result = broken
    assert "Mesure — objet sans identifiant valide" in result.text("opinion/avis")


def test_every_build_reports_every_diagnostic_even_when_nothing_changed(broken, tmp_path):
    src, first = broken
    again = build(src, first.out, fresh=False)
    assert "0 added, 0 changed, 0 removed" in again.status
    # the diagnostics of the model, not the link warnings of pages (those are re-emitted when written)
    diagnostics = {w for w in first.civitrace_warnings() if w[0] != "index.md"}
    assert diagnostics
    assert again.civitrace_warnings() == diagnostics


def test_warnings_can_be_suppressed_by_code(tmp_path):
    src = write_project(tmp_path / "src", BROKEN)
    result = build(src, tmp_path / "html", overrides={"suppress_warnings": ["civitrace.uncovered"]})
    codes = {code for *_, code in result.civitrace_warnings()}
    assert "uncovered" not in codes
    assert "duplicate-id" in codes


def test_dash_w_fails_on_a_traceability_error(broken, tmp_path):
    src, _ = broken
    done = sphinx_build(src, tmp_path / "html", "-W", "--keep-going")
    assert done.returncode != 0
    assert "opinion/avis.md:6: WARNING: la recommandation R-01 n'est couverte par aucune mesure" in done.stderr
    assert "[civitrace.uncovered]" in done.stderr


def test_dash_w_passes_on_a_valid_project_with_late_measures(tmp_path):
    src = write_project(tmp_path / "src", VALID_SITE)
    assert any(d.code == "late" for d in check(read_project(src), as_of=dt.date(2030, 1, 1)))
    done = sphinx_build(src, tmp_path / "html", "-W", "-D", "civitrace_as_of=2030-01-01")
    assert done.returncode == 0, done.stderr
    assert "en retard au 1er janvier 2030" in (tmp_path / "html" / "strategy" / "axe.html").read_text(encoding="utf-8")
