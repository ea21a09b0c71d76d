"""`nox -s preview`: the session's command line, and a live rebuild that shows an edit on every page it touches."""

from __future__ import annotations

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

#: Bounded waits: the first build of the example, then the rebuild after an edit.
FIRST_BUILD_SECONDS = 300
REBUILD_SECONDS = 180


def noxfile_value(repo_root, name):
    """A constant of noxfile.py, evaluated without importing nox (the tests' environment does not have it)."""
    tree = ast.parse((repo_root / "noxfile.py").read_text(encoding="utf-8"))
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = eval(compile(ast.Expression(node.value), "noxfile", "eval"), constants)
            except NameError:
                continue
    return constants[name]


def session_source(repo_root, name):
    tree = ast.parse((repo_root / "noxfile.py").read_text(encoding="utf-8"))
    [function] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert any("nox.session" in ast.unparse(d) for d in function.decorator_list)
    return ast.unparse(function)


def test_the_preview_session_serves_the_site_with_sphinx_autobuild(repo_root):
    command = noxfile_value(repo_root, "PREVIEW")
    sphinx = noxfile_value(repo_root, "SPHINX")
    assert command[0] == "sphinx-autobuild"
    # The same sources and configuration as the html session, into a folder of its own.
    assert command[-2:] == [".", "_build/preview"]
    assert command[command.index("-c") + 1] == sphinx[sphinx.index("-c") + 1] == "docs"
    assert "-W" not in command  # a warning must not stop the preview; CI fails on it
    assert command[command.index("--host") + 1] == "127.0.0.1"  # the loopback interface only
    for folder in ("_build", ".nox", ".git", "tools", "tests"):
        assert folder in [command[i + 1] for i, arg in enumerate(command) if arg == "--ignore"]
    source = session_source(repo_root, "preview")
    assert "session.install('-e', '.[site]', 'sphinx-autobuild')" in source
    assert "session.run(*PREVIEW, *session.posargs" in source


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url, condition, seconds, server):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read() if server.stderr else "sphinx-autobuild stopped"
        page = fetch(url)
        if page is not None and condition(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show the expected state within {seconds} s")


@pytest.mark.sphinx
def test_an_edit_is_rebuilt_and_shown_on_every_page_it_touches(repo_root, tmp_path):
    site = tmp_path / "site"
    for folder in ("opinion", "strategy", "docs"):
        shutil.copytree(repo_root / folder, site / folder)
    shutil.copy(repo_root / "pyproject.toml", site)
    command = noxfile_value(repo_root, "PREVIEW")
    port = free_port()
    command[command.index("--port") + 1] = str(port)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_autobuild", *command[1:]],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        measure_page = f"http://127.0.0.1:{port}/strategy/02-axe-controle.html"
        recommendation_page = f"http://127.0.0.1:{port}/opinion/01-utilite.html"
        old_title = "Mettre en place une grille d'évaluation préalable des projets d'IA"
        new_title = "Grille d'évaluation revue en direct"
        wait_for(measure_page, lambda page: "M-05" in page, FIRST_BUILD_SECONDS, server)
        source = site / "strategy" / "02-axe-controle.md"
        text = source.read_text(encoding="utf-8")
        assert old_title in text
        source.write_text(text.replace(old_title, new_title), encoding="utf-8")
        # The measure's page and the page of the recommendation it answers (another document) both change.
        wait_for(measure_page, lambda page: "revue en direct" in page, REBUILD_SECONDS, server)
        page = wait_for(recommendation_page, lambda page: "revue en direct" in page, REBUILD_SECONDS, server)
        assert "préalable des projets d&#39;IA" not in page and "préalable des projets d'IA</" not in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
