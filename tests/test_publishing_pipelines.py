"""The CI pipelines are valid YAML and only run things that exist.

Every shell line of ``.gitlab-ci.yml`` and ``.github/workflows/site.yml`` is split into
simple commands; each must be a nox session defined in ``noxfile.py`` (with arguments
``civitrace`` accepts), a script of the repository, or a basic tool of a Debian image.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from civitrace.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
GITLAB = REPO / ".gitlab-ci.yml"
GITHUB = REPO / ".github" / "workflows" / "site.yml"

#: Top-level keys of .gitlab-ci.yml that are not jobs.
GITLAB_GLOBAL_KEYS = {
    "stages",
    "variables",
    "default",
    "workflow",
    "include",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
}
#: Programs a pipeline may call besides nox sessions and repository scripts: in every Debian image.
BASIC_TOOLS = {"python3", "pip", "git", "rm", "cp", "mv", "mkdir", "true", "echo", "test"}
OPERATORS = {"&&", "||", ";", "|"}


def nox_sessions() -> set[str]:
    """Session names of noxfile.py, read from its ``@nox.session`` decorators (nox itself
    is not installed in the test environment)."""
    tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            call = deco if isinstance(deco, ast.Call) else None
            target = call.func if call else deco
            if ast.unparse(target) in {"nox.session", "session"}:
                renamed = [k.value for k in (call.keywords if call else []) if k.arg == "name"]
                names.add(renamed[0].value if renamed else node.name)  # type: ignore[attr-defined]
    return names


def simple_commands(line: str) -> Iterator[list[str]]:
    """The simple commands of a shell line: split on ``&&``, ``||``, ``;`` and pipes."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    command: list[str] = []
    for token in lexer:
        if token in OPERATORS:
            if command:
                yield command
            command = []
        else:
            command.append(token)
    if command:
        yield command


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def github() -> dict:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


def gitlab_jobs() -> dict[str, dict]:
    return {k: v for k, v in gitlab().items() if k not in GITLAB_GLOBAL_KEYS and not k.startswith(".")}


