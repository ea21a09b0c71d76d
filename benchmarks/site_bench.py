"""civitrace against sphinx-needs on the same strategy, with plain Sphinx as the floor.

Run with ``nox -s benchmark`` (which installs sphinx-needs in its own
environment only) or ``python benchmarks/site_bench.py [--sizes 2000 5000]``.
For each size it writes the three twins of :mod:`twins`, builds each in a
fresh process (``sphinx-build -b html``, default settings, so civitrace draws
every recommendation's and measure's neighbourhood), and prints the wall
time, the peak memory (the largest resident set of the build's processes),
the ratio to sphinx-needs and to the floor, the growth from the first size to
the last, and at the first size: ``-j 2``, and a rebuild without ``-E``
after one measure's status changed (time, pages rewritten, and whether every
page showing that measure was rewritten).

Timings on a shared machine are noisy: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from twins import Twins, edit_status, write_twins

MB = 1024  # ru_maxrss is in kilobytes on Linux


@dataclass
class Run:
    """One build: wall seconds, peak resident memory in MB, exit status, CPU seconds of its processes."""

    seconds: float
    peak_mb: float
    status: int
    cpu: float = 0.0


def measure(command: list[str]) -> Run:
    """Run ``command`` in a fresh process that reports its children's wall time and peak memory."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", "--", *command], capture_output=True, text=True, check=False
    )
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        print(done.stdout, done.stderr, file=sys.stderr)
        raise SystemExit(f"could not measure: {' '.join(command)}") from None
    return Run(report["seconds"], report["peak_kb"] / MB, report["status"], report["cpu"])


def _measure_here(command: list[str]) -> None:
    start = time.perf_counter()
    status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if status.returncode:
        sys.stderr.write(status.stderr.decode("utf-8", "replace")[-3000:])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time (user + system, graphviz included) is less disturbed than the wall clock by a busy machine.
    report = {"seconds": seconds, "peak_kb": usage.ru_maxrss, "status": status.returncode}
    print(json.dumps({**report, "cpu": usage.ru_utime + usage.ru_stime}))


def sphinx(source: Path, out: Path, *extra: str) -> list[str]:
    """The build command: HTML, quiet, doctrees beside the output."""
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(source), str(out)]


def html_times(out: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in out.rglob("*.html")}


def one_edit(project: Path, out: Path, twins: Twins) -> tuple[Run, int, int, int]:
    """Edit one measure's status, rebuild without -E: the run, pages rewritten, pages showing it, stale among those."""
    before = html_times(out)
    time.sleep(0.05)  # mtimes must tell the rewrite apart
    edit_status(project, twins)
    run = measure(sphinx(project, out))
    after = html_times(out)
    rewritten = {path for path, stamp in after.items() if before.get(path) != stamp}
    mark = f">{twins.edited_measure}"
    showing = {path for path in after if mark in path.read_text(encoding="utf-8")}
    return run, len(rewritten), len(showing), len(showing - rewritten)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000], help="objects per project")
    parser.add_argument("--keep", type=Path, help="write the projects here (kept) instead of a temporary folder")
    args = parser.parse_args()
    has_needs = importlib.util.find_spec("sphinx_needs") is not None
    if not has_needs:
        print("sphinx-needs is not installed here: `nox -s benchmark` installs it; comparing with the floor only")
    rows: dict[tuple[str, int], Run] = {}
    extra: list[str] = []
    with tempfile.TemporaryDirectory(prefix="civitrace-site-bench-") as tmp:
        base = args.keep or Path(tmp)
        for size in args.sizes:
            twins = write_twins(base / str(size), size)
            tools = [("floor", twins.floor), ("civitrace", twins.civitrace)]
            if has_needs:
                tools.insert(1, ("sphinx-needs", twins.needs))
            for name, project in tools:
                out = project / "_build" / "html"
                run = measure(sphinx(project, out, "-E"))
                rows[(name, size)] = run
                print(
                    f"  {name:<13} {size:>6} objects: {run.seconds:6.1f} s "
                    f"({run.cpu:6.1f} s CPU), {run.peak_mb:5.0f} MB",
                    flush=True,
                )
                if run.status:
                    print(f"  (exit status {run.status})")
                if size == args.sizes[0] and name != "floor":
                    edit, rewritten, showing, stale = one_edit(project, out, twins)
                    total = len(html_times(out))
                    extra.append(
                        f"{name}, {size} objects, one measure's status changed, rebuild without -E: "
                        f"{edit.seconds:.1f} s ({edit.seconds / run.seconds:.2f} of the full build; "
                        f"CPU {edit.cpu:.1f} s, {edit.cpu / run.cpu:.2f}), "
                        f"{rewritten} of {total} pages rewritten; {showing} pages show {twins.edited_measure}, "
                        f"{'all' if not stale else f'{showing - stale}'} of them rewritten"
                    )
                if size == args.sizes[0] and name == "civitrace":
                    parallel = measure(sphinx(project, project / "_build" / "html-j2", "-E", "-j", "2"))
                    extra.append(
                        f"civitrace, {size} objects, -j 2: {parallel.seconds:.1f} s "
                        f"({parallel.seconds / run.seconds:.2f} of -j 1; CPU {parallel.cpu:.1f} s), "
                        f"{parallel.peak_mb:.0f} MB"
                    )
    print()
    print("| build | " + " | ".join(f"{size} objects (wall, CPU, memory)" for size in args.sizes) + " | growth |")
    print("|---|" + "---|" * (len(args.sizes) + 1))
    names = ["floor", *(["sphinx-needs"] if has_needs else []), "civitrace"]
    for name in names:
        cells = [
            f"{rows[(name, size)].seconds:.1f} s, {rows[(name, size)].cpu:.1f} s, {rows[(name, size)].peak_mb:.0f} MB"
            for size in args.sizes
        ]
        first, last = rows[(name, args.sizes[0])].seconds, rows[(name, args.sizes[-1])].seconds
        print(f"| {name} | " + " | ".join(cells) + f" | ×{last / first:.2f} |")
    for size in args.sizes:
        ours = rows[("civitrace", size)]
        floor = rows[("floor", size)]
        line = f"{size} objects: civitrace / floor = {ours.seconds / floor.seconds:.2f}"
        line += f" (CPU {ours.cpu / floor.cpu:.2f})"
        if has_needs:
            theirs = rows[("sphinx-needs", size)]
            line += (
                f", civitrace / sphinx-needs = {ours.seconds / theirs.seconds:.2f} "
                f"(CPU {ours.cpu / theirs.cpu:.2f}; goal: at most 0.5), "
                f"memory {ours.peak_mb:.0f} MB against {theirs.peak_mb:.0f} MB"
            )
        print(line)
    small, large = rows[("civitrace", args.sizes[0])], rows[("civitrace", args.sizes[-1])]
    print(
        f"civitrace growth {args.sizes[0]} -> {args.sizes[-1]} objects: ×{large.seconds / small.seconds:.2f} "
        f"(CPU ×{large.cpu / small.cpu:.2f}; goal: at most ×2.6)"
    )
    for line in extra:
        print(line)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        _measure_here(sys.argv[3:])
        sys.exit(0)
    sys.exit(main())
