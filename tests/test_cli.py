"""The command line: exit codes, output formats, and the 'done when' scenario of the foundation issue."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from civitrace.cli import main
from civitrace.reader import read_project
from helpers import VALID, write_project


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civitrace", *args], capture_output=True, text=True, check=False, timeout=120
    )


def test_exit_0_without_error_and_warnings_allowed(tmp_path):
    write_project(tmp_path, VALID)
    done = run_cli("check", str(tmp_path), "--as-of", "2027-01-01")
    assert done.returncode == 0
    assert done.stdout == (
        "strategy/axe.md:6: warning: measure M-01 was due on 2026-06-30 and is still 'in-progress' on 2027-01-01\n"
    )


def test_exit_1_with_an_error(tmp_path):
    write_project(tmp_path, {**VALID, "strategy/bad.md": ":::{measure} M-07 X\n:responds: R-99\n:::\n"})
    done = run_cli("check", str(tmp_path), "--as-of", "2026-01-01")
    assert done.returncode == 1
    assert done.stdout == "strategy/bad.md:1: error: measure M-07 responds to unknown recommendation R-99\n"


@pytest.mark.parametrize(
    "args",
    [("check", "/nonexistent/folder"), ("check", "--format", "xml"), ("check", "--as-of", "demain"), ("nope",), ()],
)
def test_exit_2_on_usage_error(tmp_path, args):
    done = run_cli(*args)
    assert done.returncode == 2
    assert "error" in done.stderr


def test_json_format_has_the_documented_fields(tmp_path, capsys):
    write_project(tmp_path, {**VALID, "strategy/bad.md": ":::{measure} M-07 X\n:responds: R-99\n:::\n"})
    assert main(["check", str(tmp_path), "--format", "json", "--as-of", "2026-01-01"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": "strategy/bad.md",
            "line": 1,
            "severity": "error",
            "code": "unknown-reference",
            "message": "measure M-07 responds to unknown recommendation R-99",
            "ids": ["M-07", "R-99"],
        }
    ]


def test_output_file_option_writes_the_report(tmp_path):
    write_project(tmp_path / "p", {**VALID, "strategy/bad.md": ":::{measure} M-07 X\n:responds: R-99\n:::\n"})
    out = tmp_path / "report.json"
    assert main(["check", str(tmp_path / "p"), "--format", "json", "-o", str(out), "--as-of", "2026-01-01"]) == 1
    assert [d["code"] for d in json.loads(out.read_text(encoding="utf-8"))] == ["unknown-reference"]


def test_the_example_passes_check(repo_root):
    done = run_cli("check", str(repo_root), "--as-of", "2026-11-28")
    assert done.returncode == 0, done.stdout
    assert "error" not in done.stdout


def test_removing_a_measures_responds_reports_the_uncovered_recommendation(repo_root, tmp_path):
    """The 'done when' of the foundation issue, on a copy of the example."""
    copy = tmp_path / "example"
    for folder in ("opinion", "strategy"):
        shutil.copytree(repo_root / folder, copy / folder)
    project = read_project(copy)
    # A recommendation answered by exactly one measure, with no response that covers it alone.
    rec = next(
        r
        for r in project.of_kind("recommendation")
        if len(project.measures_for(r.id)) == 1
        and getattr(project.response_for(r.id), "values", {}).get("decision") in (None, "adopted", "partial")
    )
    [measure] = project.measures_for(rec.id)
    source = copy / measure.location.path
    text = source.read_text(encoding="utf-8")
    responds = re.compile(r"^:responds:.*$", re.M)
    lines = text.splitlines(keepends=True)
    start = measure.location.line - 1
    for i in range(start, len(lines)):
        if responds.match(lines[i]):
            del lines[i]
            break
    source.write_text("".join(lines), encoding="utf-8")

    done = run_cli("check", str(copy), "--as-of", "2026-11-28")
    assert done.returncode == 1
    expected = f"{rec.location.path}:{rec.location.line}: error: recommendation {rec.id} is not covered by any measure or response"
    assert expected in done.stdout.splitlines()


def test_subcommands_offer_exactly_the_formats_their_renderers_know():
    """The diff command lists its formats without importing the history code; both lists must agree."""
    from civitrace.cli import diff_command
    from civitrace.history.diff_formats import FORMATS

    assert set(diff_command.FORMATS) == set(FORMATS)


def test_check_does_not_load_the_drawing_or_history_code():
    """`civitrace check` stays fast: networkx and the git history are loaded only by the commands using them."""
    code = "import sys; from civitrace.cli import build_parser; build_parser(); print(sorted(m for m in sys.modules if m.startswith(('networkx', 'civitrace.graph', 'civitrace.history'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
