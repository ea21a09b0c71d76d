"""Each object's history from git: the commits where what was written about it changed."""

from __future__ import annotations

import pytest

from civitrace.history.git_revisions import GitRepository
from civitrace.history.object_history import ADDED, CHANGED, REMOVED, project_history
from history_fixtures import ASSESSMENT, commit, commit_work, git, make_project_repo, measures_v2


@pytest.fixture(autouse=True)
def _no_outer_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    repo = make_project_repo(tmp_path_factory.mktemp("objects") / "p")
    commit_work(repo)
    return project_history(repo)


def summary(entries):
    return [
        (e.commit.date.isoformat(), e.event, e.version, [(c.type.value, c.option) for c in e.changes]) for e in entries
    ]


def test_a_measure_history_lists_the_commits_that_changed_it(history):
    assert history.available and not history.partial
    assert summary(history.of("M-01")) == [
        ("2025-01-10", ADDED, "v1", []),
        ("2025-03-01", CHANGED, "v2", [("value", "status"), ("value", "progress")]),
        ("2025-04-01", CHANGED, "v2", [("retitled", None)]),
        # Not in a tagged version yet.
        ("2025-06-01", CHANGED, None, [("links", "responds"), ("value", "due")]),
    ]
    last = history.last_change("M-01")
    assert last is not None and last.commit.subject == "Follow-up session"
    change = last.changes[1]
    assert (change.before.isoformat(), change.after.isoformat()) == ("2025-06-30", "2025-09-30")


def test_unchanged_added_and_removed_objects(history):
    assert summary(history.of("R-01")) == [("2025-01-10", ADDED, "v1", [])]
    assert summary(history.of("M-02")) == [("2025-03-01", ADDED, "v2", [])]
    assert [e.event for e in history.of("I-01")] == [ADDED, REMOVED]
    assert summary(history.of("assessment:R-01:2025-05-15")) == [("2025-06-01", ADDED, None, [])]
    assert [e.event for e in history.of("response:R-02")] == [ADDED, CHANGED]
    # Files the reader skips are not followed.
    assert history.of("M-99") == []
    assert history.last_change("NOPE") is None


def test_moving_an_object_to_another_file_is_not_a_change(tmp_path):
    repo = make_project_repo(tmp_path / "p", work=False)
    text = measures_v2()
    split = text.index(":::{measure} M-02")
    commit(
        repo,
        {"strategy/mesures.md": text[:split], "strategy/autres-mesures-é.md": "# Autres\n\n" + text[split:]},
        "Move M-02",
        "2025-05-01T00:00:00+00:00",
    )
    history = project_history(repo)
    assert [e.commit.date.isoformat() for e in history.of("M-02")] == ["2025-03-01"]
    commit(repo, {"strategy/autres-mesures-é.md": None}, "Drop M-02", "2025-05-02T00:00:00+00:00")
    history = project_history(repo)
    assert [(e.event, e.commit.date.isoformat()) for e in history.of("M-02")] == [
        (ADDED, "2025-03-01"),
        (REMOVED, "2025-05-02"),
    ]


def test_a_merged_branch_counts_at_its_merge_on_the_main_line(tmp_path):
    repo = make_project_repo(tmp_path / "p", work=False)
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"opinion/suivi.md": ASSESSMENT}, "Assessment on a branch", "2025-05-01T00:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"README.md": "# Changed\n"}, "Unrelated", "2025-05-02T00:00:00+00:00")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge feature", "feature", date="2025-05-03T00:00:00+00:00")
    history = project_history(repo)
    entries = history.of("assessment:R-01:2025-05-15")
    assert [(e.event, e.commit.subject, e.commit.date.isoformat()) for e in entries] == [
        (ADDED, "Merge feature", "2025-05-03")
    ]


def test_a_shallow_clone_gives_a_partial_history(tmp_path):
    origin = make_project_repo(tmp_path / "origin", work=False)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(clone))
    history = project_history(clone)
    assert history.available and history.partial
    # The boundary commit (2025-03-01) is where the clone starts: it created nothing.
    assert history.of("R-01") == []
    assert [e.commit.date.isoformat() for e in history.of("M-01")] == ["2025-04-01"]


def test_history_is_unavailable_outside_git(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.md").write_text(":::{principle} P Principe\n:::\n", encoding="utf-8")
    history = project_history(tmp_path / "src")
    assert not history.available
    assert "git" in history.reason
    assert history.of("P") == [] and history.last_change("P") is None


def test_history_of_an_empty_repository(tmp_path):
    git(tmp_path, "init", "-q")
    history = project_history(tmp_path)
    assert not history.available


def test_history_reads_each_blob_once(tmp_path):
    repo = make_project_repo(tmp_path / "p")
    commit_work(repo)
    git_repo = GitRepository(repo)
    project_history(repo, git_repo)
    # 5 traced files at v1 (README.md included), then 3 more versions of mesures.md,
    # 1 of reponses.md and the new suivi.md: 10 distinct file versions, each parsed once.
    assert len(git_repo._parsed) == 10
