"""``civitrace init``: a new, working project for another collectivity."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from ..i18n import N_, _
from .arguments import EXIT_OK, UsageError

DESCRIPTION = N_("""\
Write a new civitrace project into DIR (a new or empty folder; nothing is ever overwritten):
pyproject.toml with the doctrine's defaults, noxfile.py, requirements.txt, docs/conf.py, the
home page and an accessibility statement to complete, opinion/ and strategy/ (with the AI
register in strategy/registre/) holding one commented example of each kind, the GitLab and
GitHub pipelines, and a French README. The project passes `civitrace check` and builds with
`sphinx-build -W` as it is; replace the examples with your own text.
""")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help=_("write a new, working project for another collectivity"),
        description=_(DESCRIPTION),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help=_("the folder to create (new or empty)"))
    parser.add_argument("--name", required=True, metavar="NAME", help=_('the collectivity, e.g. "Ville de Rennes"'))
    parser.add_argument(
        "--requirement",
        metavar="SPEC",
        default=None,
        help=_(
            "how the project's nox sessions install civitrace, written to requirements.txt (default: "
            "where this civitrace was installed from, a git URL or a folder, else civitrace[pdf]==VERSION)"
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the project; a usage error (2) when the folder is not empty or the name is unusable."""
    from ..scaffold import ScaffoldError, checked_settings, default_requirement, write_project

    try:
        settings = checked_settings(args.name, args.requirement or default_requirement(__version__))
        written = write_project(args.directory, settings)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(_("cannot write the project: {error}").format(error=exc)) from None
    print(_("wrote {count} files into {target}").format(count=len(written), target=args.directory))
    print(
        _("next: cd {target} && git init && git add -A && git commit -m 'New civitrace project'").format(
            target=args.directory
        )
    )
    print(_("then: civitrace check . (or nox -s check), and nox -s site to build the site and the PDF"))
    return EXIT_OK
