"""Scale: one project graph per build, diagrams drawn in bulk and cached, rebuilds rewriting only what changed.

The costs are counted (graph builds, node attributes, graphviz processes,
pages written), never timed, so these tests hold on a busy machine.
"""

from __future__ import annotations

import html
import importlib
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils.nodes import SkipNode

import civitrace.graph.build as graph_build
from helpers import write_project
from sphinx_helpers import CONF, build, edit

pytestmark = pytest.mark.sphinx

# (the package exports a function named like its module)
graph_render = importlib.import_module("civitrace.graph.render")
#: Pages Sphinx itself rewrites after any change (indexes, and the page holding the toctree).
SPHINX_PAGES = {"genindex", "search", "index"}

INDEX = """
# Projet

```{toctree}
opinion/a
opinion/b
strategy/plan
strategy/other
tableaux
notes
mention
```
"""


def project(measures_per_rec: int = 1, recs: int = 3) -> dict[str, str]:
    """Three pages of recommendations and measures, a matrix page, a page naming M-01, a page with none."""
    opinion_a = ["# Avis A", "", ":::{principle} P-1 Utilité", ":::", ""]
    for n in range(1, recs + 1):
        opinion_a += [f":::{{recommendation}} R-{n:02d} Recommandation {n}", ":principle: P-1", ":::", ""]
    plan = ["# Plan", "", ":::{axis} AXE-1 Confiance", ":::", ""]
    plan += [":::{measure} M-01 Grille", ":responds: R-01", ":axis: AXE-1", ":status: planned", ":::", ""]
    for n in range(2, recs * measures_per_rec + 1):
        target = (n - 1) % recs + 1
        if target == 1:
            target = 2  # only M-01 answers R-01
        plan += [f":::{{measure}} M-{n:02d} Mesure {n}", f":responds: R-{target:02d}", ":axis: AXE-1", ":::", ""]
    return {
        "conf.py": CONF + 'civitrace_as_of = "2025-01-01"\n',
        "index.md": INDEX,
        "opinion/a.md": "\n".join(opinion_a),
        "opinion/b.md": """
            # Avis B

            :::{principle} P-2 Sobriété
            :::

            :::{recommendation} R-90 Une autre
            :principle: P-2
            :::
            """,
        "strategy/plan.md": "\n".join(plan),
        "strategy/other.md": """
            # Autre

            :::{measure} M-90 Ailleurs
            :responds: R-90
            :status: done
            :::
            """,
        "tableaux.md": """
            # Tableaux

            :::{trace-matrix}
            :::
            """,
        "notes.md": "# Notes\n\nRien de tracé ici.\n",
        "mention.md": "# Renvoi\n\nVoir {trace}`M-01`.\n",
    }


