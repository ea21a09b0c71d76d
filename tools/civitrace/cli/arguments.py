"""What subcommands share: argument types, the usage error and the exit statuses."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..fields import parse_date
from ..i18n import _

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


def error_line(command: str, message: str) -> str:
    """``civitrace check: error: …`` as the language writes it, for standard error."""
    return _("civitrace {command}: error: {message}").format(command=command, message=message) + "\n"


def warning_line(command: str, message: str) -> str:
    """``civitrace bilan: warning: …`` as the language writes it, for standard error."""
    return _("civitrace {command}: warning: {message}").format(command=command, message=message) + "\n"


def write_output(data: str, output: str | None, *, newline: str | None = None) -> None:
    """Write a command's result to ``output``, or to standard output without one.

    ``newline=""`` keeps line ends as written (the CSV module's CRLF). A file that
    cannot be written raises :class:`OSError`, which :func:`civitrace.cli.main`
    reports as a usage error naming it, as for every other output.
    """
    if not output:
        sys.stdout.write(data)
        return
    Path(output).write_text(data, encoding="utf-8", newline=newline)


def existing_dir(text: str) -> Path:
    """A project root: must be an existing folder."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(_("'{folder}' is not a folder").format(folder=text))
    return path


def iso_date(text: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` date, read as strictly as dates in the sources."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "root",
        nargs="?",
        type=existing_dir,
        default=Path("."),
        metavar="ROOT",
        help=_("project folder to read (default: the current folder)"),
    )
