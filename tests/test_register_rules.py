"""The register's doctrine rules: each failing fixture at its exact place, each edge that passes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from civitrace import i18n
from civitrace.cli import main
from civitrace.reader import read_project
from civitrace.rules import check
from helpers import VALID, write_project


@pytest.fixture(autouse=True)
def english():
    """Messages in English (another test may have built the French site in this process)."""
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


def system(
    system_id: str = "SIA-X",
    *,
    status: str = "service",
    dates: str = ":service: 2025-09-01",
    uses: str = "personal-data",
    extra: str = "",
) -> str:
    """An ai-system block with every field a system in use needs."""
    lines = [
        f":::{{ai-system}} {system_id} Système d'essai",
        ":owner: Direction des usagers",
        ":purpose: Proposer le service destinataire.",
        f":status: {status}",
        *([dates] if dates else []),
        ":automation: assisted",
        ":data: Courriers reçus.",
        f":uses: {uses}",
        ":measures: M-01",
        *([extra] if extra else []),
        "",
        "Description publique.",
        ":::",
        "",
    ]
    return "\n".join(lines)


def evaluation(system_id: str = "SIA-X", date: str = "2025-06-01", result: str = "favourable", extra: str = "") -> str:
    head = [f":::{{evaluation}} {system_id}", f":date: {date}", ":by: Comité métropolitain de l'IA et du numérique"]
    return "\n".join([*head, f":result: {result}", *([extra] if extra else []), "", "Résumé public.", ":::", ""])


def deliberation(
    del_id: str = "DEL-1", date: str = "2025-05-01", outcome: str = "approved", systems: str = "SIA-X"
) -> str:
    lines = [f":::{{deliberation}} {del_id} Délibération d'essai", ":body: Conseil de Métropole", f":date: {date}"]
    if systems:
        lines.append(f":systems: {systems}")
    return "\n".join([*lines, f":outcome: {outcome}", "", "Résumé du débat.", ":::", ""])


def diagnose(tmp_path, register: str, as_of: str | None = "2026-01-01", pyproject: str | None = None):
    """``(path, line, severity, code, message)`` of every diagnostic of VALID plus ``strategy/registre.md``."""
    files = {**VALID, "strategy/registre.md": "# Registre\n\n" + register}
    if pyproject is not None:
        files["pyproject.toml"] = pyproject
    root = write_project(tmp_path, files)
    day = dt.date.fromisoformat(as_of) if as_of else None
    return [
        (d.location.path, d.location.line, d.severity.value, d.code, d.message)
        for d in check(read_project(root), as_of=day)
        if d.code != "late"  # the fixture's measure falls late in later years
    ]


REG = "strategy/registre.md"


def test_a_well_formed_register_has_no_diagnostic(tmp_path):
    register = evaluation(date="2025-06-01") + system(uses="cameras") + deliberation(date="2025-08-01")
    assert diagnose(tmp_path, register) == []


# -- no-prior-evaluation --------------------------------------------------------------------


def test_a_system_in_service_without_any_evaluation(tmp_path):
    assert diagnose(tmp_path, system()) == [
        (
            REG,
            3,
            "error",
            "no-prior-evaluation",
            "AI system SIA-X is in service since 2025-09-01 without a prior evaluation",
        )
    ]


def test_an_evaluation_after_deployment_is_not_prior(tmp_path):
    register = system(dates=":pilot: 2025-01-06\n:service: 2025-09-01") + evaluation(date="2025-03-01")
    assert diagnose(tmp_path, register) == [
        (
            REG,
            3,
            "error",
            "no-prior-evaluation",
            "AI system SIA-X is in service since 2025-09-01 (deployed on 2025-01-06) without a prior evaluation "
            "(its first evaluation is dated 2025-03-01)",
        )
    ]


def test_an_evaluation_on_the_deployment_date_itself_is_prior(tmp_path):
    register = system(status="pilot", dates=":pilot: 2025-09-01") + evaluation(date="2025-09-01")
    assert diagnose(tmp_path, register) == []


def test_a_suspended_system_still_needed_its_prior_evaluation(tmp_path):
    register = system(status="suspended", dates=":service: 2025-09-01")
    assert [d[3:] for d in diagnose(tmp_path, register)] == [
        (
            "no-prior-evaluation",
            "AI system SIA-X is suspended and was deployed on 2025-09-01 without a prior evaluation",
        )
    ]


def test_planned_refused_and_retired_systems_need_no_evaluation(tmp_path):
    register = (
        system("SIA-A", status="planned", dates="")
        + system("SIA-B", status="rejected", dates="")
        + system("SIA-C", status="retired", dates=":service: 2020-01-01\n:end: 2024-12-31")
    )
    assert diagnose(tmp_path, register) == []


# -- unfavourable-evaluation ----------------------------------------------------------------


def test_a_system_in_use_on_an_unfavourable_latest_evaluation(tmp_path):
    register = system() + evaluation(date="2025-06-01") + evaluation(date="2025-12-01", result="unfavourable")
    assert diagnose(tmp_path, register) == [
        (
            REG,
            3,
            "error",
            "unfavourable-evaluation",
            "AI system SIA-X is in service since 2025-09-01 although its latest evaluation, on 2025-12-01, "
            "is unfavourable",
        )
    ]


def test_a_favourable_evaluation_after_an_unfavourable_one_clears_it(tmp_path):
    register = system() + evaluation(date="2025-06-01", result="unfavourable") + evaluation(date="2025-08-01")
    assert diagnose(tmp_path, register) == []


# -- no-debate ------------------------------------------------------------------------------


def test_a_camera_system_in_trial_without_a_deliberation(tmp_path):
    register = system(status="pilot", dates=":pilot: 2025-05-01", uses="cameras, public-space") + evaluation()
    register = register.replace(":date: 2025-06-01", ":date: 2025-04-01")
    assert diagnose(tmp_path, register) == [
        (
            REG,
            3,
            "error",
            "no-debate",
            "AI system SIA-X uses cameras and is in trial since 2025-05-01 without a prior approved deliberation",
        )
    ]


def test_a_deliberation_the_day_after_deployment_is_too_late(tmp_path):
    register = (
        evaluation(date="2025-04-01")
        + system(status="pilot", dates=":pilot: 2025-05-01", uses="cameras")
        + deliberation(date="2025-05-02")
    )
    assert [d[3:] for d in diagnose(tmp_path, register)] == [
        (
            "no-debate",
            "AI system SIA-X uses cameras and is in trial since 2025-05-01 without a prior approved deliberation "
            "(latest deliberation: DEL-1 of 2025-05-02, approved)",
        )
    ]


def test_a_deliberation_the_day_before_deployment_is_in_time(tmp_path):
    register = (
        evaluation(date="2025-04-01")
        + system(status="pilot", dates=":pilot: 2025-05-01", uses="cameras")
        + deliberation(date="2025-04-30")
    )
    assert diagnose(tmp_path, register) == []


def test_a_rejected_deliberation_does_not_approve(tmp_path):
    register = evaluation(date="2025-04-01") + system(uses="cameras") + deliberation(outcome="rejected")
    assert [d[3:] for d in diagnose(tmp_path, register)] == [
        (
            "no-debate",
            "AI system SIA-X uses cameras and is in service since 2025-09-01 without a prior approved deliberation "
            "(latest deliberation: DEL-1 of 2025-05-01, rejected)",
        )
    ]


# -- forbidden-use --------------------------------------------------------------------------


def test_a_forbidden_use_is_an_error_unless_refused_or_retired(tmp_path):
    register = system("SIA-F", status="planned", dates="", uses="biometric-identification, public-space")
    register += system("SIA-G", status="rejected", dates="", uses="biometric-identification")
    assert diagnose(tmp_path, register) == [
        (
            REG,
            3,
            "error",
            "forbidden-use",
            "AI system SIA-F has a use the doctrine forbids (biometric identification) and is in preparation: "
            "it can only be refused or retired",
        )
    ]


# -- review-due -----------------------------------------------------------------------------


def test_a_review_past_its_date_is_a_warning_at_the_stated_date(tmp_path):
    register = system() + evaluation(date="2025-06-01", extra=":review: 2026-06-01")
    warning = (
        REG,
        3,
        "warning",
        "review-due",
        "AI system SIA-X was due for a new evaluation on 2026-06-01 (latest evaluation on 2025-06-01) "
        "and is still in service on 2026-06-02",
    )
    assert diagnose(tmp_path, register, as_of="2026-06-02") == [warning]
    assert diagnose(tmp_path, register, as_of="2026-06-01") == []  # due on that day, not past it
    assert diagnose(tmp_path, register, as_of=None) == []  # the build never warns because time passed


def test_without_a_review_date_the_doctrine_period_applies(tmp_path):
    register = system() + evaluation(date="2025-06-01")
    assert diagnose(tmp_path, register, as_of="2027-06-01") == []
    assert [d[3] for d in diagnose(tmp_path, register, as_of="2027-06-02")] == ["review-due"]


# -- the doctrine as data -------------------------------------------------------------------

DOCTRINE = """\
[project]
name = "collectivite"

