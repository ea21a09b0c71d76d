"""The quick fence scan finds exactly the blocks markdown-it finds, or steps aside."""

from __future__ import annotations

import sys

import pytest

from civitrace.fence_scan import scan_fences
from civitrace.reader import parsed_fences

SCANNED = {
    "plain directives": "# T\n\n:::{principle} P-1 Titre\nTexte.\n:::\n\nProse.\n\n```{measure} M-1 T\n:axis: A\n```\n",
    "longer closing fence and nested fence": "::::{note}\n:::{measure} M-1 T\n:::\n::::\n",
    "shorter line does not close": "::::{note}\nA\n:::\nB\n::::\nC\n",
    "closing fence indented up to 3": ":::{principle} P-1 T\nx\n   :::\n",
    "closing with trailing spaces": ":::{principle} P-1 T\nx\n:::   \nafter\n",
    "four spaces do not close": ":::{principle} P-1 T\nx\n    :::\ny\n:::\n",
    "backtick info with a backtick is text": "```a`b\n:::{principle} P-1 T\n:::\n",
    "tilde fence hides a directive": "~~~\n:::{principle} P-1 T\n:::\n~~~\n",
    "code fence hides a directive": "```python\n:::{principle} P-1 T\n```\n:::\n",
    "unclosed at the end": "# T\n\n:::{principle} P-1 T\nText\n",
    "unclosed without final newline": ":::{principle} P-1 T\nText",
    "empty fence at the end": ":::{principle} P-1 T",
    "fence right after a paragraph": "Some prose\n:::{principle} P-1 T\n:::\n",
    "fence after a list": "- one\n- two\n:::{principle} P-1 T\n:::\n",
    "indented code is not a fence": "Intro\n\n    :::{principle} P-1 T\n    :::\n",
    "no final newline after closing": ":::{principle} P-1 T\n:::",
    "two colons are not a fence": "::{principle} P-1 T\n::\n",
    "unicode and empty lines": "# Été\n\n\n:::{principle} P-É T\n\nCorps «\u00a0x\u00a0»\n\n:::\n\n\n",
}
DEFERRED = {
    "front matter": "---\ntitle: x\n---\n:::{principle} P-1 T\n:::\n",
    "indented fence in a list": "- item\n\n  :::{principle} P-1 T\n  :::\n",
    "block quote": "> :::{principle} P-1 T\n> :::\n",
    "html block": "<div>\n:::{principle} P-1 T\n:::\n</div>\n",
    "reference definition": '[a]: /url "title\n:::{x}\n"\n',
    "carriage returns": ":::{principle} P-1 T\r\n:::\r\n",
    "tab": "\t:::{principle} P-1 T\n",
    "fence indented by one space": " :::{principle} P-1 T\n :::\n",
}


def as_tuples(fences):
    return [(f.markup, f.info, f.content, tuple(f.map), f.closed) for f in fences]


@pytest.mark.parametrize("name", list(SCANNED))
def test_scan_matches_markdown_it(name):
    text = SCANNED[name]
    scanned = scan_fences(text)
    assert scanned is not None
    assert as_tuples(scanned) == as_tuples(parsed_fences(text))


@pytest.mark.parametrize("name", list(DEFERRED))
def test_unsafe_shapes_are_left_to_markdown_it(name):
    assert scan_fences(DEFERRED[name]) is None


def test_every_file_of_the_example_and_of_a_generated_project(repo_root, tmp_path):
    sys.path.insert(0, str(repo_root / "benchmarks"))
    from generate import generate_project

    generate_project(tmp_path, 60, 80, principles=3, axes=2, seed=3, indicators=10)
    paths = [*repo_root.glob("opinion/*.md"), *repo_root.glob("strategy/*.md"), *repo_root.glob("docs/**/*.md")]
    paths += list(tmp_path.rglob("*.md"))
    scanned = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fences = scan_fences(text)
        if fences is not None:
            scanned += 1
            assert as_tuples(fences) == as_tuples(parsed_fences(text)), path
    assert scanned >= len(paths) // 2
