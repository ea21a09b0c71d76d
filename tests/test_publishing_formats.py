"""The CI report formats match the shapes GitLab and GitHub document.

- GitLab Code Quality: a JSON array of Code Climate issues, each with ``description``,
  ``check_name``, ``fingerprint`` (unique in the report), ``severity`` (info, minor,
  major, critical, blocker) and ``location.path`` / ``location.lines.begin``.
- GitHub Actions: one workflow command a line, ``::error file=F,line=N,title=T::MESSAGE``,
  with ``%``, CR and LF escaped everywhere and ``:`` and ``,`` escaped in properties.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import jsonschema
import pytest

from civitrace.cli import main
from civitrace.diagnostics import Location, error, warning
from civitrace.report_formats import as_github, as_gitlab
from helpers import VALID, write_project

#: The part of the Code Climate spec GitLab reads (docs.gitlab.com, "Code Quality", report format).
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": r"^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

#: A project with errors of several kinds, one warning (lateness) and awkward characters.
BROKEN = {
    "opinion/avis, version 2.md": """
        # Avis

        :::{principle} P-1 Utilité
        Texte.
        :::

        :::{recommendation} R-01 Première
        :principle: P-1
        :::

        :::{recommendation} R-01 Doublon
        :principle: P-1
        :::

        :::{recommendation} R-01 Encore un doublon
        :principle: P-1
        :::
        """,
    "strategy/mesures.md": """
        # Stratégie

        :::{measure} M-1 Mesure
        :responds: R-01, R-99
        :status: in-progress
        :due: 2020-01-01
        :::
        """,
}

_GITHUB_LINE = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    """GitHub's escaping is percent-encoding of a few characters: undo it."""
    return urllib.parse.unquote(text)


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(args)
    return status, capsys.readouterr().out


def test_gitlab_report_matches_the_code_quality_schema(tmp_path, capsys):
    root = write_project(tmp_path, BROKEN)
    status, out = _cli(["check", str(root), "--format", "gitlab", "--as-of", "2025-01-01"], capsys)
    assert status == 1
    issues = json.loads(out)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    assert {i["location"]["path"] for i in issues} == {"opinion/avis, version 2.md", "strategy/mesures.md"}
    # Errors must stand out from warnings in the merge request widget.
    by_check = {i["check_name"]: i["severity"] for i in issues}
    assert by_check["civitrace/duplicate-id"] == "major"
    assert by_check["civitrace/late"] in {"info", "minor"}


def test_gitlab_report_has_the_same_diagnostics_as_json(tmp_path, capsys):
    root = write_project(tmp_path, BROKEN)
    _, gitlab = _cli(["check", str(root), "--format", "gitlab", "--as-of", "2025-01-01"], capsys)
    _, plain = _cli(["check", str(root), "--format", "json", "--as-of", "2025-01-01"], capsys)
    seen = [(i["location"]["path"], i["location"]["lines"]["begin"], i["description"]) for i in json.loads(gitlab)]
    assert seen == [(d["path"], d["line"], d["message"]) for d in json.loads(plain)]


def test_gitlab_fingerprints_are_unique_even_for_identical_messages(tmp_path, capsys):
    # Two duplicates of R-01 in one file give the same message at two lines: GitLab
    # keeps one issue per fingerprint, so they must differ or one problem disappears.
    root = write_project(tmp_path, BROKEN)
    _, out = _cli(["check", str(root), "--format", "gitlab", "--as-of", "2025-01-01"], capsys)
    issues = json.loads(out)
    duplicates = [i for i in issues if i["check_name"] == "civitrace/duplicate-id"]
    assert len(duplicates) == 2
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprint_survives_lines_moving():
    # A problem that moves down because a line was added above it is the same problem:
    # GitLab would otherwise report it as fixed and new in the same merge request.
    before = error(Location("opinion/a.md", 10), "uncovered", "recommendation R-01 is not covered")
    after = error(Location("opinion/a.md", 14), "uncovered", "recommendation R-01 is not covered")
    assert json.loads(as_gitlab([before]))[0]["fingerprint"] == json.loads(as_gitlab([after]))[0]["fingerprint"]


def test_gitlab_line_zero_becomes_line_one():
    # Whole-file problems have line 0; Code Quality lines start at 1.
    issue = json.loads(as_gitlab([error(Location("opinion/a.md", 0), "empty-file", "file is empty")]))[0]
    assert issue["location"]["lines"]["begin"] == 1


def test_github_annotations_have_the_workflow_command_shape(tmp_path, capsys):
    root = write_project(tmp_path, BROKEN)
    status, out = _cli(["check", str(root), "--format", "github", "--as-of", "2025-01-01"], capsys)
    _, plain = _cli(["check", str(root), "--format", "json", "--as-of", "2025-01-01"], capsys)
    assert status == 1
    expected = json.loads(plain)
    lines = out.splitlines()
    assert len(lines) == len(expected)
    for line, diag in zip(lines, expected, strict=True):
        match = _GITHUB_LINE.match(line)
        assert match, line
        assert match["level"] == diag["severity"]
        props = dict(part.split("=", 1) for part in match["props"].split(","))
        assert set(props) <= {"file", "line", "endLine", "col", "endColumn", "title"}
        assert _unescape(props["file"]) == diag["path"]
        assert int(props["line"]) == max(diag["line"], 1)
        assert _unescape(match["message"]) == diag["message"]


def test_github_escapes_separators_and_newlines():
    diag = warning(Location("docs/a,b:c.md", 3), "late", "50% done\nstill late: see, here")
    line = as_github([diag])
    assert line.count("\n") == 1 and line.endswith("\n")
    match = _GITHUB_LINE.match(line.rstrip("\n"))
    assert match, line
    props = dict(part.split("=", 1) for part in match["props"].split(","))
    assert props["file"] == "docs/a%2Cb%3Ac.md"
    assert _unescape(props["file"]) == "docs/a,b:c.md"
    assert match["message"] == "50%25 done%0Astill late: see, here"


def test_no_diagnostics_give_empty_reports(tmp_path, capsys):
    root = write_project(tmp_path, VALID)
    status, out = _cli(["check", str(root), "--format", "gitlab", "--as-of", "2025-01-01"], capsys)
    assert (status, json.loads(out)) == (0, [])
    status, out = _cli(["check", str(root), "--format", "github", "--as-of", "2025-01-01"], capsys)
    assert (status, out) == (0, "")
