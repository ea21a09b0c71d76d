"""Which version the report is about, and which it is compared with: git tags, the adopted versions.

By default the report is about the last tag and compares it with the tag
before it. Without any tag it is about the files on disk and compares them
with nothing, and says so: the report must still be possible the first year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..history.git_revisions import GitError, GitRepository
from ..history.versions import CURRENT_LABEL, Version
from ..i18n import _
from ..model import Project
from ..reader import read_project
from ..source_date import source_timestamp


class ReportError(Exception):
    """The version asked for does not exist; the message says what exists."""


@dataclass(frozen=True)
class ReportVersions:
    """The version reported on and the one before it (None the first time)."""

    current: Version
    project: Project
    previous: Version | None
    previous_project: Project | None
    #: no tag at all: the report is on the working files
    untagged: bool = False
    #: no git repository at all
    no_git: bool = False

    @property
    def as_of(self) -> dt.date:
        """The date the report judges lateness and due reviews at: the version's own date.

        Outside git, without ``SOURCE_DATE_EPOCH``, today's (as :func:`civitrace.source_date.source_date`).
        """
        return self.current.date or dt.date.today()


def select_versions(root: Path | str, version: str | None = None, previous: str | None = None) -> ReportVersions:
    """The versions of the report: ``version`` (default: the last tag) and ``previous`` (default: the tag before)."""
    repo = GitRepository.open(root)
    if repo is None:
        if version or previous:
            raise ReportError(
                _("'{folder}' is not in a git repository: --version and --previous need git").format(folder=root)
            )
        return ReportVersions(_working(root), read_project(root), None, None, untagged=True, no_git=True)
    try:
        tags = repo.tags()
        if version is None and not tags:
            before = Version(previous, repo.commit(previous)) if previous else None
            before_project = repo.read_project(before.commit.sha) if before and before.commit else None
            return ReportVersions(_working(root), read_project(root), before, before_project, untagged=True)
        if version is None:
            current = Version(tags[-1].name, tags[-1].commit)
        else:
            current = Version(version, repo.commit(version))
        assert current.commit is not None
        before: Version | None = None
        if previous is not None:
            before = Version(previous, repo.commit(previous))
        else:
            earlier = [t for t in tags if t.commit.timestamp < current.commit.timestamp and t.commit != current.commit]
            if earlier:
                before = Version(earlier[-1].name, earlier[-1].commit)
        project = repo.read_project(current.commit.sha)
        before_project = repo.read_project(before.commit.sha) if before and before.commit else None
    except GitError as exc:
        raise ReportError(str(exc)) from None
    return ReportVersions(current, project, before, before_project)


def _working(root: Path | str) -> Version:
    return Version(CURRENT_LABEL, None, source_timestamp(root))
