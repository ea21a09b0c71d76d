"""A shortcut for Markdown of the plain shape: the colon fences found without markdown-it's block parser.

On a large project the block parser is most of what ``civitrace check``
spends. Yet nearly every civitrace page has one shape at its top level:
blank lines, headings, paragraphs that start with a letter, and colon-fence
directives starting in the first column. There the block structure is just
the fences, and :func:`plain_fences` finds them the way MyST's
``colon_fence`` rule does, each fence's lines taken raw. A line of any other
shape outside a fence (a list, a quote, an indent, a table, HTML, a
field list, front matter, a backtick fence…) makes it return ``None`` and the
caller parses with markdown-it, so no result ever differs: a test holds it to
the full parse on generated files.
"""

from __future__ import annotations

import re

from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig

#: MyST extensions that add no block rule for a line starting with a letter, ``#`` or a digit
#: (theirs start with ``:``, ``~``, ``$``, ``\\``, ``<``, ``{`` or ``[``, all sent to markdown-it).
_SAFE_EXTENSIONS = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "html_admonition",
        "html_image",
        "linkify",
        "replacements",
        "smartquotes",
        "strikethrough",
        "substitution",
        "tasklist",
    }
)
#: An ordered-list marker, which may open a list even right after a paragraph.
_LIST_NUMBER = re.compile(r"[0-9]{1,9}[.)](?:[ \t]|$)")
#: Quotation marks that open many paragraphs and open no block.
_QUOTES = frozenset("«\"'“‘„")


def applies(config: MdParserConfig) -> bool:
    """Whether the shortcut can stand in for markdown-it under this MyST configuration."""
    extensions = set(config.enable_extensions)
    return (
        "colon_fence" in extensions
        and extensions <= _SAFE_EXTENSIONS
        and not config.commonmark_only
        and not config.gfm_only
        and not config.disable_syntax  # e.g. without indented code, a closer may be indented further
    )


def plain_fences(text: str) -> list[Token] | None:
    """The top-level colon fences of ``text`` as markdown-it's tokens, or ``None`` if the text is not plain.

    ``text`` is normalised (``\\n`` line ends, no NUL), as :func:`civitrace.reader.normalise` leaves it.
    """
    if not text.endswith("\n"):
        last = text[text.rfind("\n") + 1 :]
        if last and not last.strip(" \t"):
            return None  # a last line of spaces with no line end: markdown-it drops it; leave it to markdown-it
    tokens: list[Token] = []
    length = len(text)
    position = 0  # offset of the current line
    number = 0  # its number, from 0 as markdown-it counts
    while position < length:
        end = text.find("\n", position)
        end = length if end < 0 else end
        first = text[position]
        if first == ":":
            if not text.startswith(":::", position):
                return None  # a field list or a definition, by extension: markdown-it decides
            position, number = _fence(text, position, end, number, tokens)
            continue
        if not _is_plain(text, position, end, first):
            return None
        position = end + 1
        number += 1
    return tokens


def _is_plain(text: str, start: int, end: int, first: str) -> bool:
    """A blank line, or one that can only be a heading or paragraph text at the top level."""
    if first.isalpha() or first == "#" or first in _QUOTES or first == "\n":
        return True
    if first in " \t":
        return not text[start:end].strip(" \t")
    return "0" <= first <= "9" and _LIST_NUMBER.match(text, start, end) is None


#: A line that may close a colon fence: at most three spaces in (a tab makes four columns), colons, spaces.
_CLOSING = re.compile(r"^ {0,3}(:{3,})[ \t]*$", re.MULTILINE)


def _fence(text: str, start: int, end: int, number: int, tokens: list[Token]) -> tuple[int, int]:
    """Append the colon fence opened by the line at ``start:end`` (line ``number``).

    Returns the offset and the number of the line after the fence, as markdown-it's ``colon_fence`` rule
    reads it: the first later line of at least as many colons closes it, else the text's end does.
    """
    width = end - start - len(text[start:end].lstrip(":"))
    body = end + 1
    closing = None
    for candidate in _CLOSING.finditer(text, min(body, len(text))):
        if len(candidate[1]) >= width:
            closing = candidate
            break
    token = Token("colon_fence", "code", 0)
    token.info = text[start + width : end]
    token.markup = text[start : start + width]
    if closing is None:
        token.content = text[body:]
        after = len(text)
        lines = text.count("\n", start) + (0 if text.endswith("\n") else 1)
    else:
        token.content = text[body : closing.start()]
        after = closing.end() + 1
        lines = text.count("\n", start, closing.start()) + 1
    token.map = [number, number + lines]
    tokens.append(token)
    return after, number + lines
