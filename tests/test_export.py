"""Open data: the JSON export validates against the shipped schema, the CSV reads back, the Atom feed is valid."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from civitrace.cli import main
from civitrace.export.atom import ATOM_NS, entries, render_feed
from civitrace.export.schema import build_schema, schema_text, shipped_schema
from civitrace.export.tabular import CSV_COLUMNS, export_document, objects_from_rows, read_csv, to_csv, to_json
from civitrace.history.versions import version_history
from civitrace.model import Project
from civitrace.reader import read_project, read_text
from civitrace.vocabulary import KINDS
from history_fixtures import commit_work, make_project_repo

REPO_ROOT = Path(__file__).resolve().parents[1]
A = f"{{{ATOM_NS}}}"


@pytest.fixture(autouse=True)
def _no_outer_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


@pytest.fixture(scope="module")
def example() -> Project:
    """The example corpus shipped in the repository."""
    return read_project(REPO_ROOT)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(shipped_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_shipped_schema_is_generated_from_the_vocabulary():
    assert shipped_schema() == schema_text()
    schema = build_schema()
    assert schema["$defs"]["object"]["properties"]["kind"]["enum"] == list(KINDS)
    branches = {
        b["if"]["properties"]["kind"]["const"]: b["then"]["properties"] for b in schema["$defs"]["object"]["allOf"]
    }
    assert {k: set(v) for k, v in branches.items()} == {k: set(spec.options) for k, spec in KINDS.items()}


def test_json_export_of_the_example_validates(example, validator):
    document = json.loads(to_json(example, "v1", "2025-01-10"))
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []
    assert len(document["objects"]) == len(example.objects)
    measure = next(o for o in document["objects"] if o["kind"] == "measure" and "responds" in o)
    assert isinstance(measure["responds"], list)


def test_json_export_types(validator):
    text = (
        ":::{measure} M-1 Une mesure\n:responds: R-1, R-2\n:axis: A\n:progress: 40\n:weight: 1,5\n"
        ":due: 2025-06-30\n:milestones: 2025-02-01 Début ; 2025-05-01 Fin\n\nCorps.\n:::\n"
        ":::{assessment} R-1\n:grade: 4\n:date: 2025-03-15\n:::\n"
    )
    project = Project.from_parts(read_text(text, "s.md").objects)
    document = export_document(project)
    measure, assessment = document["objects"]
    assert measure == {
        "kind": "measure",
        "id": "M-1",
        "key": "M-1",
        "title": "Une mesure",
        "path": "s.md",
        "line": 1,
        "responds": ["R-1", "R-2"],
        "axis": "A",
        "due": "2025-06-30",
        "progress": 40,
        "weight": 1.5,
        "milestones": [{"date": "2025-02-01", "label": "Début"}, {"date": "2025-05-01", "label": "Fin"}],
        "text": "Corps.",
    }
    assert assessment["key"] == "assessment:R-1:2025-03-15" and assessment["title"] == ""
    assert list(validator.iter_errors(document)) == []


def test_schema_rejects_what_the_vocabulary_refuses(validator):
    base = {"generator": "g", "version": None, "date": None, "coverage": {"covered": 0, "total": 0, "uncovered": []}}
    obj = {"kind": "measure", "id": "M-1", "key": "M-1", "title": "t", "path": "a.md", "line": 1, "text": ""}
    assert list(validator.iter_errors({**base, "objects": [obj]})) == []
    bad = [
        {**obj, "status": "finished"},
        {**obj, "progress": 120},
        {**obj, "grade": 3},  # an assessment's option on a measure
        {**obj, "due": "30/06/2025"},
        {**obj, "responds": "R-1"},  # links are lists
        {**obj, "kind": "memo"},
    ]
    for item in bad:
        assert list(validator.iter_errors({**base, "objects": [item]})), item


def test_csv_reads_back_into_the_same_objects(example):
    text = to_csv(example)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(example.objects)
    objects, problems = objects_from_rows(read_csv(text))
    assert problems == []

    def typed(o):
        return (o.kind, o.id, o.title, o.key, o.location, o.values, o.body)

    assert [typed(o) for o in objects] == [typed(o) for o in example.objects]


def test_csv_spells_values_as_authors_do():
    text = ":::{measure} M-1 T\n:responds: R-1, R-2\n:weight: 2\n:milestones: 2025-02-01 Début ; 2025-05-01 Fin\n:::\n"
    row = next(read_csv(to_csv(Project.from_parts(read_text(text, "s.md").objects))))
    assert (row["responds"], row["weight"], row["milestones"]) == ("R-1, R-2", "2", "2025-02-01 Début ; 2025-05-01 Fin")
    assert row["status"] == "" and row["kind"] == "measure"


def feed_of(repo: Path, timestamp: int | None = None) -> bytes:
    history = version_history(repo, read_project(repo), timestamp)
    return render_feed(
        entries(history, "test"),
        title="Suivi de la stratégie",
        feed_key="test",
        updated=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        author="Métropole",
        page_url="https://example.org/docs/suivi/changements.html",
        self_url="https://example.org/changes.atom",
    )


def test_atom_feed_is_valid_and_lists_each_version(tmp_path, french):
    repo = make_project_repo(tmp_path / "p")
    data = feed_of(repo, int(dt.datetime(2025, 6, 1, tzinfo=dt.UTC).timestamp()))
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{A}{name}") is not None and root.find(f"{A}{name}").text
    assert root.find(f"{A}author/{A}name").text == "Métropole"
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://example.org/changes.atom"
    feed_entries = root.findall(f"{A}entry")
    titles = [e.find(f"{A}title").text for e in feed_entries]
    assert titles == [
        "Depuis la version v2 : 5 changements",
        "Version v2 (1er avril 2025) : 7 changements",
        "Version v1 (10 janvier 2025) : première version",
    ]
    for entry in feed_entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{A}{name}").text
        assert entry.find(f"{A}id").text.startswith("urn:uuid:")
        dt.datetime.strptime(entry.find(f"{A}updated").text, "%Y-%m-%dT%H:%M:%SZ")
    assert [e.find(f"{A}updated").text for e in feed_entries] == [
        "2025-06-01T00:00:00Z",
        "2025-04-01T09:00:00Z",
        "2025-01-10T10:00:00Z",
    ]
    assert root.find(f"{A}updated").text == "2025-06-01T00:00:00Z"
    v2 = feed_entries[1]
    assert v2.find(f"{A}link").get("href").endswith("#version-v2")
    content = v2.find(f"{A}content")
    assert content.get("type") == "html"
    assert "<li>réponse à R-02 : décision : non retenue → retenue</li>" in content.text
    assert "&#x27;" not in content.text
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_atom_feed_in_english(tmp_path):
    """Outside a French build the feed speaks the current language, with the words of `civitrace diff`."""
    repo = make_project_repo(tmp_path / "p")
    root = ET.fromstring(feed_of(repo, int(dt.datetime(2025, 6, 1, tzinfo=dt.UTC).timestamp())))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    feed_entries = root.findall(f"{A}entry")
    assert [e.find(f"{A}title").text for e in feed_entries] == [
        "Since version v2: 5 changes",
        "Version v2 (1 April 2025): 7 changes",
        "Version v1 (10 January 2025): first version",
    ]
    assert "<li>response to R-02: decision: declined → adopted</li>" in feed_entries[1].find(f"{A}content").text
    first = feed_entries[2].find(f"{A}content").text
    assert "First published version: 2 principles, 3 recommendations, 1 axis, 1 measure" in first


def test_atom_feed_is_deterministic_and_keeps_entry_ids(tmp_path):
    repo = make_project_repo(tmp_path / "p")
    first = feed_of(repo, 1748736000)
    assert feed_of(repo, 1748736000) == first
    since_id = ET.fromstring(first).find(f"{A}entry/{A}id").text
    # More work since v2, committed: the "since v2" entry keeps its ID and grows.
    commit_work(repo)
    later = ET.fromstring(feed_of(repo, 1748800000))
    assert later.find(f"{A}entry/{A}id").text == since_id


def test_atom_feed_without_tags_or_outside_git(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.md").write_text(":::{principle} P Principe\n:::\n", encoding="utf-8")
    root = ET.fromstring(feed_of(tmp_path / "src"))
    assert root.findall(f"{A}entry") == []
    assert root.find(f"{A}updated").text == "2025-01-01T00:00:00Z"


def test_cli_export_json_csv_and_schema(tmp_path, capsys, validator, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    repo = make_project_repo(tmp_path / "p", work=False)
    assert main(["export", str(repo)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(validator.iter_errors(document)) == []
    assert (document["version"], document["date"]) == ("v2", "2025-01-01")
    assert document["coverage"] == {"covered": 2, "total": 3, "uncovered": ["R-02"]}
    target = tmp_path / "out.csv"
    assert main(["export", str(repo), "--format", "csv", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"kind,id,key,title,path,line,")
    assert b"\r\n" in target.read_bytes()
    assert main(["export", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(schema_text())
