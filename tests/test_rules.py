"""Each traceability rule of DESIGN.md, on a fixture that breaks it: exact file, line and message."""

from __future__ import annotations

import pytest

from helpers import VALID, diagnostics_text, write_project


def with_strategy(extra: str) -> dict[str, str]:
    """The valid project plus a third file, ``strategy/extra.md``."""
    return {**VALID, "strategy/extra.md": extra}


def test_the_valid_fixture_has_no_diagnostic(tmp_path):
    assert diagnostics_text(write_project(tmp_path, VALID), as_of="2026-01-01") == []


CASES = {
    "duplicate id": (
        ":::{measure} R-01 Même ID qu'une recommandation\n:responds: R-01\n:::\n",
        [
            "strategy/extra.md:1: error: measure R-01 reuses an ID already defined at "
            "opinion/principes.md:7 (recommendation)"
        ],
    ),
    "unknown reference": (
        ":::{measure} M-07 Mesure\n:responds: R-01, R-99\n:axis: AXE-9\n:::\n",
        [
            "strategy/extra.md:1: error: measure M-07 belongs to unknown axis AXE-9",
            "strategy/extra.md:1: error: measure M-07 responds to unknown recommendation R-99",
        ],
    ),
    "wrong kind": (
        ":::{measure} M-08 Mesure\n:responds: M-01\n:axis: P-1\n:::\n",
        [
            "strategy/extra.md:1: error: measure M-08 belongs to P-1, which is a principle, not an axis",
            "strategy/extra.md:1: error: measure M-08 responds to M-01, which is a measure, not a recommendation",
        ],
    ),
    "unknown option": (
        ":::{indicator} I-02 Indicateur\n:measure: M-01\n:cible: 10\n:::\n",
        ["strategy/extra.md:1: error: indicator I-02 has unknown option 'cible' (allowed: measure, target, unit)"],
    ),
    "invalid status": (
        "# Mesures\n\n:::{measure} M-09 Mesure\n:responds: R-01\n:status: finie\n:::\n",
        [
            "strategy/extra.md:3: error: measure M-09 has an invalid 'status': "
            "'finie' is not one of planned, in-progress, done, delayed, abandoned"
        ],
    ),
    "invalid progress": (
        ":::{measure} M-09 Mesure\n:responds: R-01\n:progress: 120\n:::\n",
        ["strategy/extra.md:1: error: measure M-09 has an invalid 'progress': 120 is not between 0 and 100"],
    ),
    "invalid vote": (
        ":::{recommendation} R-03 Vote\n:principle: P-1\n:vote: bien\n:::\n:::{response} R-03\n:decision: declined\n\nNon.\n:::\n",
        [
            "strategy/extra.md:1: error: recommendation R-03 has an invalid 'vote': 'bien' is not a whole number between 1 and 5"
        ],
    ),
    "invalid decision": (
        ":::{response} R-01\n:decision: oui\n:::\n",
        [
            "strategy/extra.md:1: error: response for R-01 has an invalid 'decision': "
            "'oui' is not one of adopted, partial, declined, deferred"
        ],
    ),
    "malformed date": (
        ":::{measure} M-09 Mesure\n:responds: R-01\n:start: 2025-02-30\n:due: 31/12/2025\n:::\n",
        [
            "strategy/extra.md:1: error: measure M-09 has an invalid 'due': '31/12/2025' is not a date of the form YYYY-MM-DD",
            "strategy/extra.md:1: error: measure M-09 has an invalid 'start': '2025-02-30' is not a valid date",
        ],
    ),
    "due before start": (
        ":::{measure} M-09 Mesure\n:responds: R-01\n:status: done\n:start: 2025-06-01\n:due: 2025-01-01\n:::\n",
        ["strategy/extra.md:1: error: measure M-09 is due on 2025-01-01 before it starts on 2025-06-01"],
    ),
    "two responses": (
        ":::{response} R-02\n:decision: declined\n\nAutre avis.\n:::\n",
        ["strategy/extra.md:1: error: recommendation R-02 has a second response (the first is at strategy/axe.md:22)"],
    ),
    "adopted without measure": (
        ":::{recommendation} R-03 Sans mesure\n:principle: P-1\n:::\n\n:::{response} R-03\n:decision: adopted\n\nOui.\n:::\n",
        [
            "strategy/extra.md:1: error: recommendation R-03 is not covered by any measure or response",
            "strategy/extra.md:5: error: response for R-03 is 'adopted' but no measure responds to R-03",
        ],
    ),
    "declined without justification": (
        ":::{recommendation} R-03 Refusée\n:principle: P-1\n:::\n\n:::{response} R-03\n:decision: declined\n:::\n",
        [
            "strategy/extra.md:1: error: recommendation R-03 is not covered by any measure or response",
            "strategy/extra.md:5: error: response for R-03 is 'declined' without a public justification",
        ],
    ),
    "response without decision": (
        ":::{recommendation} R-03 X\n:principle: P-1\n:::\n:::{response} R-03\nTexte.\n:::\n",
        [
            "strategy/extra.md:1: error: recommendation R-03 is not covered by any measure or response",
            "strategy/extra.md:4: error: response for R-03 needs the option 'decision'",
        ],
    ),
    "options after a blank line": (
        ":::{measure} M-09 Mesure\n\n:responds: R-01\n:status: done\n:::\n",
        [
            "strategy/extra.md:1: error: measure M-09 has ':responds: R-01' in its text: write options right "
            "under the opening line, with no blank line before them"
        ],
    ),
    "response with a title": (
        ":::{response} R-02 Titre en trop\n:decision: deferred\n\nPlus tard.\n:::\n",
        [
            "strategy/extra.md:1: error: recommendation R-02 has a second response (the first is at strategy/axe.md:22)",
            "strategy/extra.md:1: error: response for R-02 takes only a recommendation ID, not 'Titre en trop'",
        ],
    ),
    "assessment out of range and twice": (
        ":::{assessment} R-01\n:grade: 6\n:date: 2025-03-15\n:::\n"
        ":::{assessment} R-01\n:grade: 3\n:date: 2025-03-15\n:::\n",
        [
            "strategy/extra.md:1: error: convention's assessment for R-01 has an invalid 'grade': 6 is not between 1 and 5",
            "strategy/extra.md:5: error: convention's assessment for R-01 on 2025-03-15 is given twice (first at strategy/extra.md:1)",
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule(tmp_path, name):
    extra, expected = CASES[name]
    assert diagnostics_text(write_project(tmp_path, with_strategy(extra)), as_of="2026-01-01") == expected


def test_uncovered_recommendation_is_reported_at_its_own_line(tmp_path):
    files = dict(VALID)
    files["strategy/axe.md"] = files["strategy/axe.md"].replace(":responds: R-01\n", "")
    assert diagnostics_text(write_project(tmp_path, files), as_of="2026-01-01") == [
        "opinion/principes.md:7: error: recommendation R-01 is not covered by any measure or response"
    ]


def test_deferred_response_with_justification_covers_alone(tmp_path):
    project = write_project(tmp_path, VALID)
    assert not any("R-02" in line for line in diagnostics_text(project, as_of="2026-01-01"))


def test_lateness_is_a_warning_judged_at_the_stated_date(tmp_path):
    write_project(tmp_path, VALID)
    assert diagnostics_text(tmp_path, as_of="2026-06-30") == []
    assert diagnostics_text(tmp_path, as_of="2026-07-01") == [
        "strategy/axe.md:6: warning: measure M-01 was due on 2026-06-30 and is still 'in-progress' on 2026-07-01"
    ]
    # Without a date (the Sphinx build), lateness is never a diagnostic.
    assert diagnostics_text(tmp_path) == []


@pytest.mark.parametrize("status", ["done", "abandoned"])
def test_closed_measures_are_never_late(tmp_path, status):
    files = dict(VALID)
    files["strategy/axe.md"] = files["strategy/axe.md"].replace("in-progress", status)
    assert diagnostics_text(write_project(tmp_path, files), as_of="2030-01-01") == []
