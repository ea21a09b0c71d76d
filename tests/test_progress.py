"""The dashboard's figures on a known corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from civitrace.model import Project
from civitrace.progress import (
    NO_STATUS,
    coverage,
    follow_up,
    grade_counts,
    late_measures,
    measure_progress,
    overall_progress,
    progress_by_axis,
    progress_by_principle,
    rollup,
    status_counts,
    upcoming_deadlines,
)
from civitrace.reader import read_text

CORPUS = """
:::{principle} P1 Utilité
:::
:::{principle} P2 Sobriété
:::
:::{principle} P3 Sans suite
:::
:::{recommendation} R-1 Une
:principle: P1
:::
:::{recommendation} R-2 Deux
:principle: P1
:::
:::{recommendation} R-3 Trois
:principle: P2
:::
:::{recommendation} R-4 Quatre
:principle: P2
:::
:::{axis} A1 Premier axe
:::
:::{axis} A2 Second axe
:::
:::{axis} A3 Axe vide
:::
:::{measure} M-1 Pondérée
:responds: R-1, R-2
:axis: A1
:status: in-progress
:progress: 40
:weight: 3
:due: 2025-03-31
:milestones: 2025-02-01 Lancement ; 2025-06-01 Étape
:::
:::{measure} M-2 Finie sans chiffre
:responds: R-2
:axis: A1
:status: done
:due: 2025-01-31
:::
:::{measure} M-3 Prévue
:responds: R-3
:axis: A2
:status: planned
:due: 2025-09-30
:::
:::{measure} M-4 Abandonnée
:responds: R-3
:axis: A2
:status: abandoned
:progress: 10
:due: 2025-01-01
:::
:::{measure} M-5 Sans statut ni chiffre
:axis: A2
:due: 2025-04-30
:::
:::{measure} M-1 Doublon ignoré
:status: done
:::
:::{response} R-4
:decision: declined

Hors de portée.
:::
:::{assessment} R-1
:grade: 2
:date: 2025-01-20
:::
:::{assessment} R-1
:grade: 4
:date: 2025-06-20
:::
:::{assessment} R-3
:grade: 3
:date: 2025-06-20
:::
"""

AS_OF = dt.date(2025, 4, 15)


@pytest.fixture(scope="module")
def project() -> Project:
    result = read_text(CORPUS, "corpus.md")
    return Project.from_parts(result.objects, result.diagnostics)


def test_coverage(project):
    cov = coverage(project)
    assert (cov.covered, cov.total, cov.uncovered, cov.percent) == (4, 4, (), 100)
    assert coverage(Project()).percent is None


def test_measures_by_status(project):
    assert status_counts(project) == {
        "planned": 1,
        "in-progress": 1,
        "done": 1,
        "delayed": 0,
        "abandoned": 1,
        NO_STATUS: 1,
    }


def test_progress_of_one_measure(project):
    values = {m.id: measure_progress(m) for m in project.of_kind("measure") if project.by_id[m.id] is m}
    assert values == {"M-1": 40.0, "M-2": 100.0, "M-3": 0.0, "M-4": None, "M-5": None}


def test_progress_per_axis_is_weighted(project):
    axes = {r.id: r for r in progress_by_axis(project)}
    # A1: M-1 (40 %, weight 3) and M-2 (100 %, weight 1): (3*40 + 100) / 4 = 55.
    assert axes["A1"].progress == pytest.approx(55.0)
    assert (axes["A1"].measures, axes["A1"].counted, axes["A1"].weighted) == (("M-1", "M-2"), 2, True)
    # A2: only M-3 counts (M-4 abandoned, M-5 without a figure).
    assert (axes["A2"].progress, axes["A2"].counted, axes["A2"].weighted) == (0.0, 1, False)
    assert axes["A2"].measures == ("M-3", "M-4", "M-5")
    assert (axes["A3"].progress, axes["A3"].percent, axes["A3"].measures) == (None, None, ())


def test_progress_per_principle_counts_each_measure_once(project):
    principles = {r.id: r for r in progress_by_principle(project)}
    # P1: are both answered by M-1, counted once, and R-2 by M-2.
    assert principles["P1"].measures == ("M-1", "M-2")
    assert principles["P1"].percent == 55
    assert principles["P2"].measures == ("M-3", "M-4")
    assert principles["P2"].progress == 0.0
    assert principles["P3"].progress is None


def test_plain_average_without_weights(project):
    measures = [project.by_id["M-2"], project.by_id["M-3"]]
    assert rollup("x", "x", measures).progress == 50.0
    whole = overall_progress(project)
    assert whole.progress == pytest.approx((3 * 40 + 100 + 0) / 5)


def test_late_measures_and_next_deadlines(project, french):
    assert [m.id for m in late_measures(project, AS_OF)] == ["M-1"]
    assert [m.id for m in late_measures(project, dt.date(2025, 5, 1))] == ["M-1", "M-5"]
    upcoming = upcoming_deadlines(project, AS_OF)
    assert [(d.date.isoformat(), d.measure.id, d.label) for d in upcoming] == [
        ("2025-04-30", "M-5", "Échéance de la mesure"),
        ("2025-06-01", "M-1", "Étape"),
        ("2025-09-30", "M-3", "Échéance de la mesure"),
    ]
    assert len(upcoming_deadlines(project, dt.date(2025, 1, 1), limit=2)) == 2


def test_follow_up_beside_the_convention_grades(project):
    rows = {row.recommendation.id: row for row in follow_up(project)}
    assert [m.id for m in rows["R-2"].measures] == ["M-1", "M-2"]
    assert rows["R-4"].decision == "declined" and rows["R-4"].covered
    assert rows["R-1"].latest.get("grade") == 4
    assert rows["R-1"].previous.get("grade") == 2
    assert rows["R-2"].latest is None and rows["R-2"].previous is None
    assert grade_counts(project) == {1: 0, 2: 0, 3: 1, 4: 1, 5: 0}
