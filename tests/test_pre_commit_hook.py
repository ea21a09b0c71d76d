"""The pre-commit hook of .pre-commit-hooks.yaml, installed and run by pre-commit itself.

``pre-commit try-repo`` installs the hook's environment from this repository with pip (from
the configured package index) into a temporary PRE_COMMIT_HOME, as a project adding civitrace
to its ``.pre-commit-config.yaml`` would get it, then runs it on a project made by
``civitrace init``: it passes, then fails on an error with the diagnostic in its output.
"""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from civitrace.cli import main
from helpers import git

BROKEN = "\n:::{measure} M-99 Mesure cassée\n:responds: R-404\n:::\n"


def test_the_hook_is_declared_for_markdown_and_the_whole_project(repo_root):
    (hook,) = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "civitrace-check" and hook["entry"] == "civitrace check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_pre_commit_try_repo_runs_civitrace_check(repo_root, tmp_path):
    project = tmp_path / "projet"
    assert main(["init", str(project), "--name", "Ville de Test"]) == 0
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "New project", date="2026-01-05T10:00:00+00:00")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),
    }

    def try_repo():
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(repo_root), "civitrace-check", "--all-files"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    done = try_repo()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "civitrace check" in done.stdout and "Passed" in done.stdout

    with (project / "strategy/axe-exemple.md").open("a", encoding="utf-8") as out:
        out.write(BROKEN)
    git(project, "add", "-A")
    done = try_repo()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "strategy/axe-exemple.md:" in done.stdout and "R-404" in done.stdout
