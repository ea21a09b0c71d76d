"""Which directives the build reads the body of as Markdown, and what a misspelt kind is.

MyST reads a directive's body only when the directive asks for it (a nested
parse): admonitions, topics, containers… do; ``code-block``, ``raw``,
``math``, ``csv-table``, ``toctree`` and unknown directives do not, so a
traced directive written inside them is no object for the build. The fast
reader follows this table, and splits each of these directives with the
argument rules of its class, so a failing directive (an ``admonition``
without its title) hides its body for both readers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from .vocabulary import KINDS


@dataclass(frozen=True)
class BodySpec:
    """The argument rules of a directive whose body is Markdown (docutils' directive attributes)."""

    required_arguments: int = 0
    optional_arguments: int = 0
    final_argument_whitespace: bool = False
    #: ``True`` for directives with options (MyST then reads an options block).
    has_options: bool = True


_ADMONITION = BodySpec()
_TITLED = BodySpec(1, 0, True)

#: Directives of docutils and Sphinx whose body MyST parses as Markdown.
MARKDOWN_BODIES: dict[str, BodySpec] = {
    **dict.fromkeys(
        ("attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning"), _ADMONITION
    ),
    "admonition": _TITLED,
    "topic": _TITLED,
    "sidebar": BodySpec(0, 1, True),
    "epigraph": BodySpec(has_options=False),
    "highlights": BodySpec(has_options=False),
    "pull-quote": BodySpec(has_options=False),
    "compound": _ADMONITION,
    "container": BodySpec(0, 1, True),
    "list-table": BodySpec(0, 1, True),
    "figure": BodySpec(1, 0, True),
    # Sphinx
    "seealso": _ADMONITION,
    "versionadded": BodySpec(1, 1, True),
    "versionchanged": BodySpec(1, 1, True),
    "versionremoved": BodySpec(1, 1, True),
    "deprecated": BodySpec(1, 1, True),
    "only": BodySpec(1, 0, True, has_options=False),
    "hlist": _ADMONITION,
}

#: Directives whose body is not Markdown (code, raw text, math, tables of data, lists of pages…).
OTHER_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "sourcecode",
        "code-cell",
        "literalinclude",
        "highlight",
        "raw",
        "math",
        "csv-table",
        "table",
        "toctree",
        "include",
        "image",
        "parsed-literal",
        "line-block",
        "rubric",
        "glossary",
        "productionlist",
        "tabularcolumns",
        "centered",
        "index",
        "contents",
        "sectnum",
        "header",
        "footer",
        "meta",
        "class",
        "role",
        "default-role",
        "title",
        "replace",
        "unicode",
        "date",
        "target-notes",
        "footnotes",
        "eval-rst",
        "trace-graph",
        "trace-matrix",
        "trace-summary",
        "trace-dashboard",
        "trace-changes",
        "trace-open-data",
        "trace-register",
    }
)


def traced_kind(name: str) -> str | None:
    """The traced kind a directive name designates (docutils ignores letter case), if any."""
    kind = name.lower()
    return kind if kind in KINDS else None


@cache
def _candidates() -> dict[str, str]:
    """Names an author may have meant for each kind: the kind and its French label."""
    names: dict[str, str] = {}
    for kind, spec in KINDS.items():
        names[kind] = kind
        names.setdefault(spec.label.split(" ")[0].lower(), kind)
    return names


def misspelt_kind(name: str) -> str | None:
    """The kind a directive name that is no directive seems to mean (``mesure`` → ``measure``), else ``None``.

    An empty name (``{}``) means some kind too. Names of known directives are never misspelt kinds.
    """
    from .extension_directives import EXTENSION_DIRECTIVE_NAMES  # that module builds on this one

    lower = name.lower()
    if lower in KINDS or lower in MARKDOWN_BODIES or lower in OTHER_DIRECTIVES or ":" in lower:
        return None
    if lower in EXTENSION_DIRECTIVE_NAMES:
        return None
    if not lower:
        return ""
    if lower in _candidates():
        return _candidates()[lower]
    close = difflib.get_close_matches(lower, list(_candidates()), n=1, cutoff=0.75)
    return _candidates()[close[0]] if close else None
