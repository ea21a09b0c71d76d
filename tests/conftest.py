"""Shared fixtures."""

from __future__ import annotations

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


@pytest.fixture(autouse=True)
def _english_messages():
    """Each test starts with English messages: a Sphinx build switches to its site's language."""
    from civitrace.i18n import set_language

    set_language("en")
    yield
