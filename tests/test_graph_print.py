"""Legibility on paper: diagrams fit an A4 landscape page with text large enough to read.

The sizes are measured on graphviz's real output, not estimated: the SVG's
size in points and its smallest font, scaled to the page's printable area.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from civitrace.graph import DiagramRequest, diagram_dot, render
from civitrace.graph.fit import A4_LANDSCAPE, PAGE_MARGIN, page_scale, svg_fit
from civitrace.reader import read_project

AS_OF = dt.date(2026, 11, 28)
GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def _generator():
    spec = importlib.util.spec_from_file_location("civitrace_benchmark_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def convention(tmp_path_factory):
    """A project the size of the Convention citoyenne pour le climat: 150 recommendations, 200 measures."""
    root = tmp_path_factory.mktemp("ccc")
    _generator().generate_project(root, recommendations=150, measures=200, principles=8, axes=5, seed=0)
    return read_project(root)


def test_page_scale_fits_inside_the_margins_and_never_enlarges():
    usable = (A4_LANDSCAPE[0] - 2 * PAGE_MARGIN, A4_LANDSCAPE[1] - 2 * PAGE_MARGIN)
    assert page_scale(usable[0] * 2, 10) == pytest.approx(0.5)
    assert page_scale(10, usable[1] * 4) == pytest.approx(0.25)
    assert page_scale(10, 10) == 1.0


def test_the_example_overview_fits_a4_landscape_with_8_pt_text(repo_root):
    fit = svg_fit(render(diagram_dot(read_project(repo_root), DiagramRequest("overview"), AS_OF), "svg"))
    assert fit.smallest_text >= 8.0, fit.describe()


def test_each_principle_of_the_example_fits_a4_landscape_with_8_pt_text(repo_root):
    project = read_project(repo_root)
    for principle in project.of_kind("principle"):
        fit = svg_fit(render(diagram_dot(project, DiagramRequest("principle", principle.id), AS_OF), "svg"))
        assert fit.smallest_text >= 8.0, (principle.id, fit.describe())


def test_a_convention_sized_overview_fits_a4_landscape_with_7_pt_text(convention):
    fit = svg_fit(render(diagram_dot(convention, DiagramRequest("overview"), AS_OF), "svg"))
    assert fit.smallest_text >= 7.0, fit.describe()


def test_each_principle_of_a_convention_sized_project_fits_a4_landscape_with_7_pt_text(convention):
    principles = convention.of_kind("principle")
    assert len(principles) == 8
    for principle in principles:
        source = diagram_dot(convention, DiagramRequest("principle", principle.id), AS_OF)
        fit = svg_fit(render(source, "svg"))
        assert fit.smallest_text >= 7.0, (principle.id, fit.describe())
        assert len(convention.recommendations_of(principle.id)) >= 18  # the whole principle is drawn


def test_the_whole_convention_in_one_diagram_is_not_legible_on_a4(convention):
    # The reason for the overview and the per-principle diagrams, measured.
    fit = svg_fit(render(diagram_dot(convention, DiagramRequest("full"), AS_OF), "svg"))
    assert fit.smallest_text < 2.0
