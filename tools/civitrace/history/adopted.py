"""Read the adopted opinion from the git tag ``[tool.civitrace] adopted`` names.

The tag's files are read by :class:`.git_revisions.GitRepository`, with the
same reader as the working tree, so the comparison sees exactly what
``civitrace check`` sees. Every problem (git missing, not a repository, no
such tag, a shallow clone without it) comes back as an
:class:`~civitrace.seal.AdoptedUnavailable` with a reason for users, never
as an exception.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diagnostics import Diagnostic
from ..i18n import _
from ..model import Project
from ..project_config import ADOPTED, adopted_tag, setting_location
from ..seal import AdoptedText, AdoptedUnavailable, compare, sealed_texts, unavailable_diagnostic
from .git_revisions import GitError, GitRepository


def load_adopted(root: Path | str, tag: str | None = None) -> AdoptedText | AdoptedUnavailable | None:
    """The adopted text at ``tag`` (default: the configured one); None when nothing is configured."""
    setting = adopted_tag(root) if tag is None else tag
    if setting is None:
        return None
    location = setting_location(root, ADOPTED)
    if not isinstance(setting, str):
        reason = _("[tool.civitrace] adopted must be the name of a git tag, in quotes")
        return AdoptedUnavailable(str(setting), reason, location)
    tag = setting
    if not tag.strip() or tag.startswith("-"):
        return AdoptedUnavailable(tag, _("'{tag}' is not a tag name").format(tag=tag), location)
    try:
        repo = GitRepository(root)
    except GitError as exc:
        reason = _("the project is not in a git repository, or git is missing ({detail})").format(detail=exc)
        return AdoptedUnavailable(tag, reason, location)
    try:
        sha = repo.resolve(f"refs/tags/{tag}")
    except GitError:
        if repo.is_shallow():
            reason = _(
                "this is a shallow clone without the tag: fetch the whole history and the tags "
                "(GIT_DEPTH: 0 on GitLab CI, fetch-depth: 0 on GitHub Actions, or git fetch --unshallow --tags)"
            )
        else:
            reason = _("the repository has no tag '{tag}' (git tag lists them; git fetch --tags fetches them)")
        return AdoptedUnavailable(tag, reason.format(tag=tag), location)
    try:
        project = repo.read_project(sha)
        day = _tag_date(repo, tag) or repo.commit(sha).date
    except GitError as exc:
        return AdoptedUnavailable(tag, str(exc), location)
    return AdoptedText(tag, day, sealed_texts(project))


def _tag_date(repo: GitRepository, tag: str) -> dt.date | None:
    """The day the opinion was tagged: an annotated tag's own date (a lightweight tag's is its commit's)."""
    out = repo.git("for-each-ref", "--format=%(creatordate:unix)", f"refs/tags/{tag}").strip()
    if not out.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(out), tz=dt.UTC).date()


def seal_diagnostics(root: Path | str, project: Project) -> list[Diagnostic]:
    """What ``check`` and the build say about the sealed text: nothing when no tag is configured."""
    adopted = load_adopted(root)
    if adopted is None:
        return []
    if isinstance(adopted, AdoptedUnavailable):
        return [unavailable_diagnostic(adopted)]
    return compare(project, adopted)
