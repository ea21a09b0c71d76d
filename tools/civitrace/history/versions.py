"""The adopted versions of a project (its git tags) and what changed from one to the next.

The follow-up pages and the Atom feed show the same steps: from each tagged
version to the next, and from the last tag to the version being built. Each
tag is read from git once; dates come from commits (the version being built
takes the build's source date), never from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_, _
from ..model import Project
from .changes import Comparison, compare
from .git_revisions import Commit, GitError, GitRepository

#: The label of the version being built, when it is not a tag.
CURRENT_LABEL = N_("working version")


@dataclass(frozen=True)
class Version:
    """One end of a comparison: a tag or revision with its commit, or the working tree (``commit`` None)."""

    label: str
    commit: Commit | None = None
    #: For the working tree: the build's source time (Unix), when known.
    timestamp: int | None = None

    @property
    def when(self) -> dt.datetime | None:
        stamp = self.commit.timestamp if self.commit else self.timestamp
        return None if stamp is None else dt.datetime.fromtimestamp(stamp, tz=dt.UTC)

    @property
    def date(self) -> dt.date | None:
        when = self.when
        return when.date() if when else None


@dataclass(frozen=True)
class Step:
    """The changes from one version to the next; ``before`` is None for the first tagged version."""

    before: Version | None
    after: Version
    comparison: Comparison
    #: The newer version's objects (what a first version holds).
    project: Project | None = field(default=None, compare=False, repr=False)

    @property
    def initial(self) -> bool:
        return self.before is None


@dataclass
class VersionHistory:
    """Every step between consecutive tags, then the step from the last tag to the current version."""

    available: bool
    reason: str = ""
    steps: list[Step] = field(default_factory=list)
    #: The step from the last tag to the version being built (None without tags).
    current: Step | None = None
    #: The current version as built, for counts when there is no tag.
    project: Project | None = None

    @property
    def tagged(self) -> list[Step]:
        return [s for s in self.steps if s is not self.current]


def version_history(
    root: Path | str,
    current: Project,
    current_timestamp: int | None = None,
    repo: GitRepository | None = None,
) -> VersionHistory:
    """The steps between tagged versions and up to ``current`` (the project being built)."""
    repo = repo or GitRepository.open(root)
    if repo is None:
        return VersionHistory(False, _("the sources are not in a git repository."), project=current)
    try:
        tags = repo.tags()
        steps: list[Step] = []
        previous: tuple[Version, Project] | None = None
        for tag in tags:
            version = Version(tag.name, tag.commit)
            project = repo.read_project(tag.commit.sha)
            before = previous[1] if previous else Project()
            steps.append(Step(previous[0] if previous else None, version, compare(before, project), project))
            previous = (version, project)
    except GitError as exc:
        return VersionHistory(False, f"git : {exc}", project=current)
    last: Step | None = None
    if previous is not None:
        now = Version(CURRENT_LABEL, None, current_timestamp)
        last = Step(previous[0], now, compare(previous[1], current), current)
        steps.append(last)
    return VersionHistory(True, steps=steps, current=last, project=current)
