"""The site speaks the project's ``language``: civitrace's own words and the theme's.

- civitrace's strings follow ``language`` (``fr`` for the example, ``en`` works too):
  the language is set when the configuration is read, and again before each
  document is read or written, so that parallel (``-j``) workers and incremental
  builds always answer in it.
- The theme's interface strings: those a theme writes through Sphinx's gettext
  (``{% trans %}``, ``_()``) but that Sphinx's own catalog lacks are translated
  from civitrace's ``theme`` catalog, added as a fallback of Sphinx's; those a theme
  writes as literal English (Furo's "Skip to content", its icons' titles, its
  navigation labels) are translated in the rendered page by
  :class:`TranslatingTemplates`, from the same catalog.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader

from .. import i18n

#: The catalog of the theme's interface strings (``locale/<lang>/LC_MESSAGES/theme.po``).
THEME_DOMAIN = "theme"


def _follow_language(app: Sphinx, *_args: Any) -> None:
    if i18n.current_language() != i18n.normalise(app.config.language):
        i18n.set_language(app.config.language)


def _on_config_inited(app: Sphinx, config: Config) -> None:
    i18n.set_language(config.language)
    # Only when the project chose no bridge of its own.
    if not config.template_bridge:
        config.template_bridge = f"{__name__}.TranslatingTemplates"


def _on_builder_inited(app: Sphinx) -> None:
    _follow_language(app)
    theme = theme_catalog(i18n.current_language())
    translator = getattr(app, "translator", None)
    if theme is not None and translator is not None and hasattr(translator, "add_fallback"):
        translator.add_fallback(theme)


@cache
def theme_catalog(language: str) -> Any:
    """The compiled theme catalog of ``language``, or None when there is none."""
    catalog = i18n.catalog(language, THEME_DOMAIN)
    return catalog if getattr(catalog, "_catalog", None) else None


@cache
def _literal_patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Regular expressions finding each English literal of the theme in a page, with its translation.

    A message ID is looked for as a whole attribute value (``aria-label="Menu"``) or a
    whole text node (``<title>Contents</title>``); ``{name}`` placeholders match any text.
    """
    catalog = theme_catalog(language)
    if catalog is None:
        return ()
    found = []
    for msgid, msgstr in sorted(catalog._catalog.items(), key=lambda item: -len(str(item[0]))):
        if not isinstance(msgid, str) or not msgid or not msgstr or "<" in msgid:
            continue
        names = re.findall(r"\{(\w+)\}", msgid)
        pattern = re.escape(msgid)
        for name in names:
            pattern = pattern.replace(re.escape("{" + name + "}"), f'(?P<{name}>[^"<>]*?)')
        regex = re.compile(rf'(?P<open>="|>\s*){pattern}(?P<close>"|\s*<)')
        found.append((regex, msgstr))
    return tuple(found)


def translate_literals(html: str, language: str) -> str:
    """``html`` with the theme's English literals replaced by their translation in ``language``."""
    for regex, msgstr in _literal_patterns(language):

        def replace(match: re.Match[str], msgstr: str = msgstr) -> str:
            values = {k: v for k, v in match.groupdict().items() if k not in ("open", "close")}
            return match.group("open") + msgstr.format(**values) + match.group("close")

        html = regex.sub(replace, html)
    return html


class TranslatingTemplates(BuiltinTemplateLoader):
    """Sphinx's template loader, translating the theme's literal English strings in what it renders."""

    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        return translate_literals(super().render(template, context), i18n.current_language())

    def render_string(self, source: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        return translate_literals(super().render_string(source, context), i18n.current_language())


def setup(app: Sphinx) -> dict[str, Any]:
    """Follow ``language`` everywhere a page is read or written."""
    app.connect("config-inited", _on_config_inited, priority=100)
    app.connect("builder-inited", _on_builder_inited, priority=100)
    for event in ("env-before-read-docs", "doctree-read", "doctree-resolved", "html-page-context"):
        app.connect(event, _follow_language, priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
