"""The date a version of the sources stands for.

Lateness and the dates shown on the site depend on one stated date, never on
the clock of the machine that builds: ``SOURCE_DATE_EPOCH`` if set, else the
date of the last commit, else today (outside git, e.g. a tarball).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

#: 9999-12-31T23:59:59Z: the last moment ``datetime`` can represent.
MAX_TIMESTAMP = 253402300799


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def last_commit_timestamp(root: Path | str) -> int | None:
    """Unix time of the last commit of the repository holding ``root``, or None outside git."""
    out = _git(Path(root), "log", "-1", "--format=%ct")
    return int(out) if out and out.isascii() and out.isdigit() and int(out) <= MAX_TIMESTAMP else None


def epoch_from_environment() -> int | None:
    """``SOURCE_DATE_EPOCH`` when it is a time Python can show (ASCII digits, up to the year 9999), else None."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isascii() and env.isdigit() and len(env) <= 12 and int(env) <= MAX_TIMESTAMP:
        return int(env)
    return None


def source_timestamp(root: Path | str) -> int | None:
    """``SOURCE_DATE_EPOCH`` if valid, else the last commit's time, else None."""
    stamp = epoch_from_environment()
    return stamp if stamp is not None else last_commit_timestamp(root)


def source_date(root: Path | str) -> dt.date:
    """The date of the version being built (UTC), falling back on today outside git."""
    stamp = source_timestamp(root)
    if stamp is None:
        return dt.date.today()
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date()


def version_label(root: Path | str) -> str | None:
    """The version as git describes it (tag, or tag-N-gHASH, or the short hash), None outside git."""
    return _git(Path(root), "describe", "--tags", "--always", "--dirty=+")