def github_on(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def shell_lines() -> Iterator[tuple[str, str]]:
    """(where, line) for every shell line both pipelines run."""
    for name, job in gitlab_jobs().items():
        for key in ("before_script", "script", "after_script"):
            for line in job.get(key, []):
                yield f"gitlab {name}", line
    for name, job in github()["jobs"].items():
        for step in job.get("steps", []):
            if "run" in step:
                for line in step["run"].splitlines():
                    if line.strip():
                        yield f"github {name}", line


def script_profiles(script: Path) -> set[str]:
    """The arguments a ``case "$x" in a) ...;; b) ...`` script accepts."""
    return set(re.findall(r"^\s*([A-Za-z0-9_-]+)\)", script.read_text(encoding="utf-8"), re.MULTILINE))


def check_command(command: list[str]) -> None:
    """Fail unless ``command`` calls something that exists, with arguments it accepts."""
    while command and "=" in command[0] and not command[0].startswith(("-", ".", "/")):
        command = command[1:]  # VAR=value prefixes
    program, args = command[0], command[1:]
    if program.startswith(".ci/"):
        script = REPO / program
        assert script.is_file(), f"{program} is not in the repository"
        assert script.stat().st_mode & stat.S_IXUSR, f"{program} is not executable"
        if args:
            assert set(args) <= script_profiles(script), f"{program} does not accept {args}"
        return
    name = Path(program).name
    if name == "nox":
        posargs = args[args.index("--") + 1 :] if "--" in args else []
        options = args[: args.index("--")] if "--" in args else args
        assert options[:1] in (["-s"], ["--session"], ["--sessions"]), f"nox without a session: {command}"
        sessions = options[1:]
        assert sessions and set(sessions) <= nox_sessions(), f"unknown nox session in {command}"
        if "check" in sessions:
            # The check session runs `civitrace check . POSARGS`: civitrace must accept them.
            build_parser().parse_args(["check", ".", *posargs])
        return
    if name == "pip":
        assert args[:1] == ["install"], command
        return
    assert name in BASIC_TOOLS, f"unexpected program {program!r} in {command}"


def test_pipelines_are_valid_yaml():
    assert isinstance(gitlab(), dict)
    assert isinstance(github(), dict)


def test_every_shell_command_exists():
    lines = list(shell_lines())
    assert lines
    for where, line in lines:
        for command in simple_commands(line):
            try:
                check_command(command)
            except SystemExit:
                pytest.fail(f"{where}: civitrace rejects the arguments of {line!r}")
            except AssertionError as exc:
                raise AssertionError(f"{where}: {line!r}: {exc}") from None


def test_the_command_checker_rejects_what_does_not_exist():
    # The checker above must be able to fail.
    for bad in ("nox -s no-such-session", ".ci/no-such-script", "make html", "nox -s check -- --format xml"):
        with pytest.raises((AssertionError, SystemExit)):
            for command in simple_commands(bad):
                check_command(command)


def test_noxfile_has_the_publishing_sessions():
    assert {"check", "html", "pdf", "bilan", "site", "tests", "lint"} <= nox_sessions()


def test_gitlab_runs_check_then_build_then_pages():
    config, jobs = gitlab(), gitlab_jobs()
    assert config["stages"] == ["check", "build", "pages"]
    assert {job["stage"] for job in jobs.values()} == {"check", "build", "pages"}
    for job in jobs.values():
        for need in job.get("needs", []):
            assert (need["job"] if isinstance(need, dict) else need) in jobs
    # `git describe` and the last commit's date need the history, not a shallow clone.
    assert str(config["variables"]["GIT_DEPTH"]) == "0"


def test_gitlab_check_job_reports_code_quality():
    job = next(j for j in gitlab_jobs().values() if j["stage"] == "check")
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"  # a failing check is when the report matters
    writes = [line for line in job["script"] if "--format gitlab" in line]
    assert writes and all(f"-o {report}" in line for line in writes)


def test_gitlab_builds_the_site_and_keeps_the_pdf():
    build = next(j for j in gitlab_jobs().values() if j["stage"] == "build")
    assert any("nox -s site" in line for line in build["script"])
    assert {"_build/html/", "_build/pdf/", "_build/bilan/"} <= set(build["artifacts"]["paths"])
    pages = gitlab_jobs()["pages"]  # GitLab publishes the job named `pages`
    assert pages["stage"] == "pages"
    assert "public" in pages["artifacts"]["paths"]
    assert any("_build/html public" in line for line in pages["script"])
    assert any("CI_DEFAULT_BRANCH" in rule.get("if", "") for rule in pages["rules"])


def test_github_workflow_mirrors_the_gitlab_pipeline():
    workflow = github()
    assert "pull_request" in github_on(workflow)
    jobs = workflow["jobs"]
    assert list(jobs) == ["check", "build", "pages"]
    assert jobs["build"]["needs"] == "check" and jobs["pages"]["needs"] == "build"
    runs = {name: "\n".join(s.get("run", "") for s in job.get("steps", [])) for name, job in jobs.items()}
    assert "nox -s check -- --format github" in runs["check"]
    assert "nox -s site" in runs["build"]
    uses = {name: [s["uses"] for s in job.get("steps", []) if "uses" in s] for name, job in jobs.items()}
    for action in (a for actions in uses.values() for a in actions):
        owner_name, _, version = action.partition("@")
        assert owner_name.startswith("actions/") and version.startswith("v"), action
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    uploads = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any(s["with"]["path"].startswith("_build/pdf") for s in uploads)
    assert any(s["with"]["path"].startswith("_build/bilan") for s in uploads)
    assert any(a.startswith("actions/deploy-pages") for a in uses["pages"])
    assert jobs["pages"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("profile", ["site", "tests"])
def test_debian_packages_cover_the_pdf_build(tmp_path, profile):
    # Run the real script against a stand-in apt-get that records what it was asked.
    record = tmp_path / "apt-args"
    for tool, body in {"apt-get": f'echo "$@" >> {record}', "sudo": 'exec "$@"'}.items():
        fake = tmp_path / tool
        fake.write_text(f"#!/bin/sh\n{body}\n")
        fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([str(REPO / ".ci/install-debian-packages"), profile], env=env, check=True)
    packages = {word for line in record.read_text().splitlines() if " install " in f" {line} " for word in line.split()}
    # WeasyPrint's libraries and fonts for every script (Arabic, Chinese, emoji…), no TeX at all.
    needed = {"graphviz", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"}
    needed |= {"fonts-noto-core", "fonts-wqy-microhei", "fonts-symbola", "git", "python3-venv"}
    if profile == "tests":
        needed |= {"poppler-utils"}  # pdftotext, pdfimages
    assert needed <= packages
    assert not {p for p in packages if p.startswith(("texlive", "latexmk"))}


def test_ci_entry_point_installs_the_test_packages():
    commands = [c for line in (REPO / ".ci/run").read_text().splitlines() for c in simple_commands(line)]
    assert [".ci/install-debian-packages", "tests"] in commands
    assert any(Path(c[0]).name == "nox" and c[1:] == ["-s", "tests"] for c in commands)


def test_shell_splitting_understands_operators():
    assert list(simple_commands("a x && b 'y z' || true; c")) == [["a", "x"], ["b", "y z"], ["true"], ["c"]]
