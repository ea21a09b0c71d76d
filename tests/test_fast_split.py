"""The fast path splits a directive exactly as MyST's ``parse_directive_text`` does, or steps aside."""

from __future__ import annotations

import pytest
from myst_parser.parsers.directives import parse_directive_text

from civitrace.directive_syntax import StandInDirective
from civitrace.fast_split import split_simple
from civitrace.myst_settings import block_parser, default_config

SIMPLE = [
    ("R-01 Titre", ":principle: P-1\n:vote: 4\n\nTexte.\n"),
    ("M-1 Mesure d'essai", ":responds: R-1, R-2\n:owner: Direction de l'eau\n:due: 2025-01-01\nCorps direct.\n"),
    ("M-1 T", ":target: 100 % des agents\n:unit: agents/an\n\n\nDeux lignes vides.\n"),
    ("M-1 T", ":status:\n:owner: Pôle 12:30\n"),
    ("P-1 Seul", ""),
    ("P-1 Seul", "\n"),
    ("P-1 Seul", "Corps sans options.\n"),
    ("R-1", ":decision: declined\n\nParce que.\n\nSecond paragraphe.\n"),
    ("M-1 T", ":owner: Dir.#3\n"),
    ("M-1 T", ":owner: x\n   \nCorps\n\n\n"),
    ("M-1 T", ":owner: x\n"),
    ("M-1 T", ":owner: x"),
    ("M-1 T", "   "),
]
FALLBACK = [
    ("M-1 T", "---\nresponds: R-1\n---\nCorps\n"),
    ("M-1 T", ':owner: "Quoted"\n'),
    ("M-1 T", ":owner: a: b\n"),
    ("M-1 T", ":owner: x #comment\n"),
    ("M-1 T", ":owner: Dir. # 3\n"),
    ("M-1 T", ":owner: [R-1]\n"),
    ("M-1 T", ":owner: a\n:owner: b\n"),
    ("M-1 T", "  :owner: indented\n"),
    ("M-1 T", "\n:owner: after a blank line\n"),
    ("M-1 T", ":owner: |\n"),
    ("M-1 T", ":owner: ends with colon:\n"),
]


def myst(first_line: str, content: str) -> tuple:
    parsed = parse_directive_text(StandInDirective, first_line, content, line=1)
    body = "\n".join(parsed.body).rstrip("\n")
    return ([" ".join(a.split()) for a in parsed.arguments], parsed.options, body, parsed.body_offset)


@pytest.mark.parametrize(("first_line", "content"), SIMPLE)
def test_plain_shapes_match_myst(first_line, content):
    fast = split_simple(first_line, content)
    assert fast is not None
    assert ([" ".join(a.split()) for a in fast.arguments], fast.options, fast.body, fast.body_offset) == myst(
        first_line, content
    )


@pytest.mark.parametrize(("first_line", "content"), FALLBACK)
def test_other_shapes_are_left_to_myst(first_line, content):
    assert split_simple(first_line, content) is None


def test_every_directive_of_the_example_matches_myst(repo_root):
    compared = 0
    for path in sorted([*(repo_root / "opinion").glob("*.md"), *(repo_root / "strategy").glob("*.md")]):
        for token in block_parser(default_config()).parse(path.read_text(encoding="utf-8")):
            if token.type == "colon_fence" and token.info.startswith("{"):
                first_line = token.info.split("}", 1)[1]
                fast = split_simple(first_line, token.content)
                if fast is not None:
                    compared += 1
                    got = ([" ".join(a.split()) for a in fast.arguments], fast.options, fast.body, fast.body_offset)
                    assert got == myst(first_line, token.content), (path, token.map)
    assert compared > 50
