"""`civitrace new`: the next free ID of the project's pattern, and a block that passes the check as pasted."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from civitrace import i18n
from civitrace.cli import main
from civitrace.new_block import next_id
from civitrace.reader import read_project
from civitrace.rules import check
from civitrace.vocabulary import KINDS
from helpers import write_project


@pytest.fixture(autouse=True)
def english():
    """The messages' own language (a Sphinx build earlier in the session may have left French on)."""
    i18n.set_language("en")


def run_new(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civitrace", "new", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.fixture
def example(repo_root, tmp_path):
    copy = tmp_path / "example"
    for folder in ("opinion", "strategy"):
        shutil.copytree(repo_root / folder, copy / folder)
    return copy


def paste(root, folder, block):
    """Append a block to the first page of ``folder``, as an author would paste it."""
    page = sorted((root / folder).glob("0*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    return page


def errors(root):
    return [d for d in check(read_project(root), as_of=dt.date.today()) if d.is_error]


def test_new_measure_on_the_example_follows_m_26(example):
    done = run_new("measure", str(example))
    assert done.returncode == 0, done.stderr
    block = done.stdout
    assert block.startswith(":::{measure} M-27 ")
    # Every option of the vocabulary, with a value.
    for name in KINDS["measure"].options:
        assert f"\n:{name}: " in block
    assert "strategy/" in done.stderr
    paste(example, "strategy", block)
    assert errors(example) == []
    assert "M-27" in read_project(example).by_id


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kinds_block_passes_the_check_as_pasted(example, kind, capsys):
    spec = KINDS[kind]
    needed = [spec.argument_target] + [t for o in spec.link_options if o.required for t in o.targets[:1]]
    for target in filter(None, needed):
        if not read_project(example).of_kind(target):
            # An evaluation needs an AI system to be about (the example has none): paste a new one first.
            assert main(["new", target, str(example)]) == 0
            paste(example, KINDS[target].folder, capsys.readouterr().out)
    assert main(["new", kind, str(example)]) == 0
    captured = capsys.readouterr()
    block = captured.out
    new_id = block.split()[1]
    before = {d.message for d in check(read_project(example), as_of=dt.date.today())}
    paste(example, KINDS[kind].folder, block)
    after = check(read_project(example), as_of=dt.date.today())
    if kind == "recommendation":
        # A new recommendation is answered by nothing yet: the only error, and the command says so.
        [uncovered] = [d for d in after if d.is_error]
        assert (uncovered.code, uncovered.ids) == ("uncovered", (new_id,))
        assert f"# still to do: {uncovered.message}" in captured.err
    else:
        assert [d for d in after if d.is_error] == []
        assert "still to do" not in captured.err
    assert {d.message for d in after if not d.is_error} <= before  # no new warning either


def test_a_response_for_an_unanswered_recommendation_passes_too(tmp_path, capsys):
    """R-03 has no measure: 'adopted' would be an error, so the block takes a decision that is valid alone."""
    root = write_project(
        tmp_path,
        {
            "opinion/p.md": """
                :::{principle} P-1 Principe
                :::

                :::{recommendation} R-03 Sans mesure
                :principle: P-1
                :::
                """,
            "strategy/a.md": ":::{axis} AXE-1 Axe\n:::\n",
        },
    )
    assert main(["new", "response", str(root)]) == 0
    block = capsys.readouterr().out
    assert block.startswith(":::{response} R-03\n")
    paste_into = root / "strategy" / "a.md"
    paste_into.write_text(paste_into.read_text() + "\n" + block)
    assert errors(root) == []


def ids_project(tmp_path, principles, measures, axes=("AXE-1",), kind_of_measures="measure"):
    lines = []
    for pid in principles:
        lines += [f":::{{principle}} {pid} Principe {pid}", ":::", ""]
    strategy = []
    for aid in axes:
        strategy += [f":::{{axis}} {aid} Axe {aid}", ":::", ""]
    for mid, axis in measures:
        strategy += [f":::{{{kind_of_measures}}} {mid} Mesure {mid}", f":axis: {axis}", ":::", ""]
    return write_project(tmp_path, {"opinion/p.md": "\n".join(lines), "strategy/s.md": "\n".join(strategy)})


@pytest.mark.parametrize(
    ("principles", "measures", "kind", "expected"),
    [
        (["P1.1", "P1.2"], [], "principle", "P1.3"),
        ([], [("M-TRANSP-01", "AXE-1"), ("M-TRANSP-03", "AXE-1")], "measure", "M-TRANSP-04"),
        ([], [("M-009", "AXE-1"), ("M-010", "AXE-1")], "measure", "M-011"),
        ([], [("M-9", "AXE-1")], "measure", "M-10"),
        ([], [("m.7", "AXE-1"), ("m.8", "AXE-1")], "measure", "m.9"),
        # The pattern most used wins; a gap is not filled (an ID once published keeps its meaning).
        ([], [("M-01", "AXE-1"), ("M-02", "AXE-1"), ("X-5", "AXE-1"), ("M-07", "AXE-1")], "measure", "M-08"),
        # No numbered ID yet: the kind's common first segment, else its initial.
        (["P-UTILITE", "P-SOBRIETE"], [], "principle", "P-01"),
        ([], [], "measure", "M-01"),
    ],
)
def test_next_id_follows_the_projects_pattern(tmp_path, principles, measures, kind, expected):
    project = read_project(ids_project(tmp_path, principles, measures))
    assert next_id(project, kind) == expected


def test_next_id_never_collides_with_another_kind(tmp_path):
    root = ids_project(tmp_path, ["M-03"], [("M-01", "AXE-1"), ("M-02", "AXE-1")])
    assert next_id(read_project(root), "measure") == "M-04"


def test_axis_option_picks_the_pattern_of_that_axis(tmp_path):
    measures = [("M-TRANSP-01", "AXE-T"), ("M-TRANSP-02", "AXE-T")] + [(f"M-CTRL-0{i}", "AXE-C") for i in range(1, 6)]
    root = ids_project(tmp_path, [], measures, axes=("AXE-T", "AXE-C"))
    done = run_new("measure", str(root), "--axis", "AXE-T")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(":::{measure} M-TRANSP-03 ")
    assert "\n:axis: AXE-T\n" in done.stdout
    assert run_new("measure", str(root)).stdout.startswith(":::{measure} M-CTRL-06 ")


def test_responds_option_sets_the_recommendations(example):
    done = run_new("measure", str(example), "--responds", "R-04, R-06", "--axis", "AXE-CONTROLE")
    assert done.returncode == 0, done.stderr
    assert "\n:responds: R-04, R-06\n" in done.stdout
    assert "\n:axis: AXE-CONTROLE\n" in done.stdout
    paste(example, "strategy", done.stdout)
    assert errors(example) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--responds", "R-99"], "R-99"),
        (["--axis", "R-01"], "R-01"),
        (["--axis", "AXE-NOPE"], "AXE-NOPE"),
        (["--responds", " , "], "responds"),
    ],
)
def test_unknown_or_wrong_ids_are_usage_errors(example, args, message):
    done = run_new("measure", str(example), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr


def test_options_the_kind_does_not_have_are_usage_errors(example):
    done = run_new("principle", str(example), "--axis", "AXE-CONTROLE")
    assert done.returncode == 2
    assert "axis" in done.stderr


def test_the_placeholders_are_in_the_language_of_the_messages(example):
    from civitrace.new_block import new_block

    i18n.set_language("fr")
    try:
        block = new_block(read_project(example), "measure")
    finally:
        i18n.set_language("en")
    assert block.text.startswith(":::{measure} M-27 Titre à rédiger\n")
    assert "\n:owner: à compléter\n" in block.text
    assert "\nTexte à rédiger.\n" in block.text
    paste(example, "strategy", block.text)
    assert errors(example) == []
