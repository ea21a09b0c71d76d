"""Read the project as it was at a git revision, without checking it out.

One ``git ls-tree`` lists the files of the revision and one ``git cat-file
--batch`` hands over every blob needed, so reading a version costs two
processes whatever its size. Files are chosen by the same rules as the
working-tree reader (skipped folders, ``[tool.civitrace] exclude`` of that
revision's ``pyproject.toml``) and parsed by the same :func:`reader.read_text`.
Parsed blobs are cached, so reading several versions, or the whole history,
parses each version of each file once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import subprocess
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Location, error
from ..i18n import _
from ..model import Project, TraceObject
from ..reader import decode, read_text
from ..source_files import excluded as _excluded
from ..source_files import skipped_folder

#: The revision name that stands for the files on disk, not a commit.
WORKING_TREE = "working tree"
_TIMEOUT = 120


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or a revision is unknown. The message is for users."""


@dataclass(frozen=True)
class Commit:
    """One commit: its full hash, committer time (Unix) and subject line."""

    sha: str
    timestamp: int
    subject: str

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.timestamp, tz=dt.UTC)

    @property
    def date(self) -> dt.date:
        return self.when.date()

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Tag:
    """A tag of an adopted version and the commit it names."""

    name: str
    commit: Commit


@dataclass(frozen=True)
class FileRead:
    """The objects and diagnostics of one version of one file."""

    objects: tuple[TraceObject, ...]
    diagnostics: tuple[Diagnostic, ...]


def is_traced_path(rel: str, patterns: Sequence[str] = ()) -> bool:
    """Whether the working-tree reader would read ``rel`` (a POSIX path relative to the project root)."""
    if not rel.endswith(".md") or rel.rpartition("/")[2].startswith("."):
        return False
    parts = rel.split("/")
    for depth, folder in enumerate(parts[:-1], start=1):
        if skipped_folder(folder) or _excluded("/".join(parts[:depth]), patterns):
            return False
    return not _excluded(rel, patterns)


def excludes_from_toml(data: bytes | None) -> list[str]:
    """``[tool.civitrace] exclude`` of a ``pyproject.toml``'s bytes; ``[]`` when absent or unreadable."""
    if data is None:
        return []
    try:
        config = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    patterns = config.get("tool", {}).get("civitrace", {}).get("exclude", [])
    return [str(p) for p in patterns] if isinstance(patterns, list) else []


def read_file_bytes(rel: str, data: bytes) -> tuple[list[TraceObject], list[Diagnostic]]:
    """Parse one file's bytes as the working-tree reader does; never raises."""
    text, diagnostics = decode(data, rel)
    if text is None:
        return [], diagnostics
    try:
        result = read_text(text, rel, rel[: -len(".md")])
    except Exception as exc:  # bad input must not stop a history walk
        return [], [
            *diagnostics,
            error(Location(rel, 1), "internal-error", _("could not read this file: {error!r}").format(error=exc)),
        ]
    return result.objects, diagnostics + result.diagnostics


