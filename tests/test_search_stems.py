"""The search index stems each word once per build, and is the index Sphinx alone writes."""

from __future__ import annotations

import pytest
from sphinx.search.fr import SearchFrench

from civitrace.sphinx_ext.search_stems import remembering
from helpers import write_project
from sphinx_helpers import CONF, build


def test_a_word_is_stemmed_once_and_as_sphinx_stems_it(monkeypatch):
    asked: list[str] = []
    plain = SearchFrench({})
    remembered = remembering(SearchFrench)({})
    original = SearchFrench.stem

    def counting(self, word):
        asked.append(word)
        return original(self, word)

    monkeypatch.setattr(SearchFrench, "stem", counting)
    words = ["mesures", "recommandations", "mesures", "Évaluation", "mesures", "recommandations"]
    assert [remembered.stem(w) for w in words] == [original(plain, w) for w in words]
    assert asked == ["mesures", "recommandations", "Évaluation"]
    # Registered again at the next build in the same process: not wrapped twice.
    once = remembering(SearchFrench)
    assert remembering(once) is once


@pytest.mark.sphinx
def test_the_build_indexes_with_the_remembering_language_and_the_same_words(tmp_path):
    pages = {
        "conf.py": CONF,
        "index.md": "# Accueil\n\n```{toctree}\na\n```\n\nLes mesures évaluées.\n",
        "a.md": ":::{recommendation} R-1 Évaluer les systèmes\n:::\n\n:::{measure} M-1 Évaluations\n"
        ":responds: R-1\n:::\n",
    }
    src = write_project(tmp_path / "src", pages)
    done = build(src, tmp_path / "out")
    indexer = done.app.builder.indexer
    assert type(indexer.lang).__name__ == "RememberingSearchFrench"
    # The stems Sphinx's own French language gives, page for page.
    plain = SearchFrench({})
    for word in ("évaluer", "évaluations", "mesures"):
        assert plain.stem(word).lower() in indexer._mapping or plain.stem(word).lower() in indexer._title_mapping
