"""Every page in the project's language and accessible, whatever the theme writes.

Furo (the example's theme) writes some interface strings as literal English and
leaves a few structures that RGAA / WCAG 2.1 AA and screen readers need. Rather
than copying its templates, civitrace finishes each rendered page:

- the theme's English literals (``aria-label="Toggle site navigation sidebar"``,
  ``<title>Contents</title>``…) are translated from the ``theme`` catalog;
- both sidebars (``<aside>``) get a name, so that the landmarks can be told apart,
  and the page tools above the article are a named region;
- each code block that may scroll takes the keyboard focus (``tabindex``);
- every table sits in a scrolling wrapper that takes the focus and is named after
  its caption, including the tables civitrace builds after the theme's own wrapping.

Sphinx's JavaScript strings the project language's catalog lacks (search results)
are added from the same catalog in ``civitrace-translations.js``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader

from .. import i18n
from ..i18n import _
from .drawn_markup import splice
from .language import theme_catalog

STATIC = Path(__file__).resolve().parent.parent / "static" / "site"
CSS_FILE = "civitrace-site.css"
JS_TRANSLATIONS = "civitrace-translations.js"

_TABLE_OPEN = re.compile(r"<table\b")
_WRAPPER_BEFORE = re.compile(r'<div class="table-wrapper[^"]*"[^>]*>\s*$')
_WRAPPER = re.compile(r'<div class="(table-wrapper[^"]*)"(?![^>]*tabindex)')
_CAPTION = re.compile(r'<span class="caption-text">(.*?)</span>', re.S)
_CODE = re.compile(r'(<div class="highlight"><pre)(?![^>]*tabindex)')
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
#: An inline diagram, up to (not including) the ">" closing it (see graph_directive._inline_svg).
_DIAGRAM_SVG = re.compile(r'<svg class="civitrace-graph-svg".*?</svg(?=>)', re.S)


#: A regular expression finding theme literals, and what a match is replaced with.
Literal = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


@cache
def _literal_patterns(language: str) -> tuple[Literal, ...]:
    """Regular expressions finding the English literals of the theme in a page, with their translation.

    A message ID is looked for as a whole attribute value (``aria-label="Menu"``) or a
    whole text node (``<title>Contents</title>``); ``{name}`` placeholders match any text.
    The literals without placeholders are found by one expression (one pass over the page).
    """
    catalog = theme_catalog(language)
    if catalog is None:
        return ()
    found: list[Literal] = []
    fixed: dict[str, str] = {}
    for msgid, msgstr in sorted(catalog._catalog.items(), key=lambda item: -len(str(item[0]))):
        if not isinstance(msgid, str) or not msgid or not isinstance(msgstr, str) or "<" in msgid:
            continue
        names = re.findall(r"\{(\w+)\}", msgid)
        if not names:
            fixed[msgid] = _formatted(msgstr, {})
            continue
        pattern = re.escape(msgid)
        for name in names:
            pattern = pattern.replace(re.escape("{" + name + "}"), f'(?P<{name}>[^"<>]*?)')
        found.append((re.compile(rf'(?P<open>="|>\s*){pattern}(?P<close>"|\s*<)', re.S), _replacer(msgstr)))
    if fixed:
        # Longest first, as an alternation tries its branches in order.
        either = "|".join(re.escape(msgid) for msgid in fixed)
        regex = re.compile(rf'(?P<open>="|>\s*)(?P<msgid>{either})(?P<close>"|\s*<)', re.S)
        found.insert(0, (regex, lambda m: m.group("open") + fixed[m.group("msgid")] + m.group("close")))
    return tuple(found)


def _formatted(msgstr: str, values: dict[str, str]) -> str:
    try:
        return msgstr.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation whose braces are not placeholders
        return msgstr


def _replacer(msgstr: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        values = {k: v for k, v in match.groupdict().items() if k not in ("open", "close")}
        return match.group("open") + _formatted(msgstr, values) + match.group("close")

    return replace


def translate_literals(page: str, language: str) -> str:
    """``page`` with the theme's English literals replaced by their translation in ``language``.

    civitrace's inline diagrams hold no theme literal and are most of an object
    page's bytes: only the text around them is searched.
    """
    patterns = _literal_patterns(language)
    if not patterns:
        return page
    parts, position = [], 0
    for match in _DIAGRAM_SVG.finditer(page):
        # The "<" opening the drawing may close a literal just before it: searched with the text.
        parts.append(_translated(page[position : match.start() + 1], patterns))
        parts.append(page[match.start() + 1 : match.end()])
        position = match.end()  # the drawing's closing ">" may open a literal: it goes with the text after
    parts.append(_translated(page[position:], patterns))
    return "".join(parts)


def _translated(page: str, patterns: tuple[Literal, ...]) -> str:
    for regex, replace in patterns:
        page = regex.sub(replace, page)
    return page


def _wrap_tables(page: str) -> str:
    """Put each table that is not in a ``table-wrapper`` into one (civitrace's late-built tables)."""
    out, position = [], 0
    for match in _TABLE_OPEN.finditer(page):
        if match.start() < position:
            continue  # inside a table already wrapped
        end = page.find("</table>", match.start())
        if end < 0:
            break
        end += len("</table>")
        out.append(page[position : match.start()])
        table = page[match.start() : end]
        if _WRAPPER_BEFORE.search(page, max(0, match.start() - 300), match.start()):
            out.append(table)
        else:
            out.append(f'<div class="table-wrapper civitrace-table-wrapper">{table}</div>')
        position = end
    out.append(page[position:])
    return "".join(out)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _table_name(page: str, start: int) -> str:
    """A table's caption, else its column headings: what its frame is named after."""
    end = page.find("</table>", start)
    caption = _CAPTION.search(page, start, end)
    if caption:
        return _text(caption.group(1))
    headings = [_text(h) for h in _HEADING.findall(page, start, end)[:4]]
    return _("Table: {columns}").format(columns=", ".join(h for h in headings if h)) if any(headings) else _("Table")


def _name_wrappers(page: str) -> str:
    """Each table wrapper scrolls on its own, takes the focus and is named (uniquely) after its table."""
    seen: dict[str, int] = {}

    def name(match: re.Match[str]) -> str:
        label = _table_name(page, match.end())
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # landmarks of one page must be told apart
            label = f"{label} ({seen[label]})"
        return f'<div class="{match.group(1)}" tabindex="0" role="region" aria-label="{html.escape(label, quote=True)}"'

    return _WRAPPER.sub(name, page)


def accessible_markup(page: str) -> str:
    """The structural fixes of the module docstring, on one rendered page."""
    page = page.replace(
        '<aside class="sidebar-drawer">',
        f'<aside class="sidebar-drawer" aria-label="{html.escape(_("Site menu"), quote=True)}">',
        1,
    )
    page = re.sub(
        r'<aside class="toc-drawer([^"]*)">',
        lambda m: f'<aside class="toc-drawer{m.group(1)}" aria-label="{html.escape(_("Page contents"), quote=True)}">',
        page,
        count=1,
    )
    page = page.replace(
        '<div class="content-icon-container">',
        f'<div class="content-icon-container" role="region" aria-label="{html.escape(_("Page display"), quote=True)}">',
        1,
    )
    page = _CODE.sub(r'\1 tabindex="0"', page)
    if "<table" in page:
        page = _name_wrappers(_wrap_tables(page))
    return page


def finish_page(page: str) -> str:
    """A rendered page in the current language, with the structural fixes."""
    return accessible_markup(translate_literals(page, i18n.current_language()))


class ThemeTemplates(BuiltinTemplateLoader):
    """Sphinx's template loader, finishing each page it renders (see the module docstring)."""

    #: Inline diagrams come back into the finished page (see :mod:`.drawn_markup`).
    splices_drawings = True

    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        return splice(finish_page(super().render(template, context)))


def js_translations(language: str) -> str | None:
    """``Documentation.addTranslations(…)`` with the theme catalog's entries, or None without a catalog."""
    catalog = theme_catalog(language)
    if catalog is None:
        return None
    messages: dict[str, object] = {}
    for msgid, msgstr in catalog._catalog.items():
        if isinstance(msgid, tuple):  # (singular, index) for plural forms
            forms = messages.setdefault(msgid[0], [])
            assert isinstance(forms, list)
            forms.extend([""] * (msgid[1] + 1 - len(forms)))
            forms[msgid[1]] = msgstr
        elif msgid:
            messages[msgid] = msgstr
    payload = {"messages": messages, "plural_expr": "n > 1" if language == "fr" else "n != 1", "locale": language}
    return f"Documentation.addTranslations({json.dumps(payload, ensure_ascii=False, sort_keys=True)});\n"


def _on_config_inited(app: Sphinx, config: Config) -> None:
    # Only when the project chose no template bridge of its own.
    if not config.template_bridge:
        config.template_bridge = f"{__name__}.ThemeTemplates"
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file(CSS_FILE)
    if theme_catalog(i18n.normalise(app.config.language)) is not None:
        app.add_js_file(JS_TRANSLATIONS, priority=900)


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    script = js_translations(i18n.normalise(app.config.language))
    if script is not None:
        target = Path(app.builder.outdir) / "_static" / JS_TRANSLATIONS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Finish every page: the theme's words in the project's language, and the structure accessibility needs."""
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
