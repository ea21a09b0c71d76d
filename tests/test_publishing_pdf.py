"""The example's PDF, as ``nox -s pdf`` builds it: the civitrace-pdf builder, then WeasyPrint (PDF/UA-1).

Built once per session (``example_pdf`` in conftest.py); read with pikepdf (structure
tree, metadata, outline) and poppler (``pdftotext``, ``pdfimages``, ``pdfinfo``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata

import pikepdf
import pytest

from civitrace.graph.fit import svg_fit
from civitrace.reader import read_project
from civitrace.source_date import version_label
from civitrace.vocabulary import PAGE_LABELS, french_date
from pdf_structure import catalog_facts, structure
from pdf_tools import page_sizes, run

pytestmark = pytest.mark.pdf


def normalized(text: str) -> str:
    """Text as compared: one kind of apostrophe, no line-end hyphenation, no spaces at all."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = re.sub(r"(?<=\w)-\n(?=[a-zà-ÿ])", "", text)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def opened(example_pdf):
    with pikepdf.open(example_pdf.pdf) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def found(opened):
    return structure(opened)


def test_the_cover_shows_collectivity_title_version_and_date(example_pdf, repo_root):
    cover = " ".join(example_pdf.text(first=1, last=1).split()).replace("’", "'")
    day = dt.datetime.fromtimestamp(example_pdf.epoch, tz=dt.UTC).date()
    assert "Montpellier Méditerranée Métropole" in cover
    assert "Avis de la convention citoyenne sur l'IA" in cover
    assert f"Version {version_label(repo_root)}" in cover
    assert f"Dernière modification le {french_date(day)}" in cover


def test_the_pdf_has_a_table_of_contents_in_french_with_page_numbers(example_pdf):
    contents = example_pdf.text(first=2, last=2)
    assert "Table des matières" in contents
    assert re.search(r"Stratégie de la donnée.*?\.\s*\d+", contents), contents[:500]
    # The authors' guide is for the site only.
    assert "guide" not in contents.lower()


def test_every_recommendation_is_in_the_text_in_reading_order(example_pdf, repo_root, french):
    # pdftotext follows the content order, which WeasyPrint writes in the structure's order.
    text = normalized(example_pdf.text())
    recommendations = read_project(repo_root).of_kind("recommendation")
    assert len(recommendations) >= 10
    positions = []
    for rec in recommendations:
        heading = normalized(f"Recommandation {rec.id} — {rec.title}")
        assert heading in text, f"not found in the PDF: {rec.id} {rec.title}"
        positions.append(text.index(heading))
    assert positions == sorted(positions), "the recommendations are not in the opinion's order"
    assert PAGE_LABELS["matrix_title"] in example_pdf.text()


def test_the_pdf_declares_pdf_ua_its_language_and_shows_its_title(opened):
    facts = catalog_facts(opened)
    assert facts["struct_tree"] and facts["marked"]
    assert facts["pdfua_part"] == "1"
    assert facts["lang"] == "fr-FR"  # from conf.py's language = "fr"
    assert facts["display_doc_title"]
    assert str(facts["title"]).startswith("Avis de la convention citoyenne")


def test_the_structure_has_headings_paragraphs_lists_tables_with_header_cells_and_links(found):
    for tag in ("H1", "H2", "P", "L", "LI", "Table", "TH", "TD", "Link", "Figure"):
        assert found.tags[tag] > 0, (tag, found.tags)


def test_every_diagram_is_a_figure_with_its_name_and_summary(found):
    # The overview, the strategy's diagram and one per principle.
    assert found.tags["Figure"] >= 9
    assert not found.figures_without_alt
    assert all("Schéma :" in alt and "Sa version texte suit." in alt for alt in found.figure_alts)
    assert any(alt.startswith("Vue d'ensemble") for alt in found.figure_alts)


