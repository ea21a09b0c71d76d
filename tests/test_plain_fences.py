"""The plain-shape shortcut finds exactly the fences markdown-it's block parser finds, or steps aside.

Generated input: the differential corpus (every context MyST knows) and
thousands of random files built from the lines that matter to colon fences
(openers of 3 to 6 colons, closers indented by spaces or tabs, trailing
spaces, options, paragraphs, headings, list and quote lines, a missing last
line end). Wherever the shortcut answers, its fences equal markdown-it's.
"""

from __future__ import annotations

import random

import pytest
from myst_parser.config.main import MdParserConfig

from civitrace import myst_settings
from civitrace.plain_fences import applies, plain_fences
from civitrace.reader import normalise, read_text
from readers_corpus import corpus

#: Lines random files are made of, weighted towards the fence syntax.
_LINES = [
    "",
    "   ",
    "\t",
    "Un paragraphe.",
    "Élan, suite du paragraphe.",
    "# Un titre",
    "## Sous-titre {#ancre}",
    "2025 : une année.",
    "1. un point",
    "3) un autre",
    "« Citation » dit-on.",
    "- une puce",
    "> une citation",
    "    du code indenté",
    ":::",
    "::::",
    ":::::",
    "::::::",
    ":::   ",
    ":::\t",
    " :::",
    "   ::::",
    "    :::",
    "\t:::",
    "  \t:::",
    "::: texte",
    ":::{measure} M-1 Mesure",
    "::::{recommendation} R-1 Reco",
    ":::{note}",
    ":::::{topic} Sujet",
    ":::{mesure} M-2 Faute",
    ":::encart",
    ":responds: R-1",
    ":status: done",
    ":x",
    "::",
    "---",
    "```{measure} M-3 Backticks",
    "```",
    "~~~",
    "<div>",
    "| a | b |",
    "[^n]: note",
    "(cible)=",
    "% commentaire",
    "Terme",
    ": définition",
]


def _random_file(rng: random.Random) -> str:
    lines = [rng.choice(_LINES) for _ in range(rng.randint(1, 25))]
    text = "\n".join(lines)
    return text if rng.random() < 0.2 else text + "\n"


def _fences_by_markdown_it(text: str, config: MdParserConfig) -> list[tuple]:
    parser = myst_settings.block_parser(config)
    return [
        (t.type, t.info, t.content, t.markup, t.map)
        for t in parser.parse(text)
        if t.type in ("fence", "colon_fence") and t.map
    ]


def _compare(texts: list[str], config: MdParserConfig) -> int:
    """Assert agreement on every text the shortcut answers for; return how many it answered for."""
    answered = 0
    for text in texts:
        text = normalise(text)
        found = plain_fences(text)
        if found is None:
            continue
        answered += 1
        mine = [(t.type, t.info, t.content, t.markup, t.map) for t in found]
        assert mine == _fences_by_markdown_it(text, config), repr(text)
    return answered


def test_random_plain_files_agree_with_markdown_it():
    rng = random.Random(20261201)
    texts = [_random_file(rng) for _ in range(4000)]
    answered = _compare(texts, myst_settings.default_config())
    # The shortcut must be exercised (and step aside) often enough for the comparison to mean something.
    assert 600 < answered < 3500


@pytest.mark.parametrize("extensions", [["colon_fence"], ["colon_fence", "deflist", "fieldlist", "dollarmath"]])
def test_the_differential_corpus_agrees_with_markdown_it(extensions):
    config = MdParserConfig(enable_extensions=set(extensions))
    texts = [text for _name, text in corpus()]
    assert _compare(texts, config) > 50


def test_nested_plain_directives_are_read_as_with_markdown_it(monkeypatch):
    text = (
        "# Axe\n\n::::{recommendation} R-1 Reco\n:principle: P-1\n\nTexte.\n\n"
        ":::{measure} M-1 Mesure\n:responds: R-1\n  :::\n::::\n\n:::{measure} M-2 Ouverte\n:responds: R-1\n"
    )
    assert plain_fences(text) is not None
    shortcut = read_text(text, "x.md")
    monkeypatch.setattr("civitrace.plain_fences.applies", lambda config: False)
    full = read_text(text, "x.md")
    assert [o.signature() for o in shortcut.objects] == [o.signature() for o in full.objects]
    assert [(d.code, d.location.line) for d in shortcut.diagnostics] == [
        (d.code, d.location.line) for d in full.diagnostics
    ]
    assert [o.id for o in shortcut.objects] == ["R-1", "M-1", "M-2"]


def test_it_steps_aside_for_other_configurations():
    assert applies(myst_settings.default_config())
    assert not applies(MdParserConfig(enable_extensions=set()))
    assert not applies(MdParserConfig(enable_extensions={"colon_fence"}, commonmark_only=True))
    assert not applies(MdParserConfig(enable_extensions={"colon_fence"}, disable_syntax=["code"]))
