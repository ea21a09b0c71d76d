"""``civitrace register`` (the public inventory of algorithms) and ``civitrace diff`` on the register."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from civitrace import i18n
from civitrace.cli import main
from civitrace.export.inventory import COLUMNS, neutralise, schema_text, shipped_schema
from civitrace.register_vocabulary import SYSTEM_STATUS_LABELS
from helpers import VALID, write_project
from history_fixtures import commit, git, make_project_repo


@pytest.fixture(autouse=True)
def english():
    previous = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture(autouse=True)
def _no_outer_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(shipped_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


REGISTER = """\
# Registre

:::{ai-system} SIA-X =HYPERLINK("http://evil.example","clic")
:owner: @Direction des usagers
:contact: +33 4 00 00 00 00
:purpose: -Proposer le service destinataire.
:status: service
:service: 2025-09-01
:automation: assisted
:individual-decisions: yes
:decisions-per-year: 1200
:legal-basis: Code des relations entre le public et l'administration
:public: Usagers
:data: Courriers reçus, « numérisés ».
:technique: machine-learning
:uses: personal-data, cameras
:measures: M-01
:code: https://example.fr/code

Première ligne
continuée.

Second paragraphe.
:::

:::{evaluation} SIA-X
:date: 2025-06-01
:by: Comité
:result: conditional
:risk: high
:review: 2027-06-01

Résumé.
:::

:::{deliberation} DEL-1 Débat
:body: Conseil
:date: 2025-08-01
:systems: SIA-X
:outcome: approved
:act: https://example.fr/del-1

Résumé.
:::

:::{ai-system} SIA-Y Projet
:status: planned
:::
"""


def project(tmp_path):
    files = {
        **VALID,
        "strategy/registre.md": REGISTER,
        "pyproject.toml": '[tool.civitrace.register]\nadministration = "Ville d\'Essai"\n',
    }
    return write_project(tmp_path, files)


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["register", *args])
    return code, capsys.readouterr().out


def test_the_csv_inventory_reads_back_with_french_columns(tmp_path, capsys):
    root = project(tmp_path)
    out = tmp_path / "inventaire.csv"
    assert run(capsys, str(root), "--format", "csv", "-o", str(out)) == (0, "")
    data = out.read_bytes()
    assert "Données traitées et leur source".encode() in data  # UTF-8
    assert b"\r\n" in data  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert list(rows[0]) == [c.title for c in COLUMNS]
    assert list(rows[0])[:8] == [
        "Administration",
        "Service",
        "Contact",
        "Date de mise à jour",
        "Identifiant",
        "Nom de l'algorithme",
        "Finalité",
        "Description",
    ]
    first, second = rows
    assert first["Administration"] == "Ville d'Essai"
    assert first["Identifiant"] == "SIA-X"
    assert first["Statut"] == "en service"
    assert first["Mise en service"] == "2025-09-01"
    assert first["Intervient dans des décisions individuelles"] == "oui"
    assert first["Niveau d'automatisation"] == "aide à la décision"
    assert first["Nombre de décisions par an"] == "1200"
    assert first["Type d'algorithme"] == "apprentissage automatique"
    assert first["Usages"] == "données personnelles, caméras"
    assert first["Avis de la dernière évaluation"] == "favorable sous conditions"
    assert first["Niveau de risque"] == "risque élevé"
    assert first["Prochain réexamen"] == "2027-06-01"
    assert first["Délibération"] == "DEL-1 — Débat (adoptée, 2025-08-01)"
    assert first["Acte de la délibération"] == "https://example.fr/del-1"
    assert first["Mesures de la stratégie"] == "M-01"
    assert first["Conformité à la doctrine"] == "conforme à la doctrine"
    assert first["Description"] == "Première ligne continuée.\nSecond paragraphe."
    assert second["Statut"] == "en projet" and second["Avis de la dernière évaluation"] == ""


def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path, capsys):
    code, out = run(capsys, str(project(tmp_path)))
    assert code == 0
    first = next(csv.DictReader(io.StringIO(out, newline="")))
    assert first["Nom de l'algorithme"] == '\'=HYPERLINK("http://evil.example","clic")'
    assert first["Service"] == "'@Direction des usagers"
    assert first["Contact"] == "'+33 4 00 00 00 00"
    assert first["Finalité"] == "'-Proposer le service destinataire."
    assert [neutralise(c) for c in ("\tx", "\rx", "a=b", "", "2025-01-01")] == ["'\tx", "'\rx", "a=b", "", "2025-01-01"]


def test_the_json_inventory_validates_against_its_shipped_schema(tmp_path, capsys, validator):
    assert shipped_schema() == schema_text()  # regenerate with python -m civitrace.export.inventory
    code, out = run(capsys, str(project(tmp_path)), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert [e.message for e in validator.iter_errors(document)] == []
    first = document["systems"][0]
    assert first["identifiant"] == "SIA-X"
    assert first["decisions_individuelles"] is True
    assert first["decisions_par_an"] == 1200
    assert first["usages"] == ["données personnelles", "caméras"]
    assert first["nom"].startswith("=HYPERLINK")  # JSON is data: nothing to neutralise
    assert document["administration"] == "Ville d'Essai"
    assert run(capsys, "--schema")[1] == shipped_schema()


def test_the_example_inventory_is_one_a_metropole_could_publish(repo_root, capsys, validator):
    code, out = run(capsys, str(repo_root), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert [e.message for e in validator.iter_errors(document)] == []
    systems = document["systems"]
    assert len(systems) >= 10
    assert document["administration"] == "Montpellier Méditerranée Métropole"
    assert {s["statut"] for s in systems} == {i18n.catalog("fr").gettext(v) for v in SYSTEM_STATUS_LABELS.values()}
    assert all(s["service"] and s["finalite"] and s["donnees"] for s in systems)
    code, text = run(capsys, str(repo_root))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["Identifiant"] for r in rows] == [s["identifiant"] for s in systems]


def test_the_inventory_is_french_whatever_the_locale(tmp_path, capsys):
    i18n.set_language("en")
    _code, out = run(capsys, str(project(tmp_path)))
    assert out.startswith("Administration,Service,Contact,Date de mise à jour,")
    assert ",en service," in out


def test_an_unwritable_output_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["register", str(project(tmp_path)), "-o", str(tmp_path / "missing" / "x.csv")])
    assert exc.value.code == 2
    assert "cannot write" in capsys.readouterr().err


# -- civitrace diff on the register ------------------------------------------------------------

PLANNED = """\
# Registre

