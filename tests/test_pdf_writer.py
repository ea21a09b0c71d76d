"""The PDF writer on small pages: every script people write has a glyph, and a missing one is reported."""

from __future__ import annotations

import pikepdf
import pytest

from civitrace.pdf.writer import css_string, document_language, running_header, write_pdf
from pdf_structure import catalog_facts, structure
from pdf_tools import run

pytestmark = pytest.mark.pdf

#: Titles as residents write them: Arabic, Chinese, Korean, Hebrew, Tifinagh, Cyrillic, Greek, Devanagari, emoji.
SCRIPTS = "Vélo 🚲 العربية 中文 한국어 עברית ⵜⴰⵎⴰⵣⵉⵖⵜ русский Ελληνικά हिन्दी ⚠ ✓"


def page(body: str, lang: str = "fr-FR") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Essai</title></head>'
        f"<body><h1>{body}</h1><p>Texte.</p></body></html>"
    )


def test_every_script_people_write_has_a_glyph_and_stays_vector(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(page(SCRIPTS), encoding="utf-8")
    warnings: list[str] = []
    result = write_pdf(
        html, tmp_path / "page.pdf", extra_css=running_header("Titre", "Version v1"), warn=warnings.append
    )
    assert warnings == [] and result.missing_characters == ()
    text = run(["pdftotext", "-enc", "UTF-8", str(result.path), "-"]).stdout
    for word in ("Vélo", "中文", "한국어", "русский", "Ελληνικά", "🚲"):
        assert word in text, word
    # Emoji come from an outline font (fonts-symbola), not from bitmaps.
    assert not run(["pdfimages", "-list", str(result.path)]).stdout.splitlines()[2:]


def test_a_character_no_font_has_is_reported_by_name(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(page("Titre \U000f0001"), encoding="utf-8")  # a private-use character: in no font
    warnings: list[str] = []
    result = write_pdf(html, tmp_path / "page.pdf", warn=warnings.append)
    assert result.missing_characters == ("\U000f0001",)
    assert len(warnings) == 1 and "U+F0001" in warnings[0] and "fonts-noto-core" in warnings[0]


def test_a_small_page_is_tagged_pdf_ua_with_its_language_and_headers_as_artifacts(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(page("Titre"), encoding="utf-8")
    result = write_pdf(html, tmp_path / "page.pdf", extra_css=running_header('Un "titre" \\ courant', "v1"))
    with pikepdf.open(result.path) as pdf:
        facts = catalog_facts(pdf)
        found = structure(pdf)
    assert facts["pdfua_part"] == "1" and facts["lang"] == "fr-FR" and facts["marked"]
    assert found.tags["H1"] == 1 and found.tags["P"] >= 1
    assert not found.untagged and not found.orphan_mcids


def test_css_strings_and_languages():
    assert css_string('a "b" \\ c\nd') == '"a \\22 b\\22  \\5c  c\\a d"'
    assert document_language("fr") == "fr-FR"
    assert document_language("pt_BR") == "pt-BR"
    assert document_language(None) == "en-US"


def test_links_say_what_they_show(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(
        page(
            'Titre</h1><p id="cible">Cible</p><p><a href="#cible">Voir la mesure M-05</a> et '
            '<a href="https://example.org/">le site de la Métropole</a>.</p><h1>Fin'
        ),
        encoding="utf-8",
    )
    result = write_pdf(html, tmp_path / "page.pdf")
    with pikepdf.open(result.path) as pdf:
        contents = [str(a.Contents) for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
    assert contents == ["Voir la mesure M-05", "le site de la Métropole"]


def test_without_the_finisher_the_running_headers_would_be_untagged_content(tmp_path, monkeypatch):
    # The check of test_a_small_page… can fail: WeasyPrint alone leaves the headers outside the tree.
    import civitrace.pdf.artifacts as artifacts

    monkeypatch.setattr(artifacts, "finish", lambda document, pdf: None)
    html = tmp_path / "page.html"
    html.write_text(page("Titre") + "", encoding="utf-8")
    html.write_text(page("Titre</h1><p style='break-before: page'>Deuxième page</p><h1>Fin"), encoding="utf-8")
    result = write_pdf(html, tmp_path / "page.pdf", extra_css=running_header("Titre courant", "v1"))
    with pikepdf.open(result.path) as pdf:
        assert structure(pdf).orphan_mcids


def test_the_extension_and_check_load_without_weasyprint():
    """WeasyPrint is an extra: a project using only the HTML site or `check` must not need it."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['weasyprint'] = None; sys.modules['pydyf'] = None\n"
        "import civitrace.sphinx_ext, civitrace.cli\n"
        "print('loaded')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "loaded", result.stderr
