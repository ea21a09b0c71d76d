"""``civitrace seal``: print the SHA-256 fingerprint of the adopted opinion."""

from __future__ import annotations

import argparse
import sys

from ..i18n import N_, _
from .arguments import EXIT_OK, UsageError, add_root

DESCRIPTION = N_("""\
Print the SHA-256 fingerprint of the opinion's principles and recommendations (ID, title
and text, in the canonical form the authors' guide describes), as adopted: at the git tag
[tool.civitrace] adopted names in ROOT/pyproject.toml, or at --rev REV, or as the files
on disk are now with --working-tree (to seal a text before tagging it). The site prints
the same fingerprint on every page of the opinion, so anyone can check a published copy.
""")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "seal",
        help=_("print the SHA-256 fingerprint of the adopted opinion"),
        description=_(DESCRIPTION),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--rev", metavar="REV", help=_("fingerprint of the text at this tag, branch or commit"))
    which.add_argument("--working-tree", action="store_true", help=_("fingerprint of the files on disk"))
    parser.add_argument("--verbose", "-v", action="store_true", help=_("also say what was sealed (tag, date, count)"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the fingerprint; usage error (2) when there is nothing to seal or the tag cannot be read."""
    from ..history.git_revisions import GitError, open_repository
    from ..project_config import adopted_tag
    from ..reader import read_project
    from ..seal import AdoptedUnavailable, fingerprint, sealed_texts

    if args.working_tree:
        texts = sealed_texts(read_project(args.root))
        origin = _("files on disk")
    elif args.rev:
        try:
            repo = open_repository(args.root)
            texts = sealed_texts(repo.read_project(repo.resolve(args.rev)))
        except GitError as exc:
            raise UsageError(str(exc)) from None
        origin = args.rev
    else:
        from ..history.adopted import load_adopted

        if adopted_tag(args.root) is None:
            raise UsageError(_('no adopted text: set [tool.civitrace] adopted = "TAG", or use --rev or --working-tree'))
        adopted = load_adopted(args.root)
        if isinstance(adopted, AdoptedUnavailable):
            raise UsageError(
                _("cannot read the adopted text (tag '{tag}'): {reason}").format(tag=adopted.tag, reason=adopted.reason)
            )
        assert adopted is not None
        texts = adopted.texts
        origin = adopted.tag
    if not texts:
        raise UsageError(_("no principle or recommendation to seal in {origin}").format(origin=origin))
    sys.stdout.write(fingerprint(texts.values()) + "\n")
    if args.verbose:
        print(
            _("{count} principles and recommendations, from {origin}").format(count=len(texts), origin=origin),
            file=sys.stderr,
        )
    return EXIT_OK
