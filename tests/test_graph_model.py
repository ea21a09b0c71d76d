"""The graph model: which nodes and edges a project gives, with which attributes, in each view."""

from __future__ import annotations

import datetime as dt

import pytest

from civitrace import i18n
from civitrace.graph import DiagramError, DiagramRequest, make_graph
from civitrace.graph.aggregate import overview_graph
from civitrace.graph.build import build_graph, neighbourhood, principle_view
from civitrace.graph.style import DECISION_STYLES, STATUS_STYLES, badge, node_style
from civitrace.reader import read_project
from helpers import write_project

AS_OF = dt.date(2026, 1, 15)

PROJECT = {
    "opinion/avis.md": """
        :::{principle} P-1 Utilité
        :::

        :::{principle} P-2 Sobriété
        :::

        :::{recommendation} R-1 Évaluer
        :principle: P-1
        :::

        :::{recommendation} R-2 Mesurer
        :principle: P-1
        :::

        :::{recommendation} R-3 Refusée
        :principle: P-2
        :::

        :::{recommendation} R-4 Oubliée
        :principle: P-2
        :::

        :::{recommendation} R-5 Sans principe connu
        :principle: P-404
        :::
        """,
    "strategy/axe.md": """
        :::{axis} A-1 Transparence
        :::

        :::{measure} M-planned Prévue
        :responds: R-1
        :axis: A-1
        :status: planned
        :::

        :::{measure} M-progress En cours
        :responds: R-1, R-2
        :axis: A-1
        :status: in-progress
        :due: 2027-01-01
        :::

        :::{measure} M-done Réalisée
        :responds: R-2
        :axis: A-1
        :status: done
        :due: 2025-01-01
        :::

        :::{measure} M-delayed En retard
        :responds: R-5
        :axis: A-1
        :status: delayed
        :::

        :::{measure} M-overdue Échue
        :responds: R-99
        :axis: A-1
        :status: in-progress
        :due: 2025-06-30
        :::

        :::{measure} M-abandoned Abandonnée
        :axis: A-404
        :status: abandoned
        :::

        :::{indicator} I-1 Indicateur
        :measure: M-done
        :::

        :::{response} R-1
        :decision: adopted
        :::

        :::{response} R-2
        :decision: partial
        :::

        :::{response} R-3
        :decision: declined

        Parce que.
        :::
        """,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return read_project(write_project(tmp_path_factory.mktemp("graph-model"), PROJECT))


@pytest.fixture(scope="module")
def full(project):
    return build_graph(project, AS_OF)


def test_every_principle_recommendation_measure_and_axis_is_a_node(full):
    expected = {"P-1", "P-2", "R-1", "R-2", "R-3", "R-4", "R-5", "A-1"}
    expected |= {"M-planned", "M-progress", "M-done", "M-delayed", "M-overdue", "M-abandoned"}
    assert set(full.nodes) == expected  # no indicator unless asked, no response node
    assert {n: a["kind"] for n, a in full.nodes(data=True)}["A-1"] == "axis"


def test_edges_carry_their_relation_and_skip_unknown_targets(full):
    relations = {(s, t): r for s, t, r in full.edges(data="relation")}
    assert relations[("P-1", "R-1")] == "principle"
    assert relations[("R-1", "M-progress")] == "responds"
    assert relations[("R-2", "M-progress")] == "responds"
    assert relations[("M-done", "A-1")] == "axis"
    # R-5's principle, M-overdue's recommendation and M-abandoned's axis do not exist: no edge, no crash.
    assert not list(full.in_edges("R-5"))
    assert not full.in_edges("M-overdue")
    assert not full.out_edges("M-abandoned")


@pytest.mark.parametrize(
    ("node", "state"),
    [
        ("M-planned", "planned"),
        ("M-progress", "in-progress"),
        ("M-done", "done"),
        ("M-delayed", "late"),
        ("M-overdue", "late"),  # in progress but past its due date at AS_OF
        ("M-abandoned", "abandoned"),
        ("R-1", "adopted"),
        ("R-2", "partial"),
        ("R-3", "declined"),
        ("R-4", "uncovered"),
        ("R-5", "no-response"),
    ],
)
def test_each_status_and_decision_gives_a_state(full, node, state):
    assert full.nodes[node]["state"] == state


def test_late_depends_on_the_stated_date(project):
    before = build_graph(project, dt.date(2025, 6, 1))
    assert before.nodes["M-overdue"]["state"] == "in-progress"
    assert before.nodes["M-overdue"]["late"] is False


def test_states_map_to_styles_and_french_labels(full, french):
    assert node_style(full.nodes["M-done"]) is STATUS_STYLES["done"]
    assert node_style(full.nodes["R-4"]) is DECISION_STYLES["uncovered"]
    assert badge(full.nodes["R-4"]) == "⚠ NON COUVERTE"
    assert badge(full.nodes["M-overdue"]) == "⚠ en cours · en retard"
    assert badge(full.nodes["M-delayed"]) == "⚠ en retard"
    assert badge(full.nodes["R-2"]) == "retenue en partie"


def test_indicators_are_drawn_when_asked(project):
    graph = build_graph(project, AS_OF, indicators=True)
    assert graph.nodes["I-1"]["kind"] == "indicator"
    assert graph.edges["M-done", "I-1"]["relation"] == "indicator"


def test_neighbourhood_walks_links_both_ways_but_not_down_groups(full):
    around = neighbourhood(full, "R-1", depth=1)
    assert set(around.nodes) == {"R-1", "P-1", "M-planned", "M-progress"}
    two = neighbourhood(full, "R-1", depth=2)
    # the measures' axis and M-progress's other recommendation, but not P-1's other recommendations via P-1
    assert set(two.nodes) == {"R-1", "P-1", "M-planned", "M-progress", "A-1", "R-2"}
    assert set(neighbourhood(full, "R-1", depth=0).nodes) == {"R-1"}
    assert "R-2" in neighbourhood(full, "P-1", depth=1)  # a group is walked down from itself


def test_principle_view_holds_the_principle_its_recommendations_and_their_measures(full):
    view = principle_view(full, "P-1")
    assert set(view.nodes) == {"P-1", "R-1", "R-2", "M-planned", "M-progress", "M-done"}
    assert view.graph["view"] == "principle"


def test_overview_counts_states_and_names_uncovered(full):
    overview = overview_graph(full)
    p2 = overview.nodes["P-2"]
    assert p2["recommendation_states"] == {"declined": 1, "uncovered": 1}
    assert p2["uncovered"] == ["R-4"]
    assert p2["state"] == "uncovered"  # the whole principle is marked
    axis = overview.nodes["A-1"]
    assert axis["measure_states"] == {"planned": 1, "in-progress": 1, "done": 1, "late": 2}
    assert overview.edges["P-1", "A-1"]["measures"] == 3
    # R-5 (unknown principle) and M-abandoned (unknown axis) are counted in pseudo-groups
    assert overview.nodes["(no principle)"]["members"] == ["R-5"]
    assert overview.nodes["(no axis)"]["members"] == ["M-abandoned"]
    with i18n.language("fr"):  # the pseudo-groups' names are the reader's language
        assert overview_graph(full).nodes["(sans principe)"]["members"] == ["R-5"]


def test_requests_with_a_bad_root_are_refused(project):
    with pytest.raises(DiagramError, match="unknown ID 'NOPE'"):
        make_graph(project, DiagramRequest("neighbourhood", "NOPE"), AS_OF)
    with pytest.raises(DiagramError, match="not a principle"):
        make_graph(project, DiagramRequest("principle", "R-1"), AS_OF)
    with pytest.raises(DiagramError, match="needs an object ID"):
        make_graph(project, DiagramRequest("principle"), AS_OF)


def test_an_empty_project_gives_an_empty_graph(tmp_path):
    graph = make_graph(read_project(tmp_path), DiagramRequest(), AS_OF)
    assert graph.number_of_nodes() == 0
