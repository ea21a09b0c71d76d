"""Each object's history: the commits where what an author wrote about it changed.

Computed once for the whole project: one ``git log --raw`` lists, commit by
commit along the main line (first parents), which Markdown blobs changed; one
``git cat-file --batch`` hands over those blobs; each version of each file is
parsed once. Walking the commits oldest first while keeping the objects of
every file, an object's history is the list of commits where
:func:`changes.compare_objects` finds a difference — moving an object within a
file or to another file is not a change.

Dates are committer dates, never the clock. In a shallow clone the oldest
commit reached is not where the objects were created: the history is marked
partial and that commit's apparent additions are not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from ..model import TraceObject
from ..reader import load_excludes
from .changes import Change, compare_objects
from .git_revisions import Commit, GitError, GitRepository, is_traced_path

_NULL_SHA = "0" * 40

#: The events of an object's history.
ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class HistoryEntry:
    """One commit in an object's history.

    ``event`` is ``added``, ``changed`` or ``removed``; ``changes`` lists what
    changed (empty for additions and removals); ``version`` is the first tagged
    version that includes the commit (None when no tag includes it yet).
    """

    commit: Commit
    event: str
    changes: tuple[Change, ...] = ()
    version: str | None = None


@dataclass
class ProjectHistory:
    """The history of every object of a project, by key (see :attr:`TraceObject.key`)."""

    available: bool
    reason: str = ""  # why the history is unavailable, for the page
    partial: bool = False  # a shallow clone: older commits are missing
    entries: dict[str, list[HistoryEntry]] = field(default_factory=dict)

    @classmethod
    def unavailable(cls, reason: str) -> ProjectHistory:
        return cls(False, reason)

    def of(self, key: str) -> list[HistoryEntry]:
        """The object's history, oldest commit first."""
        return self.entries.get(key, [])

    def last_change(self, key: str) -> HistoryEntry | None:
        found = self.entries.get(key)
        return found[-1] if found else None


@dataclass(frozen=True)
class _FileChange:
    path: str  # relative to the project root
    blob: str | None  # None when the file was deleted


def _parse_log(raw: bytes, prefix: str) -> list[tuple[Commit, list[_FileChange]]]:
    """Parse ``git log --raw -z`` output written with the format ``%x01%H%x00%ct%x00%s``."""
    commits: list[tuple[Commit, list[_FileChange]]] = []
    for chunk in raw.split(b"\x01"):
        if not chunk.strip():
            continue
        fields = chunk.split(b"\x00")
        if len(fields) < 3 or not fields[1].isdigit():
            continue
        commit = Commit(fields[0].decode("ascii"), int(fields[1]), fields[2].decode("utf-8", errors="replace"))
        rest = fields[3:]
        files: list[_FileChange] = []
        for meta, path_bytes in zip(rest[0::2], rest[1::2], strict=False):
            parts = meta.strip().decode("ascii", errors="replace").split()
            if len(parts) < 5:
                continue
            new_mode, new_blob = parts[1], parts[3]
            path = path_bytes.decode("utf-8", errors="surrogateescape")
            if not path.startswith(prefix):
                continue
            deleted = new_blob == _NULL_SHA or new_mode in ("000000", "120000", "160000")
            files.append(_FileChange(path[len(prefix) :], None if deleted else new_blob))
        commits.append((commit, files))
    return commits


class _State:
    """The objects of every file at one point of the walk, and where each key lives."""

    def __init__(self) -> None:
        self.files: dict[str, dict[str, TraceObject]] = {}
        self.homes: dict[str, set[str]] = {}

    def current(self, key: str) -> TraceObject | None:
        homes = self.homes.get(key)
        # With duplicates, the file that sorts first wins, as in a Project read in path order.
        return self.files[min(homes)][key] if homes else None

    def set_file(self, path: str, objects: tuple[TraceObject, ...] | None) -> None:
        for key in self.files.pop(path, {}):
            self.homes[key].discard(path)
            if not self.homes[key]:
                del self.homes[key]
        if objects is None:
            return
        found: dict[str, TraceObject] = {}
        for obj in objects:
            found.setdefault(obj.key, obj)
        self.files[path] = found
        for key in found:
            self.homes.setdefault(key, set()).add(path)


def _versions(repo: GitRepository) -> dict[str, str]:
    """Commit hash -> the first tag at or after it on the main line."""
    tags = repo.tags()
    if not tags:
        return {}
    order = repo.git("rev-list", "--first-parent", "--reverse", "HEAD").split()
    position = {sha: i for i, sha in enumerate(order)}
    marks = sorted((position[t.commit.sha], t.name) for t in tags if t.commit.sha in position)
    versions: dict[str, str] = {}
    mark = 0
    for i, sha in enumerate(order):
        while mark < len(marks) and marks[mark][0] < i:
            mark += 1
        if mark < len(marks):
            versions[sha] = marks[mark][1]
    return versions


def project_history(root: Path | str, repo: GitRepository | None = None) -> ProjectHistory:
    """The history of every object under ``root``; unavailable (not an error) outside git."""
    repo = repo or GitRepository.open(root)
    if repo is None:
        return ProjectHistory.unavailable(_("the sources are not in a git repository."))
    try:
        return _walk(repo, load_excludes(Path(root)))
    except GitError as exc:
        return ProjectHistory.unavailable(f"git : {exc}")


def _walk(repo: GitRepository, patterns: list[str]) -> ProjectHistory:
    if repo.head() is None:
        return ProjectHistory.unavailable(_("the git repository holds no commit yet."))
    raw = repo.git_bytes(
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "-z",
        "--format=%x01%H%x00%ct%x00%s",
        "HEAD",
        "--",
        "*.md",
    )
    log = [
        (commit, [f for f in files if is_traced_path(f.path, patterns)])
        for commit, files in _parse_log(raw, repo.prefix)
    ]
    # Parse every blob the walk will meet, reading them all in one git process.
    blobs = {(f.path, f.blob) for _, files in log for f in files if f.blob}
    parsed = repo.parse_versions(blobs)
    partial = repo.is_shallow()
    versions = _versions(repo)
    state = _State()
    entries: dict[str, list[HistoryEntry]] = {}
    for index, (commit, files) in enumerate(log):
        touched = {key for f in files for key in state.files.get(f.path, {})}
        before = {key: state.current(key) for key in touched}
        for f in files:
            state.set_file(f.path, parsed[(f.path, f.blob)].objects if f.blob else None)
        touched |= {key for f in files for key in state.files.get(f.path, {})}
        if partial and index == 0:
            continue  # the shallow boundary: its "additions" are only what was there already
        version = versions.get(commit.sha)
        for key in sorted(touched):
            entry = _entry(commit, before.get(key), state.current(key), version)
            if entry is not None:
                entries.setdefault(key, []).append(entry)
    return ProjectHistory(True, partial=partial, entries=entries)


def _entry(
    commit: Commit, old: TraceObject | None, new: TraceObject | None, version: str | None
) -> HistoryEntry | None:
    if old is None and new is None:
        return None
    if old is None:
        return HistoryEntry(commit, ADDED, version=version)
    if new is None:
        return HistoryEntry(commit, REMOVED, version=version)
    if old.kind != new.kind:
        return HistoryEntry(commit, ADDED, version=version)
    changes = tuple(compare_objects(old, new))
    return HistoryEntry(commit, CHANGED, changes, version) if changes else None
