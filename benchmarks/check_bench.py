"""Time ``civitrace check`` on a generated project of 10,000 objects.

5,000 recommendations and 5,000 measures with 1 to 3 links each (the
foundation issue's target: under 1 second). Run with ``nox -s benchmark`` or
``python benchmarks/check_bench.py [--recommendations N] [--measures N] [--runs N]``.
The timing is of the whole command, as a user runs it, in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_project
from timing import time_civitrace

GOAL_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=5000)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Exactly the project: recommendations and measures (with 1 to 3 links), no responses.
        generate_project(root, args.recommendations, args.measures, principles=8, axes=5, seed=1, responses=False)
        files = len(list(root.rglob("*.md")))
        times = time_civitrace(["check", str(root), "--as-of", "2026-01-01"], args.runs)
    print(
        f"civitrace check: {args.recommendations} recommendations + {args.measures} measures in {files} files: "
        f"median {statistics.median(times):.2f} s, best {min(times):.2f} s over {args.runs} runs "
        f"(goal: under {GOAL_SECONDS:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