class GitRepository:
    """The git repository holding a project root, with a cache of parsed blobs."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        top = self._run_at(self.root, "rev-parse", "--show-toplevel").strip()
        if not top:
            raise GitError(_("'{folder}' is not inside a git repository").format(folder=self.root))
        self.toplevel = Path(top)
        #: The project root's path inside the repository, '' or ending with '/'.
        self.prefix = self._run_at(self.root, "rev-parse", "--show-prefix").strip()
        self._parsed: dict[tuple[str, str], FileRead] = {}

    @classmethod
    def open(cls, root: Path | str) -> GitRepository | None:
        """The repository holding ``root``, or None outside git (e.g. a tarball of the sources)."""
        try:
            return cls(root)
        except GitError:
            return None

    # -- running git -------------------------------------------------------
    @staticmethod
    def _run_at(cwd: Path, *args: str, data: bytes | None = None) -> str:
        return GitRepository._run_bytes(cwd, *args, data=data).decode("utf-8", errors="replace")

    @staticmethod
    def _run_bytes(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(
                # core.quotepath=false: paths come back as they are, accents included.
                ["git", "-c", "core.quotepath=false", *args],
                cwd=cwd,
                input=data,
                capture_output=True,
                timeout=_TIMEOUT,
                check=False,
            )
        except FileNotFoundError:
            raise GitError(_("git is not installed")) from None
        except (OSError, subprocess.SubprocessError) as exc:
            raise GitError(_("git could not run: {error}").format(error=exc)) from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {args[0]} failed")
        return done.stdout

    def git(self, *args: str, data: bytes | None = None) -> str:
        """Run git in the project root and return its output as text."""
        return self._run_at(self.root, *args, data=data)

    def git_bytes(self, *args: str, data: bytes | None = None) -> bytes:
        """Run git in the project root and return its output as bytes."""
        return self._run_bytes(self.root, *args, data=data)

    # -- revisions -----------------------------------------------------------
    def resolve(self, revision: str) -> str:
        """The full hash of the commit ``revision`` names; GitError if it names none."""
        if not revision or revision.startswith("-"):
            raise GitError(_("unknown revision '{revision}'").format(revision=revision))
        try:
            out = self.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        except GitError:
            out = ""
        if not out.strip():
            raise GitError(
                _("unknown revision '{revision}' (not a tag, branch or commit of this repository)").format(
                    revision=revision
                )
            )
        return out.strip()

    def commit(self, revision: str) -> Commit:
        """The commit ``revision`` names."""
        sha = self.resolve(revision)
        return self.commits([sha])[0]

    def commits(self, shas: Sequence[str]) -> list[Commit]:
        """Commits by hash, in the order given (one git process)."""
        if not shas:
            return []
        out = self.git("show", "-s", "--no-walk=unsorted", "--format=%H%x00%ct%x00%s%x00", *shas)
        found: dict[str, Commit] = {}
        for record in out.split("\x00\n"):
            fields = record.strip("\n").split("\x00")
            if len(fields) >= 3 and fields[1].isdigit():
                found[fields[0]] = Commit(fields[0], int(fields[1]), fields[2])
        return [found[sha] for sha in shas if sha in found]

    def head(self) -> Commit | None:
        """The commit checked out, or None in a repository without commits."""
        try:
            return self.commit("HEAD")
        except GitError:
            return None

    def tags(self) -> list[Tag]:
        """Tags of commits in HEAD's history, oldest commit first (ties by name)."""
        try:
            out = self.git(
                "for-each-ref",
                "--merged=HEAD",
                "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)",
                "refs/tags",
            )
        except GitError:
            return []
        named: list[tuple[str, str]] = []
        for line in out.splitlines():
            name, obj, peeled = [*line.split("\x00"), "", ""][:3]
            named.append((name, peeled or obj))
        commits = {c.sha: c for c in self.commits(sorted({sha for _, sha in named}))}
        tags = [Tag(name, commits[sha]) for name, sha in named if sha in commits]
        return sorted(tags, key=lambda t: (t.commit.timestamp, t.name))

    def is_shallow(self) -> bool:
        """True in a shallow clone, whose history is cut short (CI's default depth)."""
        try:
            return self.git("rev-parse", "--is-shallow-repository").strip() == "true"
        except GitError:
            return False

    # -- contents ------------------------------------------------------------
    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The contents of blobs by hash, through one ``git cat-file --batch``."""
        wanted = sorted(set(shas))
        if not wanted:
            return {}
        out = self._run_bytes(self.root, "cat-file", "--batch", data="".join(f"{s}\n" for s in wanted).encode())
        blobs: dict[str, bytes] = {}
        pos = 0
        while pos < len(out):
            end = out.index(b"\n", pos)
            header = out[pos:end].decode("ascii", errors="replace").split()
            pos = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                blobs[header[0]] = out[pos : pos + size]
                pos += size + 1  # the content is followed by a newline
        return blobs

    def tree_files(self, revision: str) -> dict[str, str]:
        """Files of the project root at ``revision``: path relative to the root -> blob hash."""
        out = self._run_bytes(self.root, "ls-tree", "-r", "-z", "--full-tree", self.resolve(revision))
        files: dict[str, str] = {}
        everything: dict[str, str] = {}
        links: dict[str, str] = {}
        for entry in out.split(b"\x00"):
            if not entry:
                continue
            meta, _tab, path_bytes = entry.partition(b"\t")
            mode, kind, sha = meta.decode("ascii").split()
            path = path_bytes.decode("utf-8", errors="surrogateescape")
            if kind != "blob":
                continue  # submodules hold no text of their own
            if mode == "120000":
                links[path] = sha
                continue
            everything[path] = sha
            if path.startswith(self.prefix):
                files[path[len(self.prefix) :]] = sha
        # A symlinked file is read through its link on disk: read the file it points to in the same tree.
        targets = self.read_blobs(sha for path, sha in links.items() if path.endswith(".md")) if links else {}
        for path, sha in links.items():
            target_text = targets.get(sha)
            if target_text is None or not path.startswith(self.prefix):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), target_text.decode("utf-8", "replace")))
            if target in everything:
                files[path[len(self.prefix) :]] = everything[target]
        return files

    def parse_blob(self, rel: str, sha: str, data: bytes | None) -> FileRead:
        """The objects of one version of one file, parsed once and cached by (blob, path)."""
        key = (sha, rel)
        cached = self._parsed.get(key)
        if cached is None:
            if data is None:
                objects: list[TraceObject] = []
                diagnostics = [
                    error(Location(rel, 0), "unreadable", _("git has no content for blob {sha}").format(sha=sha[:7]))
                ]
            else:
                objects, diagnostics = read_file_bytes(rel, data)
            cached = self._parsed[key] = FileRead(tuple(objects), tuple(diagnostics))
        return cached

    def parse_versions(
        self, versions: Iterable[tuple[str, str]], blobs: dict[str, bytes] | None = None
    ) -> dict[tuple[str, str], FileRead]:
        """Parse file versions given as (path, blob hash); blobs not given nor parsed yet are read from git."""
        wanted = set(versions)
        known = blobs or {}
        missing = {sha for rel, sha in wanted if (sha, rel) not in self._parsed and sha not in known}
        found = {**known, **self.read_blobs(missing)}
        return {(rel, sha): self.parse_blob(rel, sha, found.get(sha)) for rel, sha in wanted}

    def read_project(self, revision: str) -> Project:
        """The project as committed at ``revision`` (one ``ls-tree``, at most one ``cat-file``)."""
        files = self.tree_files(revision)
        config_sha = files.get("pyproject.toml")
        # Read the configuration and every Markdown file not parsed yet in one go; the
        # configuration then says which of them are excluded.
        candidates = {rel: sha for rel, sha in files.items() if is_traced_path(rel)}
        unread = {sha for rel, sha in candidates.items() if (sha, rel) not in self._parsed}
        blobs = self.read_blobs(unread | ({config_sha} if config_sha else set()))
        patterns = excludes_from_toml(blobs.get(config_sha) if config_sha else None)
        traced = {rel: sha for rel, sha in candidates.items() if is_traced_path(rel, patterns)}
        parsed = self.parse_versions(traced.items(), blobs)
        objects: list[TraceObject] = []
        diagnostics: list[Diagnostic] = []
        for rel in sorted(traced):
            read = parsed[(rel, traced[rel])]
            objects.extend(read.objects)
            diagnostics.extend(read.diagnostics)
        return Project.from_parts(objects, diagnostics)


def open_repository(root: Path | str) -> GitRepository:
    """The repository holding ``root``; GitError with a clear message outside git."""
    if not Path(root).is_dir():
        raise GitError(_("'{folder}' is not a folder").format(folder=root))
    repo = GitRepository.open(root)
    if repo is None:
        raise GitError(
            _("'{folder}' is not inside a git repository: comparing versions needs the project's git history").format(
                folder=root
            )
        )
    if repo.head() is None:
        raise GitError(_("the repository has no commit yet"))
    return repo
