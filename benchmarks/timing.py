"""Timing a civitrace command the way a user runs it: a fresh process, the wall clock."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def time_civitrace(args: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``civitrace ARGS`` in a fresh process, ``runs`` times (output discarded).

    The exit status is not checked: ``check`` exits 1 on a generated project with errors, by design.
    One untimed run comes first, with bytecode caching allowed (some environments turn it off
    with ``PYTHONDONTWRITEBYTECODE``), so the figures are those of a user's second run, not of
    Python compiling the package.
    """
    command = [sys.executable, "-m", "civitrace", *args]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        timings.append(time.perf_counter() - start)
    return timings
