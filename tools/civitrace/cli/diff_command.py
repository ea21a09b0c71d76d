"""``civitrace diff REV1 [REV2]``: what changed between two versions of the project."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from .arguments import UsageError, write_output

FORMATS = ("json", "markdown", "text")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help=_("compare two versions of the project (git tags or commits)"),
        description=_(
            "Compare the project at git revision REV1 with REV2 (default: the files on disk): "
            "objects added, removed or retitled; changes of status, progress, decision, dates and links; "
            "coverage of the recommendations before and after. One change a line."
        ),
    )
    parser.add_argument("rev1", metavar="REV1", help=_("the older version: a tag, branch or commit"))
    parser.add_argument(
        "rev2", metavar="REV2", nargs="?", default=None, help=_("the newer version (default: the working tree)")
    )
    parser.add_argument(
        "-C",
        dest="root",
        type=Path,
        default=Path("."),
        metavar="ROOT",
        help=_("project folder, inside a git repository (default: the current folder)"),
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help=_("text (one change a line), markdown (for a council report) or json (default: text)"),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write the report to FILE instead of standard output"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compare the two versions and print the report; return the exit status."""
    # Imported here so that other subcommands do not load the history code.
    from ..history.changes import compare
    from ..history.diff_formats import FORMATS as RENDERERS
    from ..history.git_revisions import GitError, open_repository
    from ..history.versions import Version
    from ..reader import read_project

    try:
        repo = open_repository(args.root)
        before = Version(args.rev1, repo.commit(args.rev1))
        old = repo.read_project(before.commit.sha)  # type: ignore[union-attr]
        if args.rev2 is None:
            after = Version("working tree")
            new = read_project(args.root)
        else:
            after = Version(args.rev2, repo.commit(args.rev2))
            new = repo.read_project(after.commit.sha)  # type: ignore[union-attr]
    except GitError as exc:
        raise UsageError(str(exc)) from None
    report = RENDERERS[args.format](compare(old, new), before, after)
    write_output(report, args.output)
    return 0
