"""Titles with quotes, markup characters, braces, bars, backslashes, line breaks and non-Latin scripts.

They must come out as written in DOT, SVG (well-formed XML) and HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from civitrace.diagnostics import Location
from civitrace.graph import DiagramRequest, diagram_dot, render
from civitrace.graph.labels import clean, html_text, quoted, wrap
from civitrace.graph.links import site_urls
from civitrace.model import Project, TraceObject
from helpers import write_project
from sphinx_helpers import CONF

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
AS_OF = dt.date(2026, 1, 1)

#: ID -> title. Each one breaks a naive DOT or SVG writer.
NASTY = {
    "R-1": 'Dire "non" à l\'IA qui décide seule',
    "R-2": "<script>alert('x')</script> & <b>gras</b>",
    "R-3": r"Accolades {a|b} et barre | et \N \G \n \\ antislash",
    "R-4": "Первый шаг · 人工智能 · الذكاء الاصطناعي · 🌍",
    "R-5": "Une ligne\npuis une autre\r\net\ttabulée\x01",
    "R-6": "Anticonstitutionnellementinterminablementprolongéesansespaces",
}


def _project() -> Project:
    objects = [TraceObject("principle", "P-1", "Principe <&>", Location("opinion/p.md", 1), docname="opinion/p")]
    for line, (rid, title) in enumerate(NASTY.items(), start=2):
        rec = TraceObject(
            "recommendation", rid, title, Location("opinion/p.md", line), {"principle": "P-1"}, docname="opinion/p"
        )
        objects.append(rec)
    measure = TraceObject(
        "measure",
        "M-1",
        'Mesure "entre guillemets" & {accolades}',
        Location("strategy/m.md", 1),
        {"responds": ("R-1", "R-2", "R-3", "R-4", "R-5", "R-6"), "status": "in-progress"},
        docname="strategy/m",
    )
    return Project.from_parts([*objects, measure])


@pytest.fixture(scope="module")
def project() -> Project:
    return _project()


def _node_text(group: ET.Element) -> str:
    return " ".join((t.text or "").strip() for t in group.iter(f"{SVG}text"))


def _nodes(svg: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
    return {g.find(f"{SVG}title").text: g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}


def test_label_helpers_escape_for_their_context():
    assert html_text('a & <b> "c" \\N') == "a &amp; &lt;b&gt; &quot;c&quot; \\\\N"
    assert quoted('say "hi" \\N') == '"say \\"hi\\" ' + "\\" * 4 + 'N"'
    assert clean("a\nb\r\n\tc\x01") == "a b c"
    assert all(len(line) <= 10 for line in wrap("Anticonstitutionnellement", 10))
    assert wrap("人工智能人工智能人工智能", 8) == ["人工智能", "人工智能", "人工智能"]  # wide characters count double


@pytest.mark.parametrize("view", ["full", "principle", "overview", "neighbourhood"])
def test_svg_is_well_formed_and_titles_read_as_written(project, view):
    root = {"principle": "P-1", "neighbourhood": "M-1"}.get(view)
    source = diagram_dot(project, DiagramRequest(view, root, 1), AS_OF, site_urls("https://example.org"))
    svg = render(source, "svg")
    nodes = _nodes(svg)
    if view == "overview":
        assert "P-1" in nodes
        return
    for rid, title in NASTY.items():
        group = nodes[rid]
        words = clean(title).split(" ")
        text = _node_text(group)
        # Every word is drawn, in order (titles are wrapped, long words cut at line ends).
        assert "".join(text.split()).find("".join(words)) >= 0, (rid, text)
        tooltip = group.find(f".//{SVG}a").get(f"{XLINK}title")
        assert clean(title) in tooltip  # \N stays \N: graphviz did not expand it to the node name


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_other_formats_render(project, fmt):
    data = render(diagram_dot(project, DiagramRequest(), AS_OF), fmt)
    assert data[:4] in (b"%PDF", b"\x89PNG")


def test_dot_source_keeps_every_title_inside_its_quotes(project):
    source = diagram_dot(project, DiagramRequest(), AS_OF)
    # One statement per line: no raw line break from a title leaked into the source.
    for line in source.splitlines():
        if line.strip().startswith('"R-5" ['):
            assert "Une ligne" in line and "puis une autre" in line


# -- in the site ----------------------------------------------------------------------------------

SITE = {
    "conf.py": CONF,
    "index.md": """
        # Accueil

        :::{trace-graph}
        :::

        :::{toctree}
        opinion
        strategy
        :::
        """,
    "opinion.md": """
        # Avis

        :::{principle} P-1 Principe <&> "cité"
        :::

        :::{recommendation} R-1 <script>alert('x')</script> & "guillemets" {a|b} \\N antislash \\ fin
        :principle: P-1
        :::

        :::{recommendation} R-2 Первый шаг · 人工智能 · الذكاء الاصطناعي
        :principle: P-1
        :::
        """,
    "strategy.md": """
        # Stratégie

        :::{axis} A-1 Axe & <axe>
        :::

        :::{measure} M-1 Mesure "entre guillemets" & {accolades}
        :responds: R-1, R-2
        :axis: A-1
        :status: in-progress
        :::
        """,
}


@pytest.mark.sphinx
def test_site_pages_keep_titles_and_stay_well_formed(tmp_path):
    from sphinx_helpers import build

    src = write_project(tmp_path / "src", SITE)
    result = build(src, tmp_path / "out")
    page = result.html("index")
    assert "<script>alert" not in page  # never injected as markup
    blocks = re.findall(r'<svg class="civitrace-graph-svg".*?</svg>', page, re.DOTALL)
    assert len(blocks) == 1
    nodes = _nodes(blocks[0].encode())
    assert {"P-1", "R-1", "R-2", "M-1", "A-1"} <= set(nodes)
    hover = nodes["R-1"].find(f".//{SVG}a/{SVG}title").text
    assert "<script>alert('x')</script> & \"guillemets\" {a|b} \\N antislash \\ fin" in hover
    assert "人工智能" in _node_text(nodes["R-2"])
    text = result.text("index")  # the text alternative, as the reader sees it
    assert "Recommandation R-1 : <script>alert('x')</script> & \"guillemets\" {a|b} \\N antislash \\ fin" in text
    assert "الذكاء الاصطناعي" in text
