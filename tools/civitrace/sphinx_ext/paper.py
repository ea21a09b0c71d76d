"""Whether a builder writes for paper: LaTeX, text… or civitrace's PDF builder, which writes HTML for print.

Renderers ask :func:`is_paper` rather than testing the builder's format: the PDF
builder's format is ``html`` (WeasyPrint lays HTML out), yet on paper a diagram
is an image with its text version written out, not an interactive drawing.
"""

from __future__ import annotations

from sphinx.builders import Builder


def is_paper(builder: Builder) -> bool:
    """True unless the builder writes the interactive site."""
    return builder.format != "html" or bool(getattr(builder, "civitrace_paper", False))


def is_site(builder: Builder) -> bool:
    """True for builders writing the interactive HTML site (links, folded text versions, scripts)."""
    return not is_paper(builder)
