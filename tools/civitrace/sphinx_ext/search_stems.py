"""The search index stems each word once per build, not once per page.

Sphinx memoises the stemmer inside one page only; a strategy repeats its
vocabulary (the kinds, statuses, services, the words of every diagram's text
version) on every page, so the pure-Python Snowball stemmer ran again on each
page for the same words: a tenth of a large build. The search language of the
build is registered again (Sphinx's ``add_search_language``) as a subclass
whose ``stem`` remembers its answers. The index it writes is the same.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage, languages


def _language_class(code: str) -> type[SearchLanguage] | None:
    """The search language Sphinx would use for ``code`` (``None``: Sphinx has none for it)."""
    found = languages.get(code) or languages.get(code.partition("_")[0])
    if isinstance(found, str):  # "module.Class", as Sphinx lists its own languages
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name, None)
    return found if isinstance(found, type) and issubclass(found, SearchLanguage) else None


def remembering(base: type[SearchLanguage]) -> type[SearchLanguage]:
    """A subclass of ``base`` whose ``stem`` answers each word from memory after the first time."""
    if getattr(base, "remembers_stems", False):
        return base

    class Remembering(base):  # type: ignore[misc, valid-type]
        remembers_stems = True

        def __init__(self, options: dict[str, Any]) -> None:
            super().__init__(options)
            self._stems: dict[str, str] = {}

        def stem(self, word: str) -> str:
            stemmed = self._stems.get(word)
            if stemmed is None:
                stemmed = self._stems[word] = super().stem(word)
            return stemmed

    Remembering.__name__ = Remembering.__qualname__ = f"Remembering{base.__name__}"
    return Remembering


def _on_config_inited(app: Sphinx, config: Config) -> None:
    code = config.html_search_language or config.language or "en"
    base = _language_class(code)
    if base is not None:
        # Registered under the class's own code: Sphinx finds it for ``fr`` and for ``fr_FR`` alike.
        app.add_search_language(remembering(base))


def setup(app: Sphinx) -> None:
    """Register the memoising search language once the configuration says which language it is."""
    app.connect("config-inited", _on_config_inited)