:::{ai-system} SIA-LAPI Lecture des plaques
:owner: Police municipale
:purpose: Contrôler le paiement du stationnement.
:status: planned
:automation: assisted
:data: Images des plaques.
:uses: cameras
:measures: M-01

Projet.
:::
"""

IN_SERVICE = (
    PLANNED.replace(":status: planned", ":status: service\n:service: 2025-05-05")
    + """
:::{evaluation} SIA-LAPI
:date: 2025-03-20
:by: Comité métropolitain de l'IA et du numérique
:result: favourable

Avis favorable.
:::

:::{deliberation} DEL-2025-041 Lecture des plaques
:body: Conseil de Métropole
:date: 2025-04-10
:systems: SIA-LAPI
:outcome: approved

Le conseil approuve.
:::
"""
)


@pytest.fixture(scope="module")
def register_repo(tmp_path_factory):
    repo = make_project_repo(tmp_path_factory.mktemp("register-history") / "project", work=False)
    commit(repo, {"strategy/registre.md": PLANNED}, "A planned system", "2025-04-15T09:00:00+00:00")
    git(repo, "tag", "v3")
    commit(repo, {"strategy/registre.md": IN_SERVICE}, "Evaluated, debated, in service", "2025-06-10T09:00:00+00:00")
    git(repo, "tag", "v4")
    return repo


def diff(capsys, repo, *args: str, lang: str = "en") -> str:
    assert main(["--lang", lang, "diff", *args, "-C", str(repo)]) == 0
    return capsys.readouterr().out


def test_diff_shows_a_system_going_into_service_and_its_evaluation(register_repo, capsys):
    text = diff(capsys, register_repo, "v3", "v4")
    assert text.splitlines()[2:] == [
        "SIA-LAPI Lecture des plaques: status of the system: in preparation → in service",
        "SIA-LAPI Lecture des plaques: in service since: 5 May 2025 (new)",
        "Evaluation of SIA-LAPI on 20 March 2025: added (favourable)",
        "DEL-2025-041 Lecture des plaques: added (approved)",
    ]
    markdown = diff(capsys, register_repo, "v3", "v4", "--format", "markdown", lang="fr")
    assert "## Systèmes d'IA\n\n- **SIA-LAPI** Lecture des plaques : statut : en projet → en service\n" in markdown
    assert "- **SIA-LAPI** Lecture des plaques : mise en service : 5 mai 2025 (nouveau)\n" in markdown
    assert "## Évaluations\n\n- **Évaluation de SIA-LAPI du 20 mars 2025** : ajoutée (favorable)\n" in markdown
    assert "## Délibérations\n\n- **DEL-2025-041** Lecture des plaques : ajoutée (adoptée)\n" in markdown
    changes = json.loads(diff(capsys, register_repo, "v3", "v4", "--format", "json"))["changes"]
    evaluation = next(c for c in changes if c["kind"] == "evaluation")
    assert (evaluation["type"], evaluation["date"], evaluation["option"], evaluation["after"]) == (
        "added",
        "2025-03-20",
        "result",
        "favourable",
    )


def test_diff_shows_a_new_system(register_repo, capsys):
    text = diff(capsys, register_repo, "v2", "v3")
    assert "SIA-LAPI Lecture des plaques: added (in preparation)" in text
    markdown = diff(capsys, register_repo, "v2", "v3", "--format", "markdown", lang="fr")
    assert "- **SIA-LAPI** Lecture des plaques : ajouté (en projet)" in markdown


def test_the_atom_feed_tells_the_register_changes(register_repo, french):
    from civitrace.export.atom import entries
    from civitrace.history.versions import version_history
    from civitrace.reader import read_project

    history = version_history(register_repo, read_project(register_repo))
    found = {entry.title: entry.html for entry in entries(history, "essai")}
    v4 = next(body for title, body in found.items() if title.startswith("Version v4"))
    assert "<li>SIA-LAPI Lecture des plaques : statut : en projet → en service</li>" in v4
    assert "<li>évaluation de SIA-LAPI du 20 mars 2025 : ajoutée (favorable)</li>" in v4
    assert "<li>DEL-2025-041 Lecture des plaques : ajoutée (adoptée)</li>" in v4
    v3 = next(body for title, body in found.items() if title.startswith("Version v3"))
    assert "<li>SIA-LAPI Lecture des plaques : ajouté (en projet)</li>" in v3


# -- civitrace graph --register ---------------------------------------------------------------


def test_the_diagram_draws_systems_after_their_measure_with_their_verdict(tmp_path, capsys):
    register = (
        REGISTER.replace('=HYPERLINK("http://evil.example","clic")', "Système en règle")
        + """
