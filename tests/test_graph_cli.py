"""``civitrace graph``: formats, views, the split for print, and usage errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from civitrace.cli import main
from helpers import VALID, write_project

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "project", VALID)


def titles(path):
    root = ET.parse(path).getroot()
    return {g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF"), (".png", b"\x89PNG"), (".dot", b"digraph")]
)
def test_the_format_follows_the_extension(project, tmp_path, capsys, suffix, magic):
    out = tmp_path / f"trace{suffix}"
    assert main(["graph", str(project), "-o", str(out), "--as-of", "2026-01-01"]) == 0
    assert out.read_bytes().startswith(magic)
    assert f"wrote {out}" in capsys.readouterr().out


def test_svg_nodes_are_named_by_id(project, tmp_path):
    out = tmp_path / "trace.svg"
    main(["graph", str(project), "-o", str(out)])
    assert {"P-1", "R-01", "R-02", "AXE-1", "M-01"} <= titles(out)


def test_root_and_depth_draw_a_neighbourhood(project, tmp_path):
    out = tmp_path / "around.svg"
    assert main(["graph", str(project), "--root", "R-01", "--depth", "0", "-o", str(out)]) == 0
    assert titles(out) == {"R-01"}


def test_overview_and_principle_views(project, tmp_path):
    overview, principle = tmp_path / "overview.svg", tmp_path / "principle.svg"
    assert main(["graph", str(project), "--overview", "-o", str(overview)]) == 0
    assert main(["graph", str(project), "--principle", "P-1", "-o", str(principle)]) == 0
    assert titles(overview) == {"P-1", "AXE-1"}
    assert {"P-1", "R-01", "R-02"} <= titles(principle)


def test_split_writes_an_overview_and_one_file_per_principle(project, tmp_path, capsys):
    folder = tmp_path / "print"
    assert main(["graph", str(project), "--split", str(folder), "--format", "pdf"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["P-1.pdf", "vue-d-ensemble.pdf"]


def test_base_url_links_nodes_to_the_published_pages(project, tmp_path):
    out = tmp_path / "trace.svg"
    main(["graph", str(project), "-o", str(out), "--base-url", "https://example.org/avis/"])
    assert 'xlink:href="https://example.org/avis/opinion/principes.html#R-01"' in out.read_text(encoding="utf-8")


def test_text_alternative_is_written_beside(project, tmp_path):
    text = tmp_path / "trace.md"
    main(["--lang", "fr", "graph", str(project), "-o", str(tmp_path / "trace.svg"), "--text", str(text)])
    content = text.read_text(encoding="utf-8")
    assert "- Principe P-1 : Utilité de l'IA" in content
    assert "  - Recommandation R-01 : Évaluer chaque projet (sans réponse publiée)" in content


def test_a_large_diagram_suggests_the_printable_views(tmp_path, capsys):
    files = {
        "opinion/p.md": "".join(f":::{{recommendation}} R-{i} Recommandation numéro {i}\n:::\n\n" for i in range(60))
    }
    project = write_project(tmp_path / "big", files)
    main(["graph", str(project), "-o", str(tmp_path / "big.svg")])
    assert "--split DIR" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "cannot tell the format"),
        ([], "-o FILE"),
        (["--root", "NOPE", "-o", "x.svg"], "unknown ID 'NOPE'"),
        (["--principle", "R-01", "-o", "x.svg"], "not a principle"),
        (["--depth", "-1", "--root", "R-01", "-o", "x.svg"], "--depth"),
        (["--format", "pdf", "-o", "x.svg"], "--format only applies to --split"),
    ],
)
def test_usage_errors_exit_2(project, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["graph", str(project), *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
