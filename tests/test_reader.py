"""The fast reader: what it reads from MyST files, and how it survives bad input."""

from __future__ import annotations

import datetime as dt

from civitrace.model import Milestone
from civitrace.reader import read_project, read_text
from helpers import VALID, diagnostics_text, write_project


def test_reads_every_kind_with_typed_values_and_locations(tmp_path):
    project = read_project(write_project(tmp_path, VALID))
    summary = [(o.kind, o.id, o.title, o.location.path, o.location.line) for o in project.objects]
    assert summary == [
        ("principle", "P-1", "Utilité de l'IA", "opinion/principes.md", 3),
        ("recommendation", "R-01", "Évaluer chaque projet", "opinion/principes.md", 7),
        ("recommendation", "R-02", "Débattre des caméras", "opinion/principes.md", 14),
        ("axis", "AXE-1", "Transparence", "strategy/axe.md", 3),
        ("measure", "M-01", "Grille d'évaluation", "strategy/axe.md", 6),
        ("indicator", "I-01", "Projets évalués", "strategy/axe.md", 16),
        ("response", "R-02", "", "strategy/axe.md", 22),
    ]
    measure = project.by_id["M-01"]
    assert measure.values == {
        "responds": ("R-01",),
        "axis": "AXE-1",
        "owner": "Pôle Numérique et Données",
        "status": "in-progress",
        "start": dt.date(2025, 1, 1),
        "due": dt.date(2026, 6, 30),
        "progress": 40,
    }
    assert project.by_id["R-01"].values == {"principle": "P-1", "vote": 5}
    assert project.by_id["R-01"].body == "Texte adopté."
    assert project.response_for("R-02").body == "Le débat public aura lieu après les élections."
    assert project.reader_diagnostics == []


def test_backtick_fences_nested_directives_and_option_blocks():
    text = (
        "# Page\n"  # 1
        "\n"  # 2
        "````{note}\n"  # 3
        "Intro.\n"  # 4
        "\n"  # 5
        "```{measure} M-7 Nichée dans une note\n"  # 6
        "---\n"  # 7
        "responds: R-1, R-2\n"  # 8
        "milestones: 2025-06-30 Bilan ; 2025-01-15 Lancement\n"  # 9
        "---\n"  # 10
        "Corps.\n"  # 11
        "```\n"  # 12
        "````\n"  # 13
    )
    result = read_text(text, "strategy/x.md")
    assert result.diagnostics == []
    [measure] = result.objects
    assert (measure.id, measure.title, measure.location.line) == ("M-7", "Nichée dans une note", 6)
    assert measure.values["responds"] == ("R-1", "R-2")
    assert measure.values["milestones"] == (
        Milestone(dt.date(2025, 1, 15), "Lancement"),
        Milestone(dt.date(2025, 6, 30), "Bilan"),
    )
    assert measure.body == "Corps."


def test_directives_shown_as_code_examples_are_not_read():
    text = "Exemple :\n\n```markdown\n:::{recommendation} R-99 Exemple\n:::\n```\n\n    :::{measure} M-9 Indenté\n    :::\n"
    assert read_text(text, "docs/guide.md").objects == []


def test_measure_inside_recommendation_body_is_read_at_its_own_line():
    text = "::::{recommendation} R-1 Parent\n:principle: P\n\n:::{measure} M-1 Enfant\n:responds: R-1\n:::\n::::\n"
    objects = read_text(text, "a.md").objects
    assert [(o.id, o.location.line) for o in objects] == [("R-1", 1), ("M-1", 4)]
    assert objects[0].body.startswith(":::{measure}")


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path):
    write_project(
        tmp_path,
        {
            **VALID,
            "opinion/latin1.md": "# Caf\xe9\n\nligne 3 \xe9\n".encode("latin-1"),
            "opinion/junk.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "opinion/empty.md": "",
            "opinion/unclosed.md": "# T\n\n:::{principle} P-2 Ouvert\nTexte sans fin\n",
            "opinion/bad-id.md": ":::{principle} 2-P Mauvais\n:::\n\n:::{principle}\n:::\n",
        },
    )
    assert diagnostics_text(tmp_path) == [
        "opinion/bad-id.md:1: error: principle has an invalid ID '2-P'",
        "opinion/bad-id.md:4: error: principle needs an ID and a title",
        "opinion/empty.md:1: warning: file is empty",
        "opinion/junk.md:1: error: file is not valid UTF-8 (byte 0x89 at offset 0); save it as UTF-8",
        "opinion/latin1.md:1: error: file is not valid UTF-8 (byte 0xe9 at offset 5); save it as UTF-8",
        "opinion/unclosed.md:3: error: directive 'principle' opened with ':::' is never closed",
    ]
    # The valid files were still read in full.
    assert {"P-1", "R-01", "M-01", "P-2"} <= set(read_project(tmp_path).by_id)


def test_nul_bytes_in_utf8_text_are_reported_at_their_line(tmp_path):
    write_project(tmp_path, {"a.md": "# T\n\nok\x00\n"})
    assert diagnostics_text(tmp_path) == ["a.md:3: error: file contains binary data (NUL byte)"]


def test_build_and_tool_folders_and_configured_excludes_are_skipped(tmp_path):
    body = ":::{{principle}} P-{n} T\n:::\n"
    files = {f"{folder}/x.md": body.format(n=i) for i, folder in enumerate(["_build", ".nox", ".git", "tests", "ok"])}
    files["pyproject.toml"] = '[tool.civitrace]\nexclude = ["tests"]\n'
    project = read_project(write_project(tmp_path, files))
    assert [o.location.path for o in project.objects] == ["ok/x.md"]


def test_reading_never_writes_into_the_sources(tmp_path):
    write_project(tmp_path, {**VALID, "opinion/empty.md": "", "b.md": b"\xff\xfe"})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    diagnostics_text(tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
