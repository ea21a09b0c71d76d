"""The traceability diagram: model → networkx → graphviz.

:mod:`.build` turns a project into a graph, :mod:`.aggregate` into an overview,
:mod:`.style` holds the visual encoding, :mod:`.dot` writes DOT source,
:mod:`.render` draws it, :mod:`.fit` measures it against a printed page and
:mod:`.text_alternative` says the same in words.
"""

from __future__ import annotations

from .diagram import DiagramError, DiagramRequest, ProjectGraphs, diagram_dot, graph_dot, make_graph
from .render import RenderError, render, render_cached, render_many, render_many_cached

__all__ = [
    "DiagramError",
    "DiagramRequest",
    "ProjectGraphs",
    "RenderError",
    "diagram_dot",
    "graph_dot",
    "make_graph",
    "render",
    "render_cached",
    "render_many",
    "render_many_cached",
]
