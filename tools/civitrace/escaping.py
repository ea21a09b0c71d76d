"""Escaping every value for where it goes: a terminal or CI log line, a CSV cell, XML text.

Authors' values (titles, option values, file names) reach many outputs. Each
output has its own dangers: a line break in a log forges a ``file:line:``
diagnostic or a GitHub ``::command::``; a cell starting with ``=`` runs as a
spreadsheet formula; a control character makes XML ill-formed. One function
per output, used by every renderer that writes it.
"""

from __future__ import annotations

import re

#: Characters that change what a terminal or a log shows: C0/C1 controls, DEL, line and paragraph
#: separators, the bidirectional overrides that reorder text ("Trojan source") and the invisible direction marks.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

#: Control characters an author never means in a value (tab and line feed are kept for multi-line values):
#: C0 and C1 controls, DEL, non-characters, and the bidirectional embeddings, overrides and isolates
#: (U+202A–U+202E, U+2066–U+2069) that make text show in another order than it is stored ("Trojan source").
#: The bidirectional *marks* (U+200E, U+200F, U+061C) stay: right-to-left scripts need them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")

#: Characters XML 1.0 does not allow at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: What spreadsheets read as the start of a formula (OWASP CSV injection guidance), full-width forms too.
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` on one line of a terminal or CI log: control characters and line breaks shown as escapes."""
    return _TERMINAL_UNSAFE.sub(lambda m: _visible(m.group()), text)


def for_log_line(path: str) -> str:
    """A path that starts a log line: escaped, and never read as a workflow command (``::``)."""
    path = for_terminal(path)
    return "./" + path if path.startswith(":") else path


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading ``'`` when it would start a formula."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def uncsv_cell(text: str) -> str:
    """The value :func:`csv_cell` wrote."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def url_for_graphviz(url: str) -> str:
    """A URL graphviz can copy verbatim into SVG's ``xlink:href``: it escapes nothing itself.

    Characters a URL may not hold (quotes, ``<``, ``>``, spaces…) are percent-encoded, and ``&`` is
    written ``&amp;``, which the SVG reader turns back into ``&``.
    """
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&()*+,;=%~-._").replace("&", "&amp;")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (the escaping of ``&<>`` is the XML writer's)."""
    return _NOT_XML.sub("\ufffd", text)