def written(out: Path) -> dict[str, int]:
    """docname -> modification time of its page."""
    return {p.relative_to(out).with_suffix("").as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.html")}


def rewritten(before: dict[str, int], out: Path) -> set[str]:
    """The content pages written again (Sphinx's own pages left out)."""
    after = written(out)
    return {docname for docname, stamp in after.items() if before.get(docname) != stamp} - SPHINX_PAGES


def _rebuild_after(src: Path, out: Path, path: str, old: str, new: str):
    before = written(out)
    time.sleep(0.02)
    edit(src / path, old, new)
    return build(src, out, fresh=False), rewritten(before, out)


# -- one graph per build ---------------------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch):
    """Count whole-project graph builds and node attribute computations."""
    calls = {"graphs": 0, "nodes": 0}
    build_graph, node_attributes = graph_build.build_graph, graph_build._node_attributes

    def counting_build(*args, **kwargs):
        calls["graphs"] += 1
        return build_graph(*args, **kwargs)

    def counting_nodes(*args, **kwargs):
        calls["nodes"] += 1
        return node_attributes(*args, **kwargs)

    monkeypatch.setattr(graph_build, "_node_attributes", counting_nodes)
    monkeypatch.setattr("civitrace.graph.diagram.build_graph", counting_build)
    return calls


@pytest.mark.parametrize("recs", [3, 12])
def test_the_project_graph_is_built_once_whatever_the_number_of_diagrams(tmp_path, counted, recs):
    src = write_project(tmp_path / "src", project(measures_per_rec=2, recs=recs))
    site = build(src, tmp_path / "html")
    diagrams = sum(site.html(page).count('<figure class="civitrace-graph') for page in ("opinion/a", "strategy/plan"))
    assert diagrams == recs + 2 * recs  # every recommendation and measure has its own
    # One graph for the whole build, each object's node computed once: the cost of a
    # diagram does not grow with the project.
    assert counted["graphs"] == 1
    drawn = sum(1 for obj in site.app.env.domains["civitrace"].project().objects if obj.kind != "response")
    assert counted["nodes"] == drawn


def test_graphviz_draws_many_diagrams_per_process_and_a_rebuild_draws_only_what_changed(tmp_path, monkeypatch):
    processes = []
    batch = graph_render._render_batch

    def counting(engine, no_op, items, fmt):
        processes.append(len(items))
        return batch(engine, no_op, items, fmt)

    monkeypatch.setattr(graph_render, "_render_batch", counting)
    src = write_project(tmp_path / "src", project(measures_per_rec=2, recs=12))
    out = tmp_path / "html"
    build(src, out)
    assert sum(processes) >= 36  # every object diagram drawn…
    assert len(processes) <= 3  # …by a few graphviz processes, not one each
    processes.clear()
    _rebuild_after(src, out, "strategy/plan.md", ":status: planned", ":status: done")
    # Only the diagrams showing M-01 changed: its own and its recommendation's.
    assert sum(processes) == 2


# -- incremental rebuilds ----------------------------------------------------------------------------------


@pytest.fixture
def first(tmp_path):
    src = write_project(tmp_path / "src", project())
    out = tmp_path / "html"
    return src, out, build(src, out)


def test_a_status_edit_rewrites_only_the_pages_showing_the_measure(first):
    src, out, _ = first
    site, pages = _rebuild_after(src, out, "strategy/plan.md", ":status: planned", ":status: done")
    # Its page, its recommendation's page, the matrix, the page naming it; not the others.
    assert pages == {"strategy/plan", "opinion/a", "tableaux", "mention"}
    assert "M-01 — Grille : réalisée" in site.text("opinion/a")
    assert "M-01 — Grille (réalisée)" in site.text("tableaux")
    assert "Statut réalisée" in site.text("strategy/plan")
    # The diagrams drawing it show the new status too (M-01 is the only measure in both).
    for docname, anchor in (("opinion/a", "R-01"), ("strategy/plan", "M-01")):
        figure = site.html(docname).split(f'id="{anchor}"', 1)[1].split("</figure>", 1)[0]
        drawn = html.unescape(re.sub(r"<[^>]+>", " ", figure))
        assert "réalisée" in drawn
        assert "prévue" not in drawn


def test_an_edit_elsewhere_leaves_the_pages_that_do_not_show_it(first):
    src, out, _ = first
    _, pages = _rebuild_after(src, out, "strategy/other.md", ":status: done", ":status: in-progress")
    assert pages == {"strategy/other", "opinion/b", "tableaux"}


def test_a_title_change_reaches_every_diagram_table_and_link_showing_it(first):
    src, out, _ = first
    site, pages = _rebuild_after(src, out, "strategy/plan.md", "M-01 Grille", "M-01 Grille d'évaluation")
    assert {"opinion/a", "tableaux", "mention"} <= pages
    rec_page = site.html("opinion/a")
    figure = rec_page.split('id="R-01"', 1)[1].split("</details>", 1)[0]
    assert "Grille d'évaluation" in figure.replace("&#39;", "'").replace("&#x27;", "'")  # drawing and text version
    assert "M-01 — Grille d'évaluation" in site.text("tableaux")
    assert "M-01 — Grille d'évaluation" in site.text("mention")


def _full_screen(site, docname: str, anchor: str) -> Path:
    page = site.html(docname).split(f'id="{anchor}"', 1)[1]
    href = re.search(r'class="civitrace-graph-full" href="([^"]+)"', page).group(1)
    return (site.out / docname).parent / href


def test_an_object_moving_page_moves_the_diagrams_links_and_renews_the_full_screen_file(first):
    src, out, site = first
    old_file = _full_screen(site, "opinion/a", "R-01")
    assert "../strategy/plan.html#M-01" in old_file.read_text(encoding="utf-8")
    block = ":::{measure} M-01 Grille\n:responds: R-01\n:axis: AXE-1\n:status: planned\n:::\n"
    plan = (src / "strategy/plan.md").read_text(encoding="utf-8")
    assert block in plan
    (src / "strategy/plan.md").write_text(plan.replace(block, ""), encoding="utf-8")
    edit(src / "strategy/other.md", "# Autre\n", "# Autre\n\n" + block)
    moved = build(src, out, fresh=False)
    rec_page = moved.html("opinion/a").split('id="R-01"', 1)[1].split("</details>", 1)[0]
    assert "../strategy/other.html#M-01" in rec_page  # inline drawing and text version
    assert "../strategy/plan.html#M-01" not in rec_page
    new_file = _full_screen(moved, "opinion/a", "R-01")
    assert new_file != old_file
    assert "../strategy/other.html#M-01" in new_file.read_text(encoding="utf-8")
    assert "strategy/plan.html#M-01" not in new_file.read_text(encoding="utf-8")


# -- what the pages cost -----------------------------------------------------------------------------


def test_the_search_index_holds_the_diagrams_text_version_not_their_svg(tmp_path):
    # Indexing every inline SVG's text was the largest cost of a site's build; the text version says the same.
    src = write_project(tmp_path / "src", project())
    out = tmp_path / "html"
    build(src, out)
    page = (out / "strategy" / "plan.html").read_text(encoding="utf-8")
    assert '<svg class="civitrace-graph-svg"' in page and "<title>cluster_1</title>" in page
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    terms = re.search(r'"terms":\{(.*?)\},"titles"', index, re.S)
    assert terms is not None
    words = set(re.findall(r'"([^"]+)":', terms.group(1)))
    assert "grill" in words or "grille" in words  # M-01's title, in its block and the text version
    assert "cluster_1" not in words  # a group's title in the SVG, which graphviz names


def _many_small_pages(pages: int) -> dict[str, str]:
    """``pages`` opinion pages of one recommendation and as many strategy pages of one measure answering it."""
    files = {"conf.py": CONF + 'civitrace_as_of = "2025-01-01"\n'}
    names = []
    for n in range(1, pages + 1):
        files[f"opinion/p{n:02d}.md"] = f"# Avis {n}\n\n:::{{recommendation}} R-{n:02d} Recommandation {n}\n:::\n"
        files[f"strategy/m{n:02d}.md"] = (
            f"# Plan {n}\n\n:::{{measure}} M-{n:02d} Mesure {n}\n:responds: R-{n:02d}\n:::\n"
        )
        names += [f"opinion/p{n:02d}", f"strategy/m{n:02d}"]
    files["index.md"] = "# Projet\n\n```{toctree}\n" + "\n".join(sorted(names)) + "\n```\n"
    return files


def test_the_bulk_drawing_holds_a_window_of_diagrams_whatever_the_projects_size(tmp_path, monkeypatch):
    # The DOT sources of every diagram of a site held at once were the largest part of the build's
    # memory: the objects' diagrams are prepared a few batches ahead of the page being written.
    graph_drawings = importlib.import_module("civitrace.sphinx_ext.graph_drawings")
    monkeypatch.setattr(graph_drawings, "BATCH", 2)
    monkeypatch.setattr(graph_drawings, "AHEAD", 4)
    held: list[int] = []  # after each page prepared: the diagrams sent for pages not written yet
    prepare_page = graph_drawings._Bulk._prepare_page

    def counting(self, docname):
        prepare_page(self, docname)
        held.append(self.count)

    monkeypatch.setattr(graph_drawings._Bulk, "_prepare_page", counting)
    src = write_project(tmp_path / "src", _many_small_pages(15))
    site = build(src, tmp_path / "html")
    assert len(held) >= 30  # every page of objects went through the bulk drawing…
    assert max(held) <= 4 + 1  # …but never more diagrams ahead than the window (and one page's own)
    assert max(held) >= 4  # (the window was filled)
    for n in (1, 15):
        assert '<svg class="civitrace-graph-svg"' in site.html(f"strategy/m{n:02d}")
        assert '<svg class="civitrace-graph-svg"' in site.html(f"opinion/p{n:02d}")


def test_every_drawing_comes_back_into_its_page_and_other_writers_get_it_in_place(tmp_path):
    src = write_project(tmp_path / "src", project())
    site = build(src, tmp_path / "html")
    for docname in ("opinion/a", "strategy/plan"):
        page = site.html(docname)
        assert "civitrace-drawing" not in page  # no marker left
        assert page.count('<svg class="civitrace-graph-svg"') == page.count('<figure class="civitrace-graph')
    # A writer whose pages civitrace's template loader does not finish (the JSON and pickle
    # builders keep the body unrendered) gets the drawing itself.
    drawn_markup = importlib.import_module("civitrace.sphinx_ext.drawn_markup")
    translator = SimpleNamespace(builder=SimpleNamespace(templates=object()), body=[])
    with pytest.raises(SkipNode):
        drawn_markup.visit_drawn_figure(translator, drawn_markup.DrawnFigure("", markup="<figure>…</figure>"))
    assert translator.body == ["<figure>…</figure>"]
