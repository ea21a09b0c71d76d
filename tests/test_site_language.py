"""The built example site speaks French everywhere, and an English project's site speaks English."""

from __future__ import annotations

import html
import re

import pytest
import sphinx.locale
from babel.messages.pofile import read_po

from civitrace import i18n
from civitrace.sphinx_ext.theme import finish_page, translate_literals
from helpers import write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

LOCALE = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES"
#: English interface words of the theme and of Sphinx that a French page must not show.
ENGLISH = [
    "Next",
    "Previous",
    "On this page",
    "Back to top",
    "Made with",
    "View this page",
    "Skip to content",
    "Toggle",
    "Light mode",
    "Dark mode",
    "Contents",
    "Expand",
    "Please activate JavaScript",
    "Search",
    "Copyright",
]
_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTE = re.compile(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"')
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def interface_text(page: str) -> list[str]:
    """What a person reads or hears on a page: text nodes, and the names in attributes."""
    page = _SCRIPT.sub("", page)
    texts = [html.unescape(t).strip() for t in _TAG.split(page)]
    texts += [html.unescape(a) for a in _ATTRIBUTE.findall(page)]
    return [t for t in texts if t]


def english_messages() -> list[str]:
    """The English message IDs of both catalogs whose translation differs (``Menu`` stays ``Menu``)."""
    found = []
    for domain in ("civitrace", "theme"):
        with (LOCALE / f"{domain}.po").open("rb") as handle:
            for message in read_po(handle, locale="fr"):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for msgid in ids:
                    if msgid and msgid not in strings and len(msgid.split()) >= 2 and "{" not in msgid:
                        found.append(msgid)
    return found


def test_no_english_interface_string_on_any_page(example_site):
    words = ENGLISH + english_messages()
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted(words, key=len, reverse=True)))
    left = {}
    for path in sorted(example_site.out.rglob("*.html")):
        if path.name == "genindex.html":
            continue
        for text in interface_text(path.read_text(encoding="utf-8")):
            match = pattern.search(text)
            # The authors' guide quotes commands and code (``--lang en``): code is not interface.
            if match and "civitrace" not in text:
                left.setdefault(path.relative_to(example_site.out).as_posix(), set()).add(text[:80])
    assert left == {}


def test_the_search_page_says_in_french_what_its_script_says():
    from civitrace.sphinx_ext.theme import js_translations

    script = js_translations("fr")
    assert script.startswith("Documentation.addTranslations(")
    assert "Recherche terminée" in script and "Aucune page ne correspond" in script


def test_theme_literals_are_translated_as_attributes_and_text_only():
    page = '<input aria-label="Toggle navigation of Le suivi"><title>Contents</title><p>Contents of the box</p>'
    translated = translate_literals(page, "fr")
    assert 'aria-label="Afficher ou masquer les pages de la rubrique Le suivi"' in translated
    assert "<title>Sommaire</title>" in translated
    assert "<p>Contents of the box</p>" in translated  # not a whole text node: the author's words stay


def test_late_tables_get_a_named_focusable_frame(french):
    page = (
        '<article role="main"><table><caption><span class="caption-text">Mesures en retard</span></caption>'
        '</table><div class="table-wrapper container"><table><thead><tr><th>Code</th><th>Sens</th></tr></thead>'
        "</table></div></article>"
    )
    finished = finish_page(page)
    assert (
        '<div class="table-wrapper civitrace-table-wrapper" tabindex="0" role="region" '
        'aria-label="Mesures en retard"><table>' in finished
    )
    assert (
        '<div class="table-wrapper container" tabindex="0" role="region" aria-label="Tableau : Code, Sens">' in finished
    )


ENGLISH_PROJECT = {
    "conf.py": CONF.replace('language = "fr"', 'language = "en"'),
    "index.md": "# Home\n\n```{toctree}\nopinion/avis\n```\n",
    "opinion/avis.md": (
        "# Opinion\n\n:::{principle} P-1 Usefulness\n:::\n\n"
        ":::{recommendation} R-01 Assess every project\n:principle: P-1\n\nText.\n:::\n\n"
        "```{trace-graph}\n:root: P-1\n```\n"
    ),
}


def test_an_english_site_is_in_english(tmp_path):
    src = write_project(tmp_path / "src", ENGLISH_PROJECT)
    # Sphinx keeps its translators for the whole process: a French build run before in this
    # process would otherwise lend its catalog (sphinx-build runs one project per process).
    sphinx.locale.translators.clear()
    result = build(src, tmp_path / "html", overrides={"html_theme": "furo"})
    page = (result.out / "opinion" / "avis.html").read_text(encoding="utf-8")
    assert "not covered" in page and "non couverte" not in page
    assert 'aria-label="Traceability around P-1: 1 recommendation, 0 measures"' in page
    assert "Text version of the diagram" in page
    assert "Back to top" in page  # the theme's own English
    assert i18n.current_language() == "en"
