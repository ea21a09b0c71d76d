"""Shared fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root, which holds the example corpus."""
    return REPO


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory):
    """The repository's example site, built once per session (HTML, fresh environment, conf in docs/)."""
    from sphinx_helpers import build

    return build(REPO, tmp_path_factory.mktemp("example-site"), confdir=REPO / "docs")


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory: pytest.TempPathFactory):
    """The example's tagged PDF (civitrace-pdf builder, WeasyPrint), built once per session."""
    from civitrace.source_date import source_timestamp
    from pdf_tools import build_example_pdf

    # As `nox -s pdf` does: the date of the last commit, unless SOURCE_DATE_EPOCH is set.
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_timestamp(REPO) or 1735732800)
    return build_example_pdf(tmp_path_factory.mktemp("pdf") / "first", epoch)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in English, whatever the machine's locale and whatever an earlier build set.

    Tests that assert French wording set ``fr`` themselves; a Sphinx build follows its ``language``.
    The environment is set too, so that the command line run in a subprocess answers in English.
    """
    from civitrace import i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def french():
    """Messages in French for one test (for tests that assert the French wording)."""
    from civitrace import i18n

    with i18n.language("fr"):
        yield
