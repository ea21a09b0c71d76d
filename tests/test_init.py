"""``civitrace init``: a new project that checks and builds at once, and never overwrites anything."""

from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import sys

import pytest
import yaml

from civitrace.cli import main
from civitrace.reader import read_project
from civitrace.rules import check
from civitrace.vocabulary import KINDS

#: A name with everything that could break a file it is written into.
HOSTILE = 'Ville d\'Ys "la Belle" *& <b>Co</b> {trace}`R-01` [lien](x) #1 \\ $x$ | ~'


def init(target, name="Ville de Rennes", *extra):
    return subprocess.run(
        [sys.executable, "-m", "civitrace", "init", str(target), "--name", name, *extra],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    target = tmp_path_factory.mktemp("init") / "rennes"
    done = init(target, HOSTILE)
    assert done.returncode == 0, done.stderr
    return target


def test_init_writes_every_kind_once_and_check_passes(project):
    assert main(["check", str(project)]) == 0
    objects = read_project(project).objects
    # One commented example of each kind of the vocabulary (the AI register's kinds included).
    expected = ["principle", "recommendation", "recommendation", "axis", "measure", "indicator", "response"]
    expected += ["response", "assessment", "ai-system", "evaluation", "deliberation"]
    assert sorted(o.kind for o in objects) == sorted(expected)
    assert {o.kind for o in objects} == set(KINDS)
    assert [d for d in check(read_project(project)) if d.is_error] == []
    for rel in ("pyproject.toml", "noxfile.py", "requirements.txt", "docs/conf.py", "docs/accessibilite.md",
                ".gitlab-ci.yml", ".github/workflows/site.yml", "README.md", ".ci/install-debian-packages"):  # fmt: skip
        assert (project / rel).is_file(), rel
    assert (project / ".ci/install-debian-packages").stat().st_mode & 0o111


@pytest.mark.sphinx
def test_init_builds_with_warnings_as_errors_and_shows_the_name_verbatim(project, tmp_path):
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-c", str(project / "docs"), "-W", "--keep-going", "-q", "-b", "html",
         str(project), str(out)],
        capture_output=True, text=True, check=False, cwd=project,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    heading = re.search(r"<h1>(.*?)<a class=\"headerlink\"", (out / "docs/index.html").read_text(encoding="utf-8"))
    assert heading is not None
    # Verbatim but for French typography (Sphinx's smart quotes): no markup was interpreted.
    typographic = HOSTILE.replace("'", "’").replace('"la Belle"', "« la Belle »")
    shown = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).replace("\u00a0", " ").replace("\u202f", " ")
    assert shown == (f"{typographic} : convention citoyenne et stratégie de la donnée et de l’IA")
    # The site's root sends readers to the home page (GitLab and GitHub Pages serve index.html).
    root_page = (out / "index.html").read_text(encoding="utf-8")
    assert 'url=docs/index.html"' in root_page and "&lt;b&gt;Co&lt;/b&gt;" in root_page
    statement = (out / "docs/accessibilite.html").read_text(encoding="utf-8")
    assert "Déclaration d’accessibilité" in statement and "non conforme" in statement
    assert "Défenseur des droits" in statement


def test_the_name_is_escaped_for_toml_python_yaml_and_markdown(project, capsys):
    import tomllib

    settings = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["civitrace"]
    assert settings["register"]["administration"] == HOSTILE
    assert settings["doctrine"] == {
        "debate": ["cameras"],
        "forbidden": ["biometric-identification"],
        "review-months": 24,
    }
    # The register's inventory names the collectivity.
    assert main(["register", str(project), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["administration"] == HOSTILE
    conf = ast.parse((project / "docs/conf.py").read_text(encoding="utf-8"))
    values = {
        node.targets[0].id: node.value.value
        for node in conf.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.targets[0], ast.Name)
    }
    assert values["collectivity"] == HOSTILE
    workflow = yaml.safe_load((project / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow["name"] == f"Site — {HOSTILE}"
    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    # Both pipelines fetch the whole history and the tags: the adopted text is read from its tag.
    assert gitlab["variables"]["GIT_DEPTH"] == "0" and gitlab["check"]["stage"] == "check"
    checkout = workflow["jobs"]["check"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout") and checkout["with"]["fetch-depth"] == 0
    readme = (project / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert readme.startswith("# Avis de la convention citoyenne et stratégie — Ville d'Ys")
    assert r"\*\& \<b\>Co\</b\> \{trace\}\`R-01\` \[lien\](x) \#1 \\ \$x\$ \| \~" in readme


def test_a_name_on_several_lines_is_one_line_and_an_empty_name_is_refused(tmp_path):
    assert init(tmp_path / "a", "Ville\nde   Brest").returncode == 0
    assert "collectivity = 'Ville de Brest'" in (tmp_path / "a/docs/conf.py").read_text(encoding="utf-8")
    done = init(tmp_path / "b", "  \n ")
    assert done.returncode == 2 and "name is empty" in done.stderr
    assert not (tmp_path / "b").exists()


def test_init_refuses_a_non_empty_folder_and_touches_nothing(tmp_path):
    target = tmp_path / "existing"
    target.mkdir()
    (target / ".hidden").write_text("mine", encoding="utf-8")
    done = init(target)
    assert done.returncode == 2
    assert "is not empty" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in target.iterdir()] == [".hidden"]
    assert (target / ".hidden").read_text(encoding="utf-8") == "mine"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = init(tmp_path / "file")
    assert done.returncode == 2 and "is not a folder" in done.stderr


def test_by_default_the_project_installs_this_civitrace(project):
    from civitrace import __version__
    from civitrace.scaffold import default_requirement

    lines = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert default_requirement(__version__) in lines


def test_the_requirement_goes_to_requirements_txt(tmp_path):
    assert init(tmp_path / "p", "Ville de Brest", "--requirement", "civitrace @ file:///opt/civitrace").returncode == 0
    lines = (tmp_path / "p/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "civitrace @ file:///opt/civitrace" in lines


def _sessions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any("session" in ast.unparse(d) for d in node.decorator_list)
    }


def test_the_template_mirrors_the_repository_noxfile_and_debian_packages(repo_root, project):
    from civitrace.scaffold import TEMPLATE

    template = repo_root / "tools" / "civitrace" / TEMPLATE
    ours, theirs = _sessions(project / "noxfile.py"), _sessions(repo_root / "noxfile.py")
    # Every publishing session of the repository, none of its toolkit-only ones (tests, lint, benchmark).
    assert ours == theirs - {"tests", "lint", "benchmark"}
    assert {"check", "html", "pdf", "bilan", "site"} <= ours
    collectivity = next(
        node.value.value
        for node in ast.parse((project / "noxfile.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COLLECTIVITY"
    )
    assert collectivity == HOSTILE
    packages = (template / "dot-ci" / "install-debian-packages").read_text(encoding="utf-8")
    assert packages == (repo_root / ".ci" / "install-debian-packages").read_text(encoding="utf-8")
