"""Both readers read the register alike, and the Sphinx build reports the doctrine where ``check`` does."""

from __future__ import annotations

import pytest

from civitrace import i18n
from civitrace.reader import read_project
from civitrace.rules import check
from helpers import write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

REGISTER = {
    "conf.py": CONF,
    "pyproject.toml": """
        [tool.civitrace.doctrine]
        debate = ["cameras", "public-space"]
        forbidden = ["biometric-identification"]
        review-months = 12
        """,
    "index.md": """
        # Registre

        ```{toctree}
        mesures
        registre
        ```
        """,
    "mesures.md": """
        # Mesures

        :::{measure} M-05 Grille d'évaluation des projets d'IA
        :status: in-progress
        :::
        """,
    "registre.md": """
        # Registre des systèmes d'IA

        ```{ai-system} SIA-COURRIER Aide au tri du courrier entrant
        ---
        owner: Direction de la relation aux usagers
        contact: numerique@example.fr
        purpose: Proposer à l'agent le service destinataire de chaque courrier reçu.
        status: service
        pilot: 2025-01-06
        service: 2025-09-01
        automation: assisted
        individual-decisions: no
        uses: personal-data
        data: Courriers numérisés reçus par la Métropole.
        measures: M-05
        code: https://example.fr/code/courrier
        ---
        Description publique.
        ```

        :::{evaluation} SIA-COURRIER
        :date: 2024-12-10
        :by: Comité métropolitain de l'IA et du numérique
        :result: favourable
        :risk: limited
        :review: 2026-12-10

        Résumé public de l'évaluation préalable.
        :::

        :::{ai-system} SIA-LAPI Lecture des plaques
        :owner: Police municipale
        :purpose: Contrôler le paiement du stationnement.
        :status: pilot
        :pilot: 2025-05-01
        :automation: assisted
        :data: Images des plaques.
        :uses: cameras, public-space, personal-data
        :measures: M-05

        Description.
        :::

        :::{deliberation} DEL-2025-041 Lecture automatique des plaques
        :body: Conseil de Métropole
        :date: 2025-05-02
        :systems: SIA-LAPI
        :outcome: approved
        :act: https://example.fr/deliberations/2025-041

        Résumé du débat.
        :::

        :::{evaluation} M-05
        :date: 2025-01-01
        :result: favourable

        Une évaluation d'une mesure.
        :::

        :::{deliberation} DEL-VIDE Sans système
        :date: 2025-01-01
        :outcome: adjourned
        :::
        """,
}


def test_readers_agree_on_the_register_and_report_the_same_diagnostics(tmp_path):
    src = write_project(tmp_path / "src", REGISTER)
    i18n.set_language("fr")  # the site's language: both say the same thing in the same words
    try:
        fast = read_project(src)
        expected = {(d.location.path, d.location.line, d.message, d.code) for d in check(fast, as_of=None)}
        result = build(src, tmp_path / "html")
    finally:
        i18n.set_language("en")
    assert {o.kind for o in fast.objects} >= {"ai-system", "evaluation", "deliberation"}
    assert result.signatures() == {o.signature() for o in fast.objects}
    assert result.app.env.domains["civitrace"].project().doctrine == fast.doctrine
    assert fast.doctrine.debate == ("cameras", "public-space")
    codes = {(path, line, code) for path, line, _message, code in expected}
    assert codes == {
        ("registre.md", 31, "no-prior-evaluation"),
        ("registre.md", 31, "no-debate"),
        ("registre.md", 54, "wrong-kind"),
        ("registre.md", 61, "missing-option"),
        ("registre.md", 61, "missing-summary"),
    }
    assert result.civitrace_warnings() == expected
    assert (
        "registre.md",
        31,
        "Le système d'IA SIA-LAPI a un usage soumis au débat (caméras, espace public) et est en expérimentation depuis le 2025-05-01 "
        "sans délibération l'approuvant au préalable (dernière délibération : DEL-2025-041 du 2025-05-02, adoptée)",
        "no-debate",
    ) in expected


def test_a_bad_doctrine_setting_is_a_build_warning_at_its_line(tmp_path):
    files = {**REGISTER, "pyproject.toml": '[tool.civitrace.doctrine]\ndebate = "cameras"\n'}
    src = write_project(tmp_path / "src", files)
    warnings = build(src, tmp_path / "html").warnings
    assert "pyproject.toml:2: WARNING: tool.civitrace.doctrine.debate doit être une liste d'usages" in warnings
    assert "Traceback" not in warnings
