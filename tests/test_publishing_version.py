"""The version and date a publication shows come from git or SOURCE_DATE_EPOCH, never the clock."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from civitrace.sphinx_ext.publishing import Publication, publication
from civitrace.vocabulary import long_date
from helpers import git as run_git

COMMIT_TIME = "2024-03-01T10:00:00+00:00"


git = partial(run_git, date=COMMIT_TIME)


@pytest.fixture
def tagged_repo(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "a.md")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "tag", "v1.2")
    return tmp_path


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2024, 3, 1), "1er mars 2024"),
        (dt.date(2025, 8, 15), "15 août 2025"),
        (dt.date(2023, 12, 31), "31 décembre 2023"),
        (dt.date(2026, 2, 2), "2 février 2026"),
    ],
)
def test_french_date(day, text, french):
    assert long_date(day) == text


def test_dates_follow_the_language():
    assert long_date(dt.date(2024, 3, 1)) == "1 March 2024"
    assert long_date(dt.date(2025, 8, 15)) == "15 August 2025"


def test_version_and_date_come_from_git(tagged_repo, french):
    info = publication(tagged_repo)
    assert info == Publication("v1.2", dt.date(2024, 3, 1))
    assert info.summary == "Version v1.2 — dernière modification le 1er mars 2024"


def test_the_version_line_follows_the_language(tagged_repo):
    assert publication(tagged_repo).summary == "Version v1.2 — last changed on 1 March 2024"


def test_commits_after_the_tag_and_local_changes_show_in_the_version(tagged_repo):
    (tagged_repo / "b.md").write_text("# B\n", encoding="utf-8")
    git(tagged_repo, "add", "b.md")
    git(tagged_repo, "commit", "-q", "-m", "second")
    assert publication(tagged_repo).version.startswith("v1.2-1-g")
    (tagged_repo / "b.md").write_text("# B changed\n", encoding="utf-8")
    assert publication(tagged_repo).version.endswith("+")


def test_source_date_epoch_wins_over_the_last_commit(tagged_repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 2, tzinfo=dt.UTC).timestamp())))
    assert publication(tagged_repo).date == dt.date(2025, 1, 2)


def test_outside_git_there_is_no_version_and_no_date_from_the_clock(tmp_path, monkeypatch, french):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    info = publication(tmp_path)
    assert info == Publication("version non suivie", None)
    assert info.summary == "Version non suivie"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert publication(tmp_path).date == dt.date(2023, 11, 14)