def test_every_link_has_a_structure_parent_and_says_what_it_shows(found):
    assert found.links > 100
    assert found.links_without_description == 0
    # /Contents is the link's own words ("M-05 — Mettre en place…"), not its target ("M-05", a URL).
    assert all(text.strip() for text in found.link_contents)
    assert any(re.match(r"M-\d+ — \w", text) for text in found.link_contents)


def test_no_content_outside_the_tags_and_artifacts(found):
    assert found.marked_sequences > 1000
    assert found.artifacts > 0  # the running headers and footers, backgrounds, borders
    assert not found.untagged, found.untagged[:10]
    # Every tagged sequence belongs to an element of the tree (the headers were not: see pdf/artifacts.py).
    assert not found.orphan_mcids, found.orphan_mcids[:10]


def test_the_bookmarks_follow_the_headings(opened):
    with opened.open_outline() as outline:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    joined = " | ".join(titles)
    for expected in ("La convention citoyenne", "Stratégie de la donnée", "Le suivi de l"):
        assert expected in joined, joined[:800]


def test_the_diagrams_are_vector_graphics(example_pdf):
    listing = run(["pdfimages", "-list", str(example_pdf.pdf)]).stdout.splitlines()[2:]
    assert not [line for line in listing if line.strip()], listing


def test_the_pages_are_a4_and_the_overview_has_a_landscape_page(example_pdf):
    sizes = page_sizes(example_pdf.pdf)
    assert all(sorted(size) == [595, 842] for size in sizes.values()), set(sizes.values())
    landscape = [page for page, (width, height) in sizes.items() if width > height]
    assert len(landscape) >= 1
    text = " ".join(example_pdf.text(first=landscape[0], last=landscape[0]).split()).replace("’", "'")
    assert "Vue d'ensemble" in text


def test_the_diagrams_text_is_at_least_7_pt_on_paper(example_pdf):
    # The print page sets each SVG's width: its scale times its smallest font is the printed size.
    page = example_pdf.html.read_text(encoding="utf-8")
    figures = re.findall(r'<img src="([^"]+\.svg)" alt="[^"]*" style="width: ([\d.]+)pt', page)
    assert len(figures) >= 9
    for src, width in figures:
        fit = svg_fit((example_pdf.html.parent / src).read_text(encoding="utf-8"))
        smallest = fit.smallest_text / fit.scale * float(width) / fit.width
        assert smallest >= 7.0, (src, smallest)


def test_the_metadata_names_the_pdf_and_dates_it_from_the_sources(example_pdf):
    info = run(["pdfinfo", "-isodates", str(example_pdf.pdf)], env={**os.environ, "TZ": "UTC"}).stdout
    assert re.search(r"^Title:\s+Avis de la convention citoyenne", info, re.MULTILINE), info
    assert re.search(r"^Author:\s+Montpellier Méditerranée Métropole", info, re.MULTILINE), info
    day = dt.datetime.fromtimestamp(example_pdf.epoch, tz=dt.UTC).strftime("%Y-%m-%d")
    assert re.search(rf"^CreationDate:\s+{day}", info, re.MULTILINE), info


def test_the_build_warned_about_nothing(example_pdf):
    # A glyph no font has, a broken internal link or an image without alt would be warnings.
    assert example_pdf.warnings == "", example_pdf.warnings[-3000:]


def test_each_diagram_is_followed_by_its_text_version(example_pdf, found):
    # In reading order: a diagram's caption, then "Version texte du schéma" before the next diagram.
    text = example_pdf.text().replace("’", "'")
    captions = [alt.split(". Schéma :")[0] for alt in found.figure_alts]
    position = 0
    for caption in captions:
        at = text.find(caption, position)
        assert at >= 0, caption
        following = text.find("Version texte du schéma", at)
        assert following >= 0, caption
        later = [text.find(c, at + len(caption)) for c in captions if text.find(c, at + len(caption)) >= 0]
        assert not later or following < min(later), caption
        position = following
