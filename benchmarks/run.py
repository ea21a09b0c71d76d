"""Run every benchmark: ``nox -s benchmark`` or ``python benchmarks/run.py``.

- ``check_bench.py``: ``civitrace check`` on 10,000 generated objects (goal: under 1 s);
- ``graph_bench.py``: ``civitrace graph`` on 2,000 objects (goal: under 5 s), and how
  the diagrams of the example and of a climate-convention-sized project fit A4 landscape;
- ``site_bench.py``: the HTML site of one strategy at 2,000 and 5,000 objects built by
  civitrace, by sphinx-needs and by plain Sphinx (the floor): times, memory, growth,
  ``-j 2`` and a one-edit rebuild.

``python benchmarks/run.py site_bench.py`` runs only the scripts named.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


SCRIPTS = ("check_bench.py", "graph_bench.py", "site_bench.py")


def main() -> int:
    status = 0
    for script in sys.argv[1:] or SCRIPTS:
        print(f"== {script}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script)], check=False).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
