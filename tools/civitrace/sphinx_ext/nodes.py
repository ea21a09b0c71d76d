"""Placeholder nodes: where a page shows what other documents say.

Directives only know their own document, so they leave these nodes behind;
:mod:`.resolve` replaces every one of them at ``doctree-resolved``, from the
whole model, before any writer sees the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class TraceOptions(nodes.General, nodes.Element):
    """In an object's block: its options (``docname``, ``anchor``), written out when the page is.

    Only the object's own values: they could be written while reading, but a page
    holds hundreds of objects, and every read transform would walk their option
    lists, every stored page would keep them; written late, they cost one pass.
    """


class TraceBacklinks(nodes.General, nodes.Element):
    """On an object's block: its links from other objects (``kind``, ``object_id`` attributes)."""


class TraceLateFlag(nodes.Inline, nodes.Element):
    """Next to a measure's status: "en retard" when late at the build date (``object_id``)."""


class TraceMatrix(nodes.General, nodes.Element):
    """The recommendation × measure table."""


class TraceSummary(nodes.General, nodes.Element):
    """The coverage figures."""


class TraceRegister(nodes.General, nodes.Element):
    """The public register of the AI systems, with its figures."""


PLACEHOLDERS: tuple[type[nodes.Element], ...] = (
    TraceOptions,
    TraceBacklinks,
    TraceLateFlag,
    TraceMatrix,
    TraceSummary,
    TraceRegister,
)


def _skip(translator: Any, node: nodes.Element) -> None:
    # Only reached if a builder writes a page without resolving it first:
    # an unfilled placeholder is better dropped than a crash.
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the placeholder nodes with a skipping visitor for every common builder."""
    visitors = {name: (_skip, None) for name in ("html", "latex", "text", "man", "texinfo")}
    for node_class in PLACEHOLDERS:
        app.add_node(node_class, **visitors)
