"""Time ``civitrace graph`` on generated projects, and measure how its diagrams fit a printed page.

Run: ``python benchmarks/graph_bench.py`` (``--objects N`` for the size of the
large project). Each run is the real command line in a fresh process, as a
user or CI runs it, timed with the wall clock; the goal is under 5 s for a
project of 2,000 drawn objects. It also prints, for the example and for a
project the size of the Convention citoyenne pour le climat (150
recommendations under 8 principles, 200 measures under 5 axes), each
diagram's size in points and its smallest text once scaled to A4 landscape.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_project
from timing import time_civitrace

from civitrace.graph import DiagramRequest, diagram_dot, render
from civitrace.graph.fit import svg_fit
from civitrace.reader import read_project

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
GOAL_SECONDS = 5.0


def sizes_for(objects: int) -> dict[str, int]:
    """Generator arguments giving ``objects`` drawn objects (principles, recommendations, measures, axes)."""
    principles = max(2, objects // 70)
    axes = max(2, objects // 100)
    rest = objects - principles - axes
    recommendations = rest * 2 // 5
    return {
        "principles": principles,
        "axes": axes,
        "recommendations": recommendations,
        "measures": rest - recommendations,
    }


def report_fit(label: str, root: Path) -> None:
    """Print the page fit of the overview and of each principle's diagram."""
    project = read_project(root)
    as_of = dt.date.fromisoformat(AS_OF)
    requests = [DiagramRequest("overview")]
    requests += [DiagramRequest("principle", p.id) for p in project.of_kind("principle")]
    worst = float("inf")
    for request in requests:
        fit = svg_fit(render(diagram_dot(project, request, as_of), "svg"))
        name = request.root or "vue d'ensemble"
        worst = min(worst, fit.smallest_text) if request.view == "principle" else worst
        print(f"  {label:<10} {name:<16} {fit.describe()}")
    print(f"  {label:<10} smallest text over the principles' diagrams: {worst:.1f} pt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=2000, help="drawn objects in the large project")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civitrace-graph-bench-") as tmp:
        big = Path(tmp) / "big"
        generated = generate_project(big, **sizes_for(args.objects), seed=1)
        drawn = sum(generated.counts[k] for k in ("principle", "recommendation", "measure", "axis"))
        print(f"generated project: {generated.objects} objects, {drawn} drawn ({generated.counts})")
        for label, extra in (
            ("full diagram (svg)", ["-o", str(Path(tmp) / "full.svg")]),
            ("overview (svg)", ["--overview", "-o", str(Path(tmp) / "overview.svg")]),
            ("split (overview + every principle, pdf)", ["--split", str(Path(tmp) / "split"), "--format", "pdf"]),
        ):
            timings = time_civitrace(["graph", str(big), "--as-of", AS_OF, *extra], args.runs)
            verdict = "ok" if label.startswith("full") and max(timings) < GOAL_SECONDS else ""
            print(
                f"civitrace graph, {label}: median {statistics.median(timings):.2f} s, "
                f"max {max(timings):.2f} s over {args.runs} runs {verdict}"
            )
        convention = Path(tmp) / "convention"
        generate_project(convention, recommendations=150, measures=200, principles=8, axes=5, seed=0)
        print("page fit on A4 landscape (1 cm margins):")
        report_fit("example", REPO)
        report_fit("ccc-size", convention)
    return 0


if __name__ == "__main__":
    sys.exit(main())
