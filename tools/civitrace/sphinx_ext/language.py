"""The site speaks the project's ``language``: civitrace's own words and the theme's.

- civitrace's strings follow ``language`` (``fr`` for the example, ``en`` works too):
  the language is set when the configuration is read, and again before each
  document is read or written, so that parallel (``-j``) workers and incremental
  builds always answer in it.
- The theme's interface strings: those a theme writes through Sphinx's gettext
  (``{% trans %}``, ``_()``) but that Sphinx's own catalog lacks are translated
  from civitrace's ``theme`` catalog, added as a fallback of Sphinx's; those a theme
  writes as literal English (Furo's "Skip to content", its icons' titles, its
  navigation labels) are translated in each rendered page (see :mod:`.theme`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import i18n

#: The catalog of the theme's interface strings (``locale/<lang>/LC_MESSAGES/theme.po``).
THEME_DOMAIN = "theme"


def _follow_language(app: Sphinx, *_args: Any) -> None:
    if i18n.current_language() != i18n.normalise(app.config.language):
        i18n.set_language(app.config.language)


def _on_config_inited(app: Sphinx, config: Config) -> None:
    i18n.set_language(config.language)


def _on_builder_inited(app: Sphinx) -> None:
    _follow_language(app)
    theme = theme_catalog(i18n.current_language())
    translator = getattr(app, "translator", None)
    if theme is None or translator is None or not hasattr(translator, "add_fallback"):
        return
    link = translator
    while link is not None:  # already added (a second build in the same process)
        if link is theme:
            return
        link = getattr(link, "_fallback", None)
    translator.add_fallback(theme)


@cache
def theme_catalog(language: str) -> Any:
    """The compiled theme catalog of ``language``, or None when there is none."""
    catalog = i18n.catalog(language, THEME_DOMAIN)
    return catalog if getattr(catalog, "_catalog", None) else None


def setup(app: Sphinx) -> dict[str, Any]:
    """Follow ``language`` everywhere a page is read or written."""
    app.connect("config-inited", _on_config_inited, priority=100)
    app.connect("builder-inited", _on_builder_inited, priority=100)
    for event in ("env-before-read-docs", "doctree-read", "doctree-resolved", "html-page-context"):
        app.connect(event, _follow_language, priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
