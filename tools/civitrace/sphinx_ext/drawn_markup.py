"""A drawn diagram's HTML, kept out of the page's text until the page is written.

An inline diagram is most of an object page's bytes (the whole project's is
megabytes). If its markup went through the writer like any other text, the
writer's parts, the template, the page finishing (:mod:`.theme`) and the
encoding of the file would each copy it. Instead, the HTML writer leaves a short
marker where the diagram goes, and once Sphinx has written the page, the file
gets the drawings back in one pass over its bytes (:func:`splice_file`): the
page reads the same, and a drawing is never text in a page-sized string.

Pages written otherwise (an output encoding other than UTF-8) get the drawings
back in the finished page's text (:func:`splice`); builders whose pages are
not rendered (the JSON and pickle builders serialise the body) get the markup
written in place.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..graph.render import write_atomically

#: A drawing's HTML: text, or text and UTF-8 bytes (a drawing kept as bytes: half the memory of its text).
Markup = str | tuple[str | bytes, ...]

_MARKER = re.compile(r"<!--civitrace-drawing:(\d+)-->")
_MARKER_START = "<!--civitrace-drawing:"
_FILE_MARKER = re.compile(rb"<!--civitrace-drawing-file:(\d+)-->")
_FILE_MARKER_START = "<!--civitrace-drawing-file:"
#: Markers of the pages being written by this process -> the markup they stand for.
_pending: dict[int, Markup] = {}
_pending_files: dict[int, Markup] = {}
_keys = itertools.count()


class DrawnFigure(nodes.General, nodes.Element):
    """A drawn diagram's HTML (``markup``, see :data:`Markup`), written as is by HTML writers.

    Not a ``raw`` node: Sphinx's search indexes the text of raw HTML, and a
    diagram's labels would cost the index (and the build) a stemmed word per
    node drawn on every page; the text version below the drawing is indexed.
    """


def visit_drawn_figure(translator: Any, node: DrawnFigure) -> None:
    """Write a marker for the drawing (or the drawing itself, for pages civitrace does not finish)."""
    builder = getattr(translator, "builder", None)
    if getattr(builder, "_civitrace_splices_files", False):
        key = next(_keys)
        _pending_files[key] = node["markup"]
        translator.body.append(f"{_FILE_MARKER_START}{key}-->")
    elif _finished_by_civitrace(builder):
        key = next(_keys)
        _pending[key] = node["markup"]
        translator.body.append(f"{_MARKER_START}{key}-->")
    else:
        translator.body.append(_text(node["markup"]))
    raise nodes.SkipNode


def _serialising(builder: Any) -> bool:
    """Whether a builder keeps the body as written, unrendered (the JSON and pickle builders)."""
    try:
        from sphinxcontrib.serializinghtml import SerializingHTMLBuilder
    except ImportError:  # pragma: no cover - installed with Sphinx
        return False
    return isinstance(builder, SerializingHTMLBuilder)


def _finished_by_civitrace(builder: Any) -> bool:
    """Whether the builder's pages go through civitrace's template loader (which splices the drawings back)."""
    return bool(getattr(getattr(builder, "templates", None), "splices_drawings", False)) and not _serialising(builder)


def _text(markup: Markup) -> str:
    if isinstance(markup, str):
        return markup
    # Joined as bytes then decoded once: a megabyte drawing is not held twice as text.
    # (surrogatepass: a caption read from a file that is not UTF-8 keeps its lone surrogates)
    joined = b"".join(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part for part in markup)
    return joined.decode("utf-8", "surrogatepass")


def _bytes(markup: Markup) -> bytes:
    """The markup as Sphinx writes a page: UTF-8, what cannot be encoded as character references."""
    parts = (markup,) if isinstance(markup, str) else markup
    return b"".join(part.encode("utf-8", "xmlcharrefreplace") if isinstance(part, str) else part for part in parts)


def splice(page: str) -> str:
    """A finished page with its drawings in place of their markers."""
    if _MARKER_START not in page:
        return page
    spliced = _MARKER.sub(lambda match: _text(_pending.pop(int(match.group(1)), "")), page)
    _pending.clear()  # the page is done: what it did not show (a template leaving out the body) goes too
    return spliced


def splice_file(path: Path) -> None:
    """A written page with its drawings in place of their markers."""
    if not _pending_files:
        return
    try:
        data = path.read_bytes()
        if _FILE_MARKER_START.encode() in data:
            data = _FILE_MARKER.sub(lambda match: _bytes(_pending_files.pop(int(match.group(1)), "")), data)
            write_atomically(path, data)
    except OSError:
        pass  # Sphinx warned already when the page could not be written
    _pending_files.clear()


def splice_written_pages(app: Sphinx) -> None:
    """Give the HTML builder's pages their drawings back once written (UTF-8 pages, rendered by a template)."""
    builder = app.builder
    encoding = str(getattr(app.config, "html_output_encoding", "utf-8")).lower().replace("_", "-")
    handle_page = getattr(builder, "handle_page", None)
    if builder.format != "html" or handle_page is None or encoding not in ("utf-8", "utf8") or _serialising(builder):
        return

    def handle_and_splice(pagename: str, addctx: dict, templatename: str = "page.html", **kwargs: Any) -> None:
        handle_page(pagename, addctx, templatename, **kwargs)
        if _pending_files:
            outfilename = kwargs.get("outfilename")
            if outfilename:
                splice_file(Path(outfilename))
            elif hasattr(builder, "get_output_path"):
                splice_file(Path(builder.get_output_path(pagename)))
            else:
                splice_file(Path(builder.get_outfilename(pagename)))

    builder.handle_page = handle_and_splice
    builder._civitrace_splices_files = True
