"""``{trace-graph}`` in a Sphinx build: HTML, LaTeX and text, options, warnings, the object pages' diagrams."""

from __future__ import annotations

import importlib
import re

import pytest

from civitrace.graph import render_cached
from helpers import VALID, write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

GRAPHS = """
# Schémas

:::{trace-graph}
:caption: Tout le projet
:::

:::{trace-graph}
:overview:
:::

:::{trace-graph}
:principle: P-1
:::

:::{trace-graph}
:root: R-01
:depth: 2
:indicators:
:::

:::{trace-graph}
:root: R-404
:::
"""

INDEX = """
# Projet

:::{toctree}
graphs
opinion/principes
strategy/axe
:::
"""


def _source(tmp_path, conf=CONF):
    return write_project(tmp_path / "src", {**VALID, "conf.py": conf, "index.md": INDEX, "graphs.md": GRAPHS})


_SVG = re.compile(r'<svg class="civitrace-graph-svg".*?</svg>', re.DOTALL)


def test_html_inlines_each_diagram_with_links_toolbar_and_text_version(tmp_path):
    result = build(_source(tmp_path), tmp_path / "html")
    page = result.html("graphs")
    assert len(_SVG.findall(page)) == 4  # the fifth names an unknown object
    assert "Tout le projet" in page
    assert page.count("Version texte du schéma") == 4
    assert 'xlink:href="opinion/principes.html#R-01"' in page
    assert "civitrace-graph.js" in page and (result.out / "_static" / "civitrace-graph.js").is_file()
    full_size = re.findall(r'class="civitrace-graph-full" href="([^"]+)"', page)
    assert len(full_size) == 4 and all((result.out / href).is_file() for href in full_size)
    # the file opened on its own links from _images/ to the pages
    assert 'xlink:href="../opinion/principes.html#R-01"' in (result.out / full_size[0]).read_text(encoding="utf-8")
    assert "trace-graph: identifiant inconnu «\xa0R-404\xa0»" in result.warnings  # a French site warns in French


def test_conflicting_options_are_reported(tmp_path):
    page = ":::{trace-graph}\n:root: R-01\n:overview:\n:::\n"
    src = write_project(tmp_path / "src", {**VALID, "conf.py": CONF, "index.md": INDEX, "graphs.md": "# G\n\n" + page})
    result = build(src, tmp_path / "html")
    assert "choose one of :root:, :overview: and :principle: (got root, overview)" in result.warnings


def test_object_pages_show_their_neighbourhood_unless_turned_off(tmp_path):
    on = build(_source(tmp_path / "on"), tmp_path / "on" / "html")
    assert len(_SVG.findall(on.html("opinion/principes"))) == 2
    assert len(_SVG.findall(on.html("strategy/axe"))) == 1  # M-01
    off = build(_source(tmp_path / "off", CONF + "civitrace_object_graphs = False\n"), tmp_path / "off" / "html")
    assert not _SVG.findall(off.html("opinion/principes"))
    assert len(_SVG.findall(off.html("graphs"))) == 4


def test_the_pdf_builder_shows_each_diagram_as_an_svg_image_with_alt_text_then_its_text_version(tmp_path):
    result = build(_source(tmp_path), tmp_path / "pdf", builder="civitrace-pdf")
    page = (result.out / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="civitrace-graph[^"]*"><img src="([^"]+\.svg)" alt="([^"]+)"', page)
    assert len(figures) == 4  # the directive's diagrams only: object pages list their links in words
    assert all((result.out / src).read_text(encoding="utf-8").lstrip().startswith("<?xml") for src, _ in figures)
    assert all("Sa version texte suit." in alt and "Schéma :" in alt for _, alt in figures)
    # The text version follows each drawing, written out (not folded as on the site).
    assert page.count("Version texte du schéma") == 4 and "<details" not in page
    assert (result.out / "civitrace.pdf").read_bytes().startswith(b"%PDF")


def test_text_builder_gets_the_text_version(tmp_path):
    result = build(_source(tmp_path), tmp_path / "text", builder="text")
    text = (result.out / "graphs.txt").read_text(encoding="utf-8")
    assert "Version texte du schéma" in text
    assert "Recommandation R-01 : Évaluer chaque projet" in text


def test_an_unchanged_diagram_is_not_drawn_again(tmp_path, monkeypatch):
    source = "digraph { a -> b }\n"
    first = render_cached(source, "svg", tmp_path)

    def fail(*args, **kwargs):
        raise AssertionError("drawn again")

    # The module, not the function of the same name that the package exports.
    monkeypatch.setattr(importlib.import_module("civitrace.graph.render"), "render", fail)
    assert render_cached(source, "svg", tmp_path) == first