[tool.civitrace.doctrine]
debate = {debate}
forbidden = {forbidden}
review-months = {months}
"""


def doctrine(debate: str = '["cameras"]', forbidden: str = '["biometric-identification"]', months: str = "24") -> str:
    return DOCTRINE.format(debate=debate, forbidden=forbidden, months=months)


def test_the_doctrine_settings_change_the_verdict(tmp_path):
    register = evaluation(date="2025-06-01") + system(uses="public-space, generative")
    assert diagnose(tmp_path / "default", register) == []
    stricter = doctrine(debate='["cameras", "public-space"]', forbidden='["biometric-identification", "generative"]')
    assert [d[3] for d in diagnose(tmp_path / "strict", register, pyproject=stricter)] == ["forbidden-use", "no-debate"]


def test_a_collectivity_can_lift_the_debate_and_the_ban(tmp_path):
    register = evaluation(date="2025-06-01") + system(uses="cameras, biometric-identification")
    assert [d[3] for d in diagnose(tmp_path / "default", register)] == ["forbidden-use", "no-debate"]
    assert diagnose(tmp_path / "lifted", register, pyproject=doctrine(debate="[]", forbidden="[]")) == []


def test_the_review_period_is_a_setting(tmp_path):
    register = system() + evaluation(date="2025-06-01")
    assert [d[3] for d in diagnose(tmp_path, register, as_of="2025-12-02", pyproject=doctrine(months="6"))] == [
        "review-due"
    ]


def test_invalid_doctrine_settings_are_diagnostics_at_their_line(tmp_path):
    pyproject = doctrine(debate='["camera"]', forbidden='"biometric-identification"', months="0") + "ban = []\n"
    register = evaluation(date="2025-06-01") + system(uses="cameras, biometric-identification")
    found = diagnose(tmp_path, register, pyproject=pyproject)
    assert [d for d in found if d[0] == "pyproject.toml"] == [
        (
            "pyproject.toml",
            5,
            "error",
            "invalid-setting",
            "tool.civitrace.doctrine.debate names unknown uses: camera (allowed: personal-data, sensitive-data, "
            "cameras, biometric-identification, public-space, generative)",
        ),
        (
            "pyproject.toml",
            6,
            "error",
            "invalid-setting",
            'tool.civitrace.doctrine.forbidden must be a list of uses, such as ["cameras"]',
        ),
        (
            "pyproject.toml",
            7,
            "error",
            "invalid-setting",
            "tool.civitrace.doctrine.review-months must be a whole number of months between 1 and 240, not 0",
        ),
        (
            "pyproject.toml",
            8,
            "error",
            "invalid-setting",
            "[tool.civitrace.doctrine] has unknown setting 'ban' (allowed: debate, forbidden, review-months)",
        ),
    ]
    # the bad forbidden list falls back to the default: the biometric system is still refused
    assert [d[3] for d in found if d[0] == REG] == ["forbidden-use"]


def test_a_broken_pyproject_is_one_diagnostic_not_a_traceback(tmp_path):
    found = diagnose(tmp_path, evaluation() + system(), pyproject="[tool.civitrace.doctrine\ndebate = 1\n")
    assert [(d[0], d[1], d[3]) for d in found] == [("pyproject.toml", 1, "invalid-setting")]
    assert "is not valid TOML, the default doctrine applies" in found[0][4]


# -- the generic errors of the register -----------------------------------------------------

GENERIC = {
    "a trial without its date": (
        system(status="pilot", dates="") + evaluation(),
        [(3, "missing-option", "AI system SIA-X is in trial but has no 'pilot' date")],
    ),
    "service before pilot": (
        evaluation(date="2025-01-01") + system(dates=":pilot: 2025-09-01\n:service: 2025-03-01"),
        [
            (
                10,
                "service-before-pilot",
                "AI system SIA-X goes into service on 2025-03-01, before its trial starts on 2025-09-01",
            )
        ],
    ),
    "an end before deployment": (
        evaluation(date="2025-01-01") + system(status="retired", dates=":service: 2025-09-01\n:end: 2025-06-30"),
        [
            (
                10,
                "end-before-deployment",
                "AI system SIA-X ends on 2025-06-30, before its deployment on 2025-09-01",
            )
        ],
    ),
    "a review before the evaluation": (
        system() + evaluation(date="2025-06-01", extra=":review: 2025-05-01"),
        [
            (
                15,
                "review-before-evaluation",
                "evaluation of SIA-X on 2025-06-01 sets its review on 2025-05-01, before the evaluation itself",
            )
        ],
    ),
    "two evaluations on one date": (
        system() + evaluation(date="2025-06-01") + evaluation(date="2025-06-01", result="conditional"),
        [
            (
                22,
                "duplicate-evaluation",
                "evaluation of SIA-X on 2025-06-01 is given twice (first at strategy/registre.md:15)",
            )
        ],
    ),
    "an evaluation without summary": (
        system() + ":::{evaluation} SIA-X\n:date: 2025-01-01\n:result: favourable\n:::\n",
        [(15, "missing-summary", "evaluation of SIA-X has no public summary: write it below the options")],
    ),
    "a system in use without its fields": (
        evaluation("SIA-Y") + ":::{ai-system} SIA-Y Sans fiche\n:status: pilot\n:pilot: 2025-07-01\n\nTexte.\n:::\n",
        [
            (
                10,
                "missing-option",
                "AI system SIA-Y is in trial and needs the options 'owner', 'purpose', 'automation', 'data'",
            ),
        ],
    ),
    "an unknown use": (
        evaluation() + system(uses="cameras, facial-recognition"),
        [
            (
                10,
                "invalid-value",
                "AI system SIA-X has an invalid 'uses': 'facial-recognition' is not one of personal-data, "
                "sensitive-data, cameras, biometric-identification, public-space, generative",
            )
        ],
    ),
    "a result not in the list": (
        system(dates=":service: 2025-09-01") + evaluation(result="positive"),
        [
            (
                15,
                "invalid-value",
                "evaluation for SIA-X has an invalid 'result': 'positive' is not one of favourable, conditional, "
                "unfavourable",
            ),
        ],
    ),
    "an evaluation of a measure": (
        evaluation("M-01"),
        [(3, "wrong-kind", "evaluation for M-01 is about M-01, which is a measure, not an AI system")],
    ),
    "a deliberation naming no system": (
        deliberation(systems=""),
        [(3, "missing-option", "deliberation DEL-1 needs the option 'systems'")],
    ),
    "a deliberation naming a measure": (
        deliberation(systems="M-01"),
        [(3, "wrong-kind", "deliberation DEL-1 concerns M-01, which is a measure, not an AI system")],
    ),
    "an outcome not in the list": (
        deliberation(outcome="adopted", systems="SIA-Z"),
        [
            (
                3,
                "invalid-value",
                "deliberation DEL-1 has an invalid 'outcome': 'adopted' is not one of approved, rejected, adjourned",
            ),
            (3, "unknown-reference", "deliberation DEL-1 concerns unknown AI system SIA-Z"),
        ],
    ),
    "a bad address, yes/no and count": (
        evaluation()
        + system(extra=":code: javascript:alert(1)\n:individual-decisions: oui\n:decisions-per-year: beaucoup"),
        [
            (
                10,
                "invalid-value",
                "AI system SIA-X has an invalid 'code': 'javascript:alert(1)' is not a web address starting with "
                "https:// or http://",
            ),
            (
                10,
                "invalid-value",
                "AI system SIA-X has an invalid 'decisions-per-year': 'beaucoup' is not a whole number of at least 0",
            ),
            (10, "invalid-value", "AI system SIA-X has an invalid 'individual-decisions': 'oui' is not yes or no"),
        ],
    ),
    "a system carried by an unknown measure": (
        evaluation() + system().replace(":measures: M-01", ":measures: M-01, M-99"),
        [(10, "unknown-reference", "AI system SIA-X is carried by unknown measure M-99")],
    ),
    "an evaluation with a title": (
        system() + evaluation().replace("{evaluation} SIA-X", "{evaluation} SIA-X Évaluation initiale"),
        [(15, "unexpected-title", "evaluation for SIA-X takes only an AI system ID, not 'Évaluation initiale'")],
    ),
}


@pytest.mark.parametrize("name", list(GENERIC))
def test_generic_errors(tmp_path, name):
    register, expected = GENERIC[name]
    assert [(d[1], d[3], d[4]) for d in diagnose(tmp_path, register) if d[2] == "error"] == expected
    assert all(d[0] == REG for d in diagnose(tmp_path, register))


# -- the command line -----------------------------------------------------------------------


def test_check_reports_the_doctrine_in_every_format_and_fails(tmp_path, capsys):
    root = write_project(tmp_path, {**VALID, "strategy/registre.md": "# R\n\n" + system(uses="cameras")})
    assert main(["check", str(root), "--as-of", "2026-01-01"]) == 1
    text = capsys.readouterr().out
    assert f"{REG}:3: error: AI system SIA-X uses cameras and is in service since 2025-09-01" in text
    assert main(["check", str(root), "--as-of", "2026-01-01", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {(d["path"], d["line"], d["code"]) for d in found} == {
        (REG, 3, "no-debate"),
        (REG, 3, "no-prior-evaluation"),
    }
    assert all(d["ids"] == ["SIA-X"] for d in found)


def test_messages_are_translated_in_french(tmp_path):
    i18n.set_language("fr")
    assert diagnose(tmp_path, system(status="pilot", dates=":pilot: 2025-05-01")) == [
        (
            REG,
            3,
            "error",
            "no-prior-evaluation",
            "Le système d'IA SIA-X est en expérimentation depuis le 2025-05-01 sans évaluation préalable",
        )
    ]


@pytest.mark.parametrize("text", ["tool = 3\n", "[tool]\ncivitrace = 3\n", "[tool.civitrace]\nregister = 1\n"])
def test_odd_pyproject_shapes_never_crash(tmp_path, text):
    found = diagnose(tmp_path, evaluation() + system(), pyproject=text)
    assert all(d[3] == "invalid-setting" for d in found)
