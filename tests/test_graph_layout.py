"""Layout for reading: columns by kind, the outline of a principle's view, the legend on every diagram."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from civitrace.graph import DiagramRequest, diagram_dot, make_graph
from civitrace.graph import outline as layout
from civitrace.graph.dot import principle_blocks
from civitrace.graph.style import DECISION_ORDER, DECISION_STYLES, STATUS_ORDER, STATUS_STYLES
from test_graph_model import PROJECT

AS_OF = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from civitrace.reader import read_project
    from helpers import write_project

    return read_project(write_project(tmp_path_factory.mktemp("layout"), PROJECT))


@pytest.mark.parametrize(("styles", "order"), [(STATUS_STYLES, STATUS_ORDER), (DECISION_STYLES, DECISION_ORDER)])
def test_every_state_is_told_apart_without_colour(styles, order):
    # The second channel: border (style, thickness, doubling) and a French word, each distinct per state.
    borders = {(styles[s].line, round(styles[s].penwidth), styles[s].double) for s in order}
    labels = {styles[s].label for s in order}
    fills = {styles[s].fill for s in order}
    assert len(borders) == len(labels) == len(order)
    assert len(fills) >= len(order) - 1  # colour too (white may stand for two "no state yet" cases)


def test_full_view_reads_left_to_right_in_columns_by_kind(project):
    source = diagram_dot(project, DiagramRequest(), AS_OF)
    assert 'rankdir="LR"' in source
    columns = re.findall(r"\{ rank=same; (.*?) \}", source)
    assert '"P-1"' in columns[0] and '"R-1"' in columns[1] and '"M-done"' in columns[2] and '"A-1"' in columns[3]
    assert source.count("subgraph cluster_") == 3  # one box per principle (2) and per axis (1)


def test_every_view_has_the_french_legend(project, french):
    for request in (
        DiagramRequest(),
        DiagramRequest("overview"),
        DiagramRequest("principle", "P-1"),
        DiagramRequest("neighbourhood", "M-done"),
    ):
        assert "<B>Légende</B>" in diagram_dot(project, request, AS_OF)


def test_a_shared_measure_is_drawn_in_full_once_then_as_a_reminder(project):
    graph = make_graph(project, DiagramRequest("principle", "P-1"), AS_OF)
    blocks = principle_blocks(graph)
    assert [b.nodes[0][0] for b in blocks] == ["P-1", "R-1", "R-2"]
    r1, r2 = blocks[1], blocks[2]
    assert ("M-progress", "M-progress") in r1.nodes
    assert ("M-progress@R-2", "M-progress") in r2.nodes  # a reminder pointing back to R-1's block
    assert r2.first["M-progress@R-2"] == "R-1"
    assert r1.also["M-progress"] == ["R-2"]


def test_partition_keeps_the_order_and_balances_columns():
    heights = [10.0, 10.0, 10.0, 40.0, 10.0, 10.0]
    runs = layout.partition(heights, 3)
    assert [i for run in runs for i in run] == list(range(6))
    assert runs == [[0, 1, 2], [3], [4, 5]]


def test_outline_items_never_overlap_and_share_a_right_edge_per_column(project):
    source = diagram_dot(project, DiagramRequest("principle", "P-1"), AS_OF)
    assert source.startswith(layout.FIXED_LAYOUT_MARK)
    boxes = []
    for x, y, w, h in re.findall(r'pos="([\d.]+),([\d.]+)!", width=([\d.]+), height=([\d.]+)', source):
        cx, cy, width, height = float(x), float(y), float(w) * 72, float(h) * 72
        boxes.append((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    assert len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0.01 or overlap_y <= 0.01, (a, b)
    right_edges = {round(box[2], 1) for box in boxes}
    assert len(right_edges) <= 2  # one per column (this small principle needs at most two)


def test_without_graphviz_box_sizes_are_estimated_close_to_graphvizs(project, monkeypatch):
    # A principle's view places its boxes itself; without graphviz (DOT output needs none) their sizes come
    # from the text. The estimate stays within a few percent of graphviz's measure, rather too large.
    from civitrace.graph import dot as dot_module
    from civitrace.graph.label_size import estimated_sizes

    seen = {}
    measure = layout.node_sizes

    def spy(header, statements):
        seen["measured"], seen["statements"] = measure(header, statements), statements
        return seen["measured"]

    monkeypatch.setattr(dot_module.outline, "node_sizes", spy)
    principles = sorted(obj.id for obj in project.objects if obj.kind == "principle")
    ratios = []
    for principle in principles:
        diagram_dot(project, DiagramRequest("principle", principle), AS_OF)
        estimated = estimated_sizes(seen["statements"])
        for name, (width, height) in seen["measured"].items():
            ratios += [estimated[name][0] / width, estimated[name][1] / height]
    assert ratios and 0.93 <= min(ratios) and max(ratios) <= 1.25, (min(ratios), max(ratios))
    monkeypatch.undo()
    monkeypatch.setenv("PATH", "/nonexistent")
    source = diagram_dot(project, DiagramRequest("principle", principles[0]), AS_OF)
    assert source.startswith(layout.FIXED_LAYOUT_MARK) and 'pos="' in source
