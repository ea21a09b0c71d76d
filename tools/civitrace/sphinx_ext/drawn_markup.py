"""A drawn diagram's HTML, kept out of the page's text until the page is finished.

An inline diagram is most of an object page's bytes (the whole project's is
megabytes). If its markup went through the writer like any other text, the
writer's parts, the template and the page finishing (:mod:`.theme`) would each
copy it and search it. Instead, the HTML writer leaves a short marker where the
diagram goes, and the finished page gets the markup back in one pass
(:func:`splice`): the page reads the same, at one copy of each drawing.

Builders whose pages are not rendered by civitrace's template loader (the JSON
and pickle builders serialise the body) get the markup written in place.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from docutils import nodes

_MARKER = re.compile(r"<!--civitrace-drawing:(\d+)-->")
_MARKER_START = "<!--civitrace-drawing:"
#: Markers of the pages being written by this process -> the markup they stand for.
_pending: dict[int, str] = {}
_keys = itertools.count()


class DrawnFigure(nodes.General, nodes.Element):
    """A drawn diagram's HTML (``markup``), written as is by HTML writers.

    Not a ``raw`` node: Sphinx's search indexes the text of raw HTML, and a
    diagram's labels would cost the index (and the build) a stemmed word per
    node drawn on every page; the text version below the drawing is indexed.
    """


def visit_drawn_figure(translator: Any, node: DrawnFigure) -> None:
    """Write a marker for the drawing (or the drawing itself, for pages civitrace does not finish)."""
    if _finished_by_civitrace(getattr(translator, "builder", None)):
        key = next(_keys)
        _pending[key] = node["markup"]
        translator.body.append(f"{_MARKER_START}{key}-->")
    else:
        translator.body.append(node["markup"])
    raise nodes.SkipNode


def _finished_by_civitrace(builder: Any) -> bool:
    """Whether the builder's pages go through civitrace's template loader (which splices the drawings back)."""
    if not getattr(getattr(builder, "templates", None), "splices_drawings", False):
        return False
    try:
        from sphinxcontrib.serializinghtml import SerializingHTMLBuilder
    except ImportError:  # pragma: no cover - installed with Sphinx
        return True
    return not isinstance(builder, SerializingHTMLBuilder)  # those keep the body as written, unrendered


def splice(page: str) -> str:
    """A finished page with its drawings in place of their markers."""
    if _MARKER_START not in page:
        return page
    spliced = _MARKER.sub(lambda match: _pending.pop(int(match.group(1)), ""), page)
    _pending.clear()  # the page is done: what it did not show (a template leaving out the body) goes too
    return spliced
