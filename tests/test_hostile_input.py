"""Inputs nobody means to write: every one is a diagnostic or a clear message, never a traceback or a forgery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from civitrace import i18n
from civitrace.escaping import csv_cell, for_terminal
from civitrace.export.tabular import read_csv, to_csv, to_json
from civitrace.reader import read_project, read_text
from civitrace.report_formats import as_text
from civitrace.rules import check
from helpers import write_project
from sphinx_helpers import CONF, parse_warnings, sphinx_build

COVERED = (
    ":::{recommendation} R-1 Une recommandation\n:::\n\n:::{response} R-1\n:decision: deferred\n\nPlus tard.\n:::\n"
)


def civitrace(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "civitrace", *args],
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def codes(text: str) -> list[str]:
    return [d.code for d in read_text(text, "x.md").diagnostics]


def test_numbers_are_ascii_and_bounded():
    measure = ":::{{measure}} M-1 Mesure\n:responds: R-1\n:{option}: {value}\n:::\n"
    assert "invalid-value" in codes(measure.format(option="progress", value="\u0665\u0660"))  # Arabic-Indic 50
    assert "invalid-value" in codes(measure.format(option="progress", value="9" * 5000))
    assert "invalid-value" in codes(measure.format(option="weight", value="9" * 400))
    assert "internal-error" not in codes(measure.format(option="progress", value="9" * 5000))


def test_exports_are_strict_json_and_csv_cells_are_no_formulas(tmp_path):
    src = write_project(
        tmp_path,
        {"a.md": COVERED + ':::{measure} M-1 =HYPERLINK("http://x")\n:responds: R-1\n:weight: 1e400\n:::\n'},
    )
    project = read_project(src)
    json.loads(to_json(project), parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))
    csv_text = to_csv(project)
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text
    titles = {row["title"] for row in read_csv(csv_text)}
    assert '=HYPERLINK("http://x")' in titles  # the mark comes off again on import
    assert csv_cell("-12") == "-12" and csv_cell("-x") == "'-x" and csv_cell("@SUM(A1)") == "'@SUM(A1)"


def test_control_characters_are_refused_at_read_time():
    result = read_text(":::{recommendation} R-1 Titre\x1b[31m rouge\x07\n:::\n", "x.md")
    assert [d.code for d in result.diagnostics] == ["control-character"]
    assert result.objects[0].title == "Titre[31m rouge"


#: Bidirectional overrides and isolates ("Trojan source") and other controls in a title, an option, an ID, a text.
BIDI = {
    "conf.py": CONF,
    "index.md": (
        "# Contrôles\n\n:::{recommendation} R-1 Titre \u202eesrever\u202c fin\n:::\n\n"
        ":::{response} R-1\n:decision: deferred\n\nPlus\u2066 tard\u2069.\n:::\n\n"
        ":::{measure} M-1 Une mesure\x0bà\x1bvoir\n:responds: R-1\n:owner: Dir\u2067ection\u2069\n:::\n\n"
        ":::{measure} M\u202e-3 Identifiant inversé\n:responds: R-1\n:::\n\n"
        ":::{measure} M-4 عربي \u200favec marque\n:responds: R-1\n:::\n"
    ),
}


@pytest.mark.sphinx
def test_bidi_overrides_and_controls_are_refused_at_read_time_by_check_and_the_build(tmp_path):
    src = write_project(tmp_path / "src", BIDI)
    project = read_project(src)
    found = [(d.location.line, d.code) for d in project.reader_diagnostics]
    assert found == [
        (3, "control-character"),  # the title
        (6, "control-character"),  # the response's text
        (12, "control-character"),  # the option
        (12, "control-character"),  # the title: \x0b and ESC
        (17, "control-character"),  # the ID is refused whole, never read as M-3
        (17, "invalid-id"),
    ], found
    by_id = {obj.id: obj for obj in project.objects if obj.kind != "response"}
    assert by_id["R-1"].title == "Titre esrever fin" and "M-3" not in by_id
    assert by_id["M-4"].title == "عربي \u200favec marque"  # direction marks are writing, not controls
    messages = [d.message for d in project.reader_diagnostics]
    assert "(\\u202e, \\u202c)" in messages[0] and "(\\u2067, \\u2069)" in messages[2]
    previous = i18n.current_language()
    i18n.set_language("fr")
    try:
        fast = {(d.location.path, d.location.line, d.message, d.code) for d in check(read_project(src), as_of=None)}
    finally:
        i18n.set_language(previous)
    built = sphinx_build(src, tmp_path / "html", "--no-color")
    assert "Traceback" not in built.stderr
    assert parse_warnings(built.stderr, src) == fast


def test_a_value_or_file_name_cannot_forge_a_log_line(tmp_path):
    src = write_project(
        tmp_path,
        {
            "a.md": COVERED + ":::{measure} M-1 T\n:responds: R-1\n:status: |\n  done\n  x.md:1: error: forged\n:::\n",
            "b\n::error file=x::forged.md": ":::{measure} M-2 T\n:responds: R-404\n:::\n",
        },
    )
    text = as_text(check(read_project(src), as_of=None))
    lines = text.splitlines()
    assert all(line.startswith(("a.md:", "b\\x0a::error")) for line in lines), lines
    assert for_terminal("a\u202eb\nc") == "a\\u202eb\\x0ac"


def test_pipes_and_devices_named_md_are_not_read(tmp_path):
    src = write_project(tmp_path, {"a.md": COVERED})
    os.mkfifo(src / "pipe.md")
    (src / "zero.md").symlink_to("/dev/zero")
    done = civitrace("check", str(src))
    assert done.returncode == 1
    assert "pipe.md:1: error: not a regular file" in done.stdout
    assert "zero.md:1: error: not a regular file" in done.stdout


def test_outputs_that_cannot_be_written_are_a_usage_error(tmp_path):
    src = write_project(tmp_path, {"a.md": COVERED})
    done = civitrace("check", str(src), "-o", "/nonexistent/r.json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "cannot write /nonexistent/r.json" in done.stderr
    with open("/dev/full", "w") as full:
        done = civitrace("check", str(src), "--format", "json", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    done = subprocess.run(
        f"{sys.executable} -m civitrace check {src} >&-", shell=True, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_a_source_date_out_of_range_is_ignored(tmp_path):
    src = write_project(tmp_path, {"a.md": COVERED})
    done = civitrace("export", str(src), "--format", "json", env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout)


#: The issue's walkthrough: a Latin-1 file, a binary renamed .md, a misspelt kind, a directive in a list item.
NEW_USER = {
    "conf.py": CONF,
    "index.md": "# Projet\n\n```{toctree}\n:glob:\n\nopinion/*\nstrategy/*\n```\n",
    "opinion/avis.md": "# Avis\n\n:::{recommendation} R-01 Évaluer les projets\nTexte.\n:::\n",
    "strategy/latin.md": "# Stratégie\n\nPrévue en 2025.\n".encode("latin-1"),
    "strategy/binaire.md": bytes(range(256)) * 4,
    "strategy/liste.md": (
        "# Liste\n\n- premier point\n- :::{measure} M-01 Mesure dans une liste\n  :responds: R-01\n"
        "  :status:planned\n  :::\n\n:::{mesure} M-02 Faute de frappe\n:responds: R-01\n:::\n\n"
        "1. Dans une liste numérotée :\n\n   :::{measure} M-03 Mesure bien écrite dans une liste\n"
        "   :responds: R-01\n   :::\n"
    ),
}


@pytest.mark.sphinx
def test_check_and_the_build_say_the_same_on_a_new_users_mistakes(tmp_path):
    src = write_project(tmp_path / "src", NEW_USER)
    done = civitrace("--lang", "fr", "check", str(src))
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    previous = i18n.current_language()
    i18n.set_language("fr")  # the site is French: its warnings are the French of check's messages
    try:
        project = read_project(src)
        fast = {(d.location.path, d.location.line, d.message, d.code) for d in check(project, as_of=None)}
    finally:
        i18n.set_language(previous)
    assert {(d[0], d[1], d[3]) for d in fast} == {
        ("strategy/latin.md", 1, "encoding"),
        ("strategy/binaire.md", 3, "encoding"),
        ("strategy/liste.md", 6, "syntax"),  # M-01's options block, in a list item: the line of the bad option
        ("strategy/liste.md", 9, "unknown-kind"),
    }
    # The well-written directive in a list item is read (R-01 is covered by it: no `uncovered`).
    assert ("M-03", 15) in {(obj.id, obj.location.line) for obj in project.objects}
    # What the command prints is what the rules said, line for line.
    printed = {tuple(line.split(": ", 2)) for line in done.stdout.splitlines()}
    assert printed == {(f"{path}:{line}", "error", message) for path, line, message, _ in fast}
    built = sphinx_build(src, tmp_path / "html", "-W", "--keep-going", "--no-color")
    assert built.returncode == 1 and "Traceback" not in built.stderr + built.stdout
    assert parse_warnings(built.stderr, src) == fast
    # Only civitrace's codes: no MyST duplicate for the traced directive, no unknown directive.
    assert "[myst." not in built.stderr, built.stderr
    assert "M-03" in (tmp_path / "html" / "strategy" / "liste.html").read_text(encoding="utf-8")


def test_the_pdf_diagram_is_the_same_bytes_twice(tmp_path, repo_root):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert civitrace("graph", str(repo_root), "-o", str(first)).returncode == 0
    time.sleep(1.1)  # cairo stamps the second it draws
    assert civitrace("graph", str(repo_root), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"/CreationDate (D:19700101000000Z)" in first.read_bytes()
    done = civitrace("graph", str(repo_root), "-o", str(first), env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert done.returncode == 0 and b"(D:20260101000000Z)" in first.read_bytes()


def test_without_graphviz_dot_output_works_and_drawings_fail_cleanly(tmp_path, repo_root):
    no_graphviz = {"PATH": str(tmp_path / "empty")}
    done = civitrace("graph", str(repo_root), "-o", str(tmp_path / "x.dot"), env=no_graphviz)
    assert done.returncode == 0 and (tmp_path / "x.dot").read_text(encoding="utf-8").startswith(("digraph", "//"))
    # A principle's view too: its boxes are sized from their text, and graphviz draws the file later.
    done = civitrace(
        "graph", str(repo_root), "--principle", "P-UTILITE", "-o", str(tmp_path / "p.dot"), env=no_graphviz
    )
    assert done.returncode == 0, done.stderr
    drawn = subprocess.run(["neato", "-n2", "-Tsvg", str(tmp_path / "p.dot")], capture_output=True, check=False)
    assert drawn.returncode == 0 and b"UTILITE" in drawn.stdout
    for args in (["-o", str(tmp_path / "x.svg")], ["--principle", "P-UTILITE", "-o", str(tmp_path / "p.svg")]):
        done = civitrace("graph", str(repo_root), *args, env=no_graphviz)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "graphviz" in done.stderr


@pytest.mark.sphinx
def test_a_build_without_graphviz_warns_at_each_diagram_and_goes_on(tmp_path):
    page = (
        "# Graphe\n\n:::{principle} P-1 Un principe\n:::\n\n:::{recommendation} R-1 Une recommandation\n"
        ":principle: P-1\n:::\n\n:::{measure} M-1 Une mesure\n:responds: R-1\n:::\n\n"
        "```{trace-graph}\n:principle: P-1\n```\n\n```{trace-graph}\n:root: M-1\n```\n\nFin de la page.\n"
    )
    src = write_project(tmp_path / "src", {"conf.py": CONF + "civitrace_object_graphs = False\n", "index.md": page})
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "PATH": str(tmp_path / "no-graphviz")},
    )
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    warnings = sorted((line, code) for _, line, _, code in parse_warnings(built.stderr, src))
    assert warnings == [(14, "graph"), (18, "graph")], built.stderr
    assert "graphviz" in built.stderr
    assert "Fin de la page." in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_base_url_and_huge_titles_give_well_formed_svg_and_parsable_dot(tmp_path):
    from xml.dom import minidom

    title = "Titre " + "très long " * 1700  # 17 KB
    src = write_project(
        tmp_path / "src",
        {"a.md": f":::{{recommendation}} R-1 {title}\n:::\n\n:::{{measure}} M-1 {title}\n:responds: R-1\n:::\n"},
    )
    svg = tmp_path / "g.svg"
    done = civitrace("graph", str(src), "-o", str(svg), "--base-url", 'https://x.fr/?a=1&b="><script>x</script>')
    assert done.returncode == 0, done.stderr
    document = minidom.parse(str(svg))
    assert document.getElementsByTagName("script") == []
    hrefs = [a.getAttribute("xlink:href") for a in document.getElementsByTagName("a") if a.hasAttribute("xlink:href")]
    assert hrefs and all(h.startswith("https://x.fr/?a=1&b=%22%3E%3Cscript%3E") for h in hrefs)
    dot = tmp_path / "g.dot"
    assert civitrace("graph", str(src), "-o", str(dot)).returncode == 0
    assert subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, check=False).returncode == 0


@pytest.mark.sphinx
def test_the_build_leaves_out_pipes_and_devices_and_says_so(tmp_path):
    src = write_project(tmp_path / "src", {"conf.py": CONF, "index.md": "# Index\n\n" + COVERED})
    os.mkfifo(src / "pipe.md")
    (src / "zero.md").symlink_to("/dev/zero")
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "--no-color", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert "Traceback" not in built.stderr
    # (not parse_warnings: it resolves paths, and zero.md resolves to /dev/zero)
    lines = built.stderr.splitlines()
    for name in ("pipe.md", "zero.md"):
        assert any(line.startswith(f"{src}/{name}:1: WARNING: ") and "[civitrace.unreadable]" in line for line in lines)
    assert built.stderr.count("[civitrace.") == 2, built.stderr


def test_ctrl_c_stops_without_a_traceback(tmp_path):
    import signal

    files = {f"f{i}.md": COVERED.replace("R-1", f"R-{i}") * 20 for i in range(200)}
    src = write_project(tmp_path, files)
    for delay in (0.5, 1.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "civitrace", "check", str(src)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err
        assert process.returncode in (130, 1, -signal.SIGINT), (process.returncode, err)


@pytest.mark.parametrize("command", ["console-script", "python -m"])
def test_ctrl_c_while_the_command_is_still_loading_is_one_line_and_130(tmp_path, command):
    import shutil
    import signal

    src = write_project(tmp_path, {"a.md": COVERED})
    script = shutil.which("civitrace", path=os.path.dirname(sys.executable))
    assert script, "the civitrace console script is installed beside the interpreter"
    args = [script] if command == "console-script" else [sys.executable, "-m", "civitrace"]
    # Python reports each module as it finishes loading it: Ctrl-C comes right after civitrace's first,
    # while the command line (the reader, MyST, docutils…) is still being loaded.
    process = subprocess.Popen(
        [*args, "--lang", "en", "check", str(src)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "LANGUAGE": "", "LANG": "C.UTF-8"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    loaded = []
    for line in process.stderr:
        loaded.append(line.rsplit("|", 1)[-1].strip())
        if loaded[-1].startswith("civitrace.") and loaded[-1] != "civitrace.console":
            process.send_signal(signal.SIGINT)
            break
    rest = process.stderr.read()
    process.wait(timeout=60)
    said = [line for line in rest.splitlines() if not line.startswith("import time:")]
    assert "civitrace.reader" not in loaded, "the signal came after the command line was loaded"
    assert process.returncode == 130, (process.returncode, said)
    assert said == ["civitrace: interrupted"], said


def test_diff_reads_a_symlinked_file_through_its_link_on_both_sides(tmp_path):
    from helpers import git

    repo = write_project(
        tmp_path,
        {
            "pyproject.toml": '[tool.civitrace]\nexclude = ["shared"]\n',
            "opinion/avis.md": COVERED,
            "shared/mesures.md": ":::{measure} M-1 Mesure partagée\n:responds: R-1\n:::\n",
        },
    )
    (repo / "strategy").mkdir()
    (repo / "strategy" / "mesures.md").symlink_to("../shared/mesures.md")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first", date="2025-01-10T10:00:00+00:00")
    done = civitrace("diff", "-C", str(repo), "HEAD", env={"LANG": "C.UTF-8", "LANGUAGE": ""})
    assert done.returncode == 0, done.stderr
    assert "No changes." in done.stdout and "M-1" not in done.stdout  # a clean tree: nothing added
