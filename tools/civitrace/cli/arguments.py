"""Argument types shared by subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def existing_dir(text: str) -> Path:
    """A project root: must be an existing folder."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{text}' is not a folder")
    return path


def iso_date(text: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date of the form YYYY-MM-DD") from None


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "root",
        nargs="?",
        type=existing_dir,
        default=Path("."),
        metavar="ROOT",
        help="project folder to read (default: the current folder)",
    )
