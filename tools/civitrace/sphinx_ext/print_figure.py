"""A diagram on paper: graphviz's SVG as an image (vector), sized for the page, with its text alternative as ``alt``.

WeasyPrint draws the SVG as vector graphics and tags the image as a ``Figure``
whose ``/Alt`` is the image's ``alt``: the diagram's name (its caption) and a
short summary of what it holds, pointing to the text version that follows.
The drawing is shown at its natural size when it fits, shrunk to the page
otherwise, and on a landscape page when that draws it at least 20 % larger.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import networkx as nx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..graph import graph_dot, render_cached
from ..graph.fit import svg_fit
from ..i18n import _
from ..vocabulary import KINDS

#: The text box of an A4 portrait page (print.css: 2 cm side margins, 2.2/2 cm top/bottom), in points,
#: less room for the caption under the drawing.
PORTRAIT_BOX = (481.9, 620.0)
#: The same on the landscape page (1 cm margins, 1.4 cm at the foot).
LANDSCAPE_BOX = (785.2, 495.0)
#: A landscape page is used when it draws the diagram this much larger…
LANDSCAPE_GAIN = 1.2
#: … or when the portrait page would set its text smaller than this (points).
MIN_PRINT_TEXT = 7.0


def _scale(width: float, height: float, box: tuple[float, float]) -> float:
    if width <= 0 or height <= 0:
        return 1.0
    return min(1.0, box[0] / width, box[1] / height)


def layout(width: float, height: float, smallest_font: float) -> tuple[float, bool]:
    """The scale of a ``width`` × ``height`` pt drawing on paper, and whether it takes a landscape page.

    ``smallest_font`` is the drawing's smallest text at natural size, in points.
    """
    portrait, landscape = _scale(width, height, PORTRAIT_BOX), _scale(width, height, LANDSCAPE_BOX)
    too_small = smallest_font * portrait < MIN_PRINT_TEXT
    if landscape > LANDSCAPE_GAIN * portrait or (too_small and landscape > portrait):
        return landscape, True
    return portrait, False


def summary(graph: nx.DiGraph) -> str:
    """``Schéma : 8 principes, 4 axes. Sa version texte suit.`` — what the diagram holds, in words."""
    counts = Counter(str(attrs.get("kind")) for _, attrs in graph.nodes(data=True))
    parts = [
        f"{counts[kind]} {_(spec.label) if counts[kind] == 1 else _(spec.plural)}"
        for kind, spec in KINDS.items()
        if counts.get(kind)
    ]
    return _("Diagram: {contents}. Its text version follows.").format(contents=", ".join(parts) or "—")


def print_figure(app: Sphinx, graph: nx.DiGraph, caption: str) -> nodes.raw:
    """The ``<figure>`` of a diagram for the PDF builder (no links: the text version carries them)."""
    source = graph_dot(graph, None)
    images = Path(app.builder.outdir) / app.builder.imagedir
    path = render_cached(source, "svg", images)
    fit = svg_fit(path.read_text(encoding="utf-8"))
    smallest = fit.smallest_text / fit.scale if fit.scale else fit.smallest_text  # at natural size
    scale, landscape = layout(fit.width, fit.height, smallest)
    # Every document is on one page, written as the root document's file.
    src = relative_uri(app.config.root_doc, f"{app.builder.imagedir}/{path.name}")
    alt = f"{caption}. {summary(graph)}"
    classes = "civitrace-graph" + (" civitrace-landscape" if landscape else "")
    markup = (
        f'<figure class="{classes}">'
        f'<img src="{html.escape(src)}" alt="{html.escape(alt)}" '
        f'style="width: {fit.width * scale:.1f}pt; height: {fit.height * scale:.1f}pt">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )
    return nodes.raw("", markup, format="html")
