"""A parallel build (``-j 2``) reads, reports and shows what a serial build does."""

from __future__ import annotations

import pytest

from helpers import write_project
from sphinx_helpers import build, edit
from test_sphinx_pages import PROJECT as PAGES
from test_sphinx_warnings import BROKEN

pytestmark = pytest.mark.sphinx


@pytest.mark.parametrize("files", [PAGES, BROKEN], ids=["pages", "broken"])
def test_parallel_build_matches_serial_build(tmp_path, files):
    src = write_project(tmp_path / "src", files)
    serial = build(src, tmp_path / "serial")
    parallel = build(src, tmp_path / "parallel", parallel=2)
    assert parallel.app.parallel == 2 and parallel.app.is_parallel_allowed("read")
    assert parallel.signatures() == serial.signatures()
    assert parallel.civitrace_warnings() == serial.civitrace_warnings()
    for docname in ("index", "opinion/avis", "strategy/plan"):
        assert parallel.text(docname) == serial.text(docname)


def test_parallel_incremental_rebuild_merges_only_the_changed_document(tmp_path):
    src = write_project(tmp_path / "src", PAGES)
    build(src, tmp_path / "html", parallel=2)
    edit(src / "strategy" / "plan.md", ":status: done", ":status: abandoned")
    again = build(src, tmp_path / "html", fresh=False, parallel=2)
    assert "M-02 — Former les agents : abandonnée" in again.text("opinion/avis")
    # objects of documents that were not read again are still there
    assert {sig[1] for sig in again.signatures()} >= {"P-1", "R-01", "R-05", "M-01", "I-1"}
