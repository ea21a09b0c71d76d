"""Time ``civitrace check`` on a generated project of 10,000 objects.

5,000 recommendations and 5,000 measures with 1 to 3 links each (the
foundation issue's target: under 1 second). Run with ``nox -s benchmark`` or
``python benchmarks/check_bench.py [--recommendations N] [--measures N] [--runs N]``.
The timing is of the whole command, as a user runs it, in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_project


def time_command(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` runs of ``command`` (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=5000)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate_project(root, args.recommendations, args.measures, principles=8, axes=5, seed=1)
        files = len(list(root.rglob("*.md")))
        command = [sys.executable, "-m", "civitrace", "check", str(root), "--as-of", "2026-01-01"]
        times = time_command(command, args.runs)
    print(
        f"civitrace check: {args.recommendations} recommendations + {args.measures} measures in {files} files: "
        f"median {statistics.median(times):.2f} s, best {min(times):.2f} s over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
