"""Reading versions from git and comparing them: ``civitrace diff`` in each format, on a real repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from civitrace.cli import main
from civitrace.history.changes import ChangeType, compare, natural_key
from civitrace.history.git_revisions import GitError, GitRepository, is_traced_path, open_repository
from civitrace.model import Project
from civitrace.reader import markdown_files, read_project, read_text
from history_fixtures import commit, git, make_project_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_project_repo(tmp_path_factory.mktemp("history") / "project")


@pytest.fixture(autouse=True)
def _no_outer_repository(tmp_path, monkeypatch):
    # A folder made for "outside git" must not be found inside some enclosing repository.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


def run_diff(capsys, *args: str, lang: str | None = None) -> tuple[int, str, str]:
    try:
        code = main([*(["--lang", lang] if lang else []), "diff", *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_reading_a_tag_reads_what_was_committed(repo):
    git_repo = GitRepository(repo)
    v1 = git_repo.read_project("v1")
    ids = {o.key for o in v1.objects}
    assert ids == {"P-A", "P-B", "R-01", "R-02", "R-03", "AX-1", "M-01", "I-01", "response:R-02"}
    # docs/ is excluded by the revision's pyproject.toml, as the working-tree reader does.
    assert "M-99" not in ids
    m01 = v1.by_id["M-01"]
    assert (m01.get("status"), m01.get("progress"), m01.location.path) == ("planned", 0, "strategy/mesures.md")
    assert m01.docname == "strategy/mesures"


def test_reading_head_gives_the_same_objects_as_the_working_tree_reader(tmp_path):
    repo = make_project_repo(tmp_path / "p", work=False)
    at_head = GitRepository(repo).read_project("HEAD")
    on_disk = read_project(repo)
    assert [o.signature() for o in at_head.objects] == [o.signature() for o in on_disk.objects]
    assert at_head.reader_diagnostics == on_disk.reader_diagnostics


def test_a_project_in_a_subfolder_of_the_repository(tmp_path):
    make_project_repo(tmp_path / "repo" / "site", work=False)
    # Same history, but the repository's top is one level up.
    shutil.move(tmp_path / "repo" / "site" / ".git", tmp_path / "repo" / ".git")
    git(tmp_path / "repo", "add", "-A")
    git(tmp_path / "repo", "commit", "-q", "-m", "move", date="2025-05-01T00:00:00+00:00")
    git_repo = GitRepository(tmp_path / "repo" / "site")
    assert git_repo.prefix == "site/"
    project = git_repo.read_project("HEAD")
    assert project.by_id["M-01"].location.path == "strategy/mesures.md"


def test_file_selection_matches_the_working_tree_reader(tmp_path):
    names = [
        "a.md",
        "notes.txt",
        "opinion/x.md",
        "_build/html/y.md",
        ".hidden/z.md",
        "docs/guide.md",
        "sub/.dot.md",
        "node_modules/pkg/readme.md",
        "strategy/deep/er/w.md",
        "skip-me.md",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    patterns = ["docs", "skip-*.md"]
    assert [n for n in sorted(names) if is_traced_path(n, patterns)] == list(markdown_files(tmp_path, patterns))


def test_blobs_are_parsed_once_across_versions(repo):
    git_repo = GitRepository(repo)
    git_repo.read_project("v1")
    parsed = len(git_repo._parsed)
    git_repo.read_project("v1")
    assert len(git_repo._parsed) == parsed
    git_repo.read_project("v2")
    # v2 changed two files (mesures.md, reponses.md); the others are shared with v1.
    assert len(git_repo._parsed) == parsed + 2


def test_tags_in_history_order(repo):
    tags = GitRepository(repo).tags()
    assert [(t.name, t.commit.date.isoformat()) for t in tags] == [("v1", "2025-01-10"), ("v2", "2025-04-01")]


def test_unknown_revision_and_no_repository(repo, tmp_path):
    with pytest.raises(GitError, match="unknown revision 'v9'"):
        GitRepository(repo).resolve("v9")
    with pytest.raises(GitError, match="unknown revision"):
        GitRepository(repo).resolve("--all")
    outside = tmp_path / "tarball"
    outside.mkdir()
    assert GitRepository.open(outside) is None
    with pytest.raises(GitError, match="not inside a git repository"):
        open_repository(outside)


def test_comparison_between_tags(repo):
    git_repo = GitRepository(repo)
    result = compare(git_repo.read_project("v1"), git_repo.read_project("v2"))
    facts = [(c.type.value, c.kind, c.id, c.option, c.before, c.after) for c in result.changes]
    assert facts == [
        ("coverage", "recommendation", "R-02", None, True, False),
        ("coverage", "recommendation", "R-03", None, False, True),
        ("retitled", "measure", "M-01", None, "Grille d'évaluation", "Grille d'évaluation des projets"),
        ("value", "measure", "M-01", "status", "planned", "in-progress"),
        ("value", "measure", "M-01", "progress", 0, 40),
        ("added", "measure", "M-02", None, None, None),
        ("value", "response", "R-02", "decision", "declined", "adopted"),
    ]
    assert (result.coverage_before.covered, result.coverage_before.total) == (2, 3)
    assert (result.coverage_after.covered, result.coverage_after.uncovered) == (2, ("R-02",))


def test_moving_or_rewrapping_an_object_is_not_a_change():
    before = read_text(":::{measure} M-1 T\n:status: done\n\nUne ligne\nde texte.\n:::\n", "a.md").objects
    after = read_text("# Titre\n\nIntro.\n\n:::{measure} M-1 T\n:status: done\n\nUne ligne de texte.\n:::\n", "b.md")
    assert compare(Project.from_parts(before), Project.from_parts(after.objects)).changes == ()


def test_links_text_kind_change_and_unknown_options():
    before = read_text(
        ":::{measure} X-1 T\n:responds: R-1, R-2\n:axis: A\n:colour: blue\n\nOld.\n:::\n"
        ":::{axis} A Axe\n:::\n:::{indicator} Y Ind\n:::\n",
        "a.md",
    ).objects
    after = read_text(
        ":::{measure} X-1 T\n:responds: R-2, R-3\n:axis: B\n:colour: red\n\nNew.\n:::\n"
        ":::{axis} A Axe\n:::\n:::{measure} Y Now a measure\n:::\n",
        "a.md",
    ).objects
    changes = compare(Project.from_parts(before), Project.from_parts(after)).changes
    facts = [(c.type, c.kind, c.id, c.option, c.added, c.removed) for c in changes]
    assert facts == [
        (ChangeType.LINKS, "measure", "X-1", "responds", ("R-3",), ("R-1",)),
        (ChangeType.LINKS, "measure", "X-1", "axis", ("B",), ("A",)),
        (ChangeType.VALUE, "measure", "X-1", "colour", (), ()),
        (ChangeType.TEXT, "measure", "X-1", None, (), ()),
        (ChangeType.ADDED, "measure", "Y", None, (), ()),
        (ChangeType.REMOVED, "indicator", "Y", None, (), ()),
    ]


def test_natural_order_of_ids():
    assert sorted(["M-10", "M-2", "M-1", "A"], key=natural_key) == ["A", "M-1", "M-2", "M-10"]


def test_diff_text_against_the_working_tree(repo, capsys):
    code, out, _ = run_diff(capsys, "v2", "-C", str(repo))
    assert code == 0
    assert out.splitlines() == [
        "Changes between v2 (1 April 2025) and the working version",
        "Coverage of the recommendations: 2 of 3 (67%) → 3 of 3 (100%).",
        "R-02 Mesurer l'empreinte: now covered",
        "M-01 Grille d'évaluation des projets: responds to: added R-02",
        "M-01 Grille d'évaluation des projets: due: 30 June 2025 → 30 September 2025",
        "I-01 Projets évalués: removed",
        "Assessment of R-01 on 15 May 2025: added",
    ]


def test_diff_text_in_french_says_what_the_site_says(repo, capsys):
    code, out, _ = run_diff(capsys, "v2", "-C", str(repo), lang="fr")
    assert code == 0
    assert out.splitlines() == [
        "Évolution entre v2 (1er avril 2025) et la version de travail",
        "Couverture des recommandations : 2 sur 3 (67 %) → 3 sur 3 (100 %).",
        "R-02 Mesurer l'empreinte : désormais couverte",
        "M-01 Grille d'évaluation des projets : répond à : ajout de R-02",
        "M-01 Grille d'évaluation des projets : échéance : 30 juin 2025 → 30 septembre 2025",
        "I-01 Projets évalués : retiré",
        "Appréciation de R-01 du 15 mai 2025 : ajoutée",
    ]


def test_diff_markdown_for_a_council_report(repo, capsys):
    code, out, _ = run_diff(capsys, "v1", "v2", "-C", str(repo), "--format", "markdown", lang="fr")
    assert code == 0
    assert out.splitlines() == [
        "# Évolution entre v1 (10 janvier 2025) et v2 (1er avril 2025)",
        "",
        "**Couverture des recommandations** : 2 sur 3 (67 %) → 2 sur 3 (67 %).",
        "",
        "## Recommandations",
        "",
        "- **R-02** Mesurer l'empreinte : n'est plus couverte",
        "- **R-03** Signaler l'IA : désormais couverte",
        "",
        "## Mesures",
        "",
        "- **M-01** Grille d'évaluation des projets : titre modifié (ancien titre : « Grille d'évaluation »)",
        "- **M-01** Grille d'évaluation des projets : statut : prévue → en cours",
        "- **M-01** Grille d'évaluation des projets : avancement : 0 % → 40 %",
        "- **M-02** Mention « assisté par IA » : ajoutée",
        "",
        "## Réponses",
        "",
        "- **Réponse à R-02** : décision : non retenue → retenue",
    ]


def test_diff_markdown_in_english(repo, capsys):
    code, out, _ = run_diff(capsys, "v1", "v2", "-C", str(repo), "--format", "markdown", lang="en")
    assert code == 0
    assert out.splitlines() == [
        "# Changes between v1 (10 January 2025) and v2 (1 April 2025)",
        "",
        "**Coverage of the recommendations**: 2 of 3 (67%) → 2 of 3 (67%).",
        "",
        "## Recommendations",
        "",
        "- **R-02** Mesurer l'empreinte: no longer covered",
        "- **R-03** Signaler l'IA: now covered",
        "",
        "## Measures",
        "",
        "- **M-01** Grille d'évaluation des projets: title changed (former title: “Grille d'évaluation”)",
        "- **M-01** Grille d'évaluation des projets: status: planned → in progress",
        "- **M-01** Grille d'évaluation des projets: progress: 0% → 40%",
        "- **M-02** Mention « assisté par IA »: added",
        "",
        "## Responses",
        "",
        "- **Response to R-02**: decision: declined → adopted",
    ]


def test_diff_json(repo, capsys, tmp_path):
    target = tmp_path / "diff.json"
    code, out, _ = run_diff(capsys, "v1", "-C", str(repo), "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["from"]["revision"] == "v1" and data["from"]["date"] == "2025-01-10"
    assert len(data["from"]["commit"]) == 40
    assert data["to"] == {"revision": None, "commit": None, "date": None}
    assert data["coverage"] == {
        "before": {"covered": 2, "total": 3, "uncovered": ["R-03"]},
        "after": {"covered": 3, "total": 3, "uncovered": []},
    }
    keys = {"type", "kind", "id", "key", "title", "date", "option", "before", "after", "added", "removed"}
    assert all(set(c) == keys for c in data["changes"])
    by_option = {(c["id"], c["option"]): c for c in data["changes"] if c["type"] in ("value", "links")}
    assert by_option[("M-01", "due")]["before"] == "2025-06-30"
    assert by_option[("M-01", "due")]["after"] == "2025-09-30"
    assert by_option[("M-01", "responds")]["added"] == ["R-02"]
    assessment = next(c for c in data["changes"] if c["kind"] == "assessment")
    assert assessment == {
        "type": "added",
        "kind": "assessment",
        "id": "R-01",
        "key": "assessment:R-01:2025-05-15",
        "title": "",
        "date": "2025-05-15",
        "option": None,
        "before": None,
        "after": None,
        "added": [],
        "removed": [],
    }


def test_diff_without_changes(repo, capsys):
    code, out, _ = run_diff(capsys, "v2", "v2", "-C", str(repo), "--format", "markdown", lang="fr")
    assert code == 0
    assert "Aucun changement." in out


def test_diff_usage_errors(repo, tmp_path, capsys):
    code, _, err = run_diff(capsys, "v9", "-C", str(repo))
    assert code == 2
    assert "unknown revision 'v9'" in err
    outside = tmp_path / "tarball"
    outside.mkdir()
    code, _, err = run_diff(capsys, "v1", "-C", str(outside))
    assert code == 2
    assert "not inside a git repository" in err


def test_diff_of_a_repository_with_renamed_and_deleted_files(tmp_path):
    repo = make_project_repo(tmp_path / "p", work=False)
    git(repo, "mv", "strategy/mesures.md", "strategy/les-mesures.md")
    commit(repo, {"strategy/axe.md": None}, "rename and delete", "2025-05-01T00:00:00+00:00")
    git_repo = GitRepository(repo)
    changes = compare(git_repo.read_project("v2"), git_repo.read_project("HEAD")).changes
    assert [(c.type.value, c.id) for c in changes] == [("removed", "AX-1")]
