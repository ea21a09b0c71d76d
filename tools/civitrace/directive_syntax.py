"""How a traced directive's text is split into argument, options and body.

Both readers hand the text to MyST's own ``parse_directive_text`` with the
directive classes' attributes defined here, so they split it exactly as the
Sphinx build does. Options are accepted whatever their name: the vocabulary,
not docutils, decides which are known, and says so with a civitrace diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils.parsers.rst import Directive, directives


class AnyOption(dict[str, Callable[[str | None], str]]):
    """An ``option_spec`` that takes every option as raw text."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:
        # MyST looks for an options block only when the spec is truthy.
        return True


class StandInDirective(Directive):
    """The directive attributes shared by every traced kind: MyST splits their text from these.

    The fast reader hands this class to MyST; the Sphinx directives and the reStructuredText
    reader's recorder inherit it, so all split argument, options and body alike.
    """

    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyOption()


def option_keys(content: str, line: int) -> list[tuple[str, int]]:
    """Every option key of a directive's options block, repeats included, with its 1-based line.

    The block is cut as MyST cuts it (``---`` YAML block, or the ``:key:`` lines
    at the top) and tokenized with MyST's own option tokenizer; ``line`` is the
    directive's opening line. A block MyST cannot tokenize gives no keys.
    """
    from myst_parser.parsers.directives import is_option_line
    from myst_parser.parsers.options import TokenizeError, options_to_tokens

    lines = content.splitlines()
    if content.startswith("---"):
        block_lines: list[str] = []
        for text in lines[1:]:
            if text.startswith("---"):
                break
            block_lines.append(text)
        from textwrap import dedent

        block, first = dedent("\n".join(block_lines)), line + 2
    elif content.lstrip().startswith(":"):
        block_lines = []
        for text in lines:
            if not is_option_line(text):
                break
            block_lines.append(text.lstrip()[1:])
        block, first = "\n".join(block_lines), line + 1
    else:
        return []
    try:
        tokens, _ = options_to_tokens(block)
    except TokenizeError:
        return []
    return [(str(key.value), first + key.start.line) for key, _ in tokens]


def repeated_options(content: str, line: int) -> list[tuple[str, int]]:
    """The option keys written more than once (MyST keeps the last), with the line of each repeat."""
    seen: set[str] = set()
    repeats = []
    for key, key_line in option_keys(content, line):
        if key in seen:
            repeats.append((key, key_line))
        seen.add(key)
    return repeats