:::{ai-system} SIA-Z Caméras sans débat
:owner: Police
:purpose: Surveiller.
:status: pilot
:pilot: 2025-05-01
:automation: assisted
:data: Images.
:uses: cameras
:measures: M-01

Texte.
:::

:::{evaluation} SIA-Z
:date: 2025-04-01
:result: favourable

Résumé.
:::
"""
    )
    root = write_project(tmp_path, {**VALID, "strategy/registre.md": register})
    out = tmp_path / "schema.dot"
    assert main(["--lang", "fr", "graph", str(root), "--register", "--as-of", "2026-01-01", "-o", str(out)]) == 0
    capsys.readouterr()
    dot = out.read_text(encoding="utf-8")
    nodes = {line.split(" [", 1)[0].strip().strip('"'): line for line in dot.splitlines() if "trace-ai-system" in line}
    assert set(nodes) == {"SIA-X", "SIA-Y", "SIA-Z"}
    assert "en service · conforme" in nodes["SIA-X"] and 'fillcolor="#cdeee1"' in nodes["SIA-X"]
    assert "en projet · hors service" in nodes["SIA-Y"] and 'style="filled,dotted"' in nodes["SIA-Y"]
    assert "⚠ en expérimentation · non conforme" in nodes["SIA-Z"] and 'peripheries="2"' in nodes["SIA-Z"]
    assert all(f'"M-01" -> "{s}"' in dot for s in ("SIA-X", "SIA-Z"))  # SIA-Y names no measure
    assert "Système d'IA (onglets), selon la doctrine" in dot
    plain = tmp_path / "plain.dot"
    assert main(["graph", str(root), "--as-of", "2026-01-01", "-o", str(plain)]) == 0
    assert "SIA-" not in plain.read_text(encoding="utf-8")


def test_export_carries_the_register_with_typed_values(tmp_path, capsys):
    from civitrace.export.schema import shipped_schema as export_schema

    root = project(tmp_path)
    assert main(["export", str(root), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    validator = jsonschema.Draft202012Validator(json.loads(export_schema()))
    assert [e.message for e in validator.iter_errors(document)] == []
    by_key = {o["key"]: o for o in document["objects"]}
    system = by_key["SIA-X"]
    assert (system["kind"], system["individual-decisions"], system["uses"]) == (
        "ai-system",
        True,
        ["personal-data", "cameras"],
    )
    assert by_key["evaluation:SIA-X:2025-06-01"]["result"] == "conditional"
    assert by_key["DEL-1"]["systems"] == ["SIA-X"]
    assert main(["export", str(root), "--format", "csv"]) == 0
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""))}
    assert rows["SIA-X"]["individual-decisions"] == "yes"
    assert rows["SIA-X"]["uses"] == "personal-data, cameras"


@pytest.mark.parametrize("fmt", ["gitlab", "github"])
def test_ci_formats_report_the_doctrine_at_the_block(tmp_path, capsys, fmt):
    files = {**VALID, "strategy/registre.md": PLANNED.replace(":status: planned", ":status: pilot\n:pilot: 2025-05-05")}
    root = write_project(tmp_path, files)
    assert main(["check", str(root), "--format", fmt, "--as-of", "2026-01-01"]) == 1
    out = capsys.readouterr().out
    assert "no-debate" in out and "strategy/registre.md" in out
    assert "SIA-LAPI uses cameras and is in trial since 2025-05-05 without a prior approved deliberation" in out
