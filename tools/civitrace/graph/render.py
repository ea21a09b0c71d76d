"""DOT source to SVG, PDF or PNG through graphviz's ``dot``, cached by a hash of what is drawn.

An unchanged diagram is not drawn again: the output file is named by a hash
of the DOT source, the format and the options, as ``sphinx.ext.graphviz``
does, so a site rebuild or a second ``civitrace graph`` costs a file read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from pathlib import Path

import graphviz

from .. import source_date
from .outline import FIXED_LAYOUT_MARK

#: Output formats and graph attributes they add. PNG is drawn at 150 dpi, enough to print.
FORMATS: dict[str, str] = {
    "svg": "",
    "pdf": "",
    "png": "graph [dpi=150];",
}


class RenderError(Exception):
    """Graphviz is missing or failed; the message says which and what to do."""


def digest(source: str, fmt: str) -> str:
    """The cache key of one rendering."""
    options = FORMATS.get(fmt, "")
    return hashlib.sha256(f"{fmt}\0{options}\0{source}".encode()).hexdigest()[:20]


def render(source: str, fmt: str) -> bytes:
    """Draw DOT ``source`` in ``fmt`` (``svg``, ``pdf``, ``png``) and return the bytes."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format '{fmt}' (expected one of: {', '.join(FORMATS)})")
    extra = FORMATS[fmt]
    if extra:
        # After the opening line, so the attribute applies to the root graph.
        lines = source.split("\n")
        opening = next((i for i, line in enumerate(lines) if line.startswith("digraph")), 0)
        lines.insert(opening + 1, f"  {extra}")
        source = "\n".join(lines)
    # A source whose positions are final (a principle's outline) is drawn as given.
    fixed = source.startswith(FIXED_LAYOUT_MARK)
    engine, no_op = ("neato", 2) if fixed else ("dot", None)
    try:
        data = graphviz.pipe(engine, fmt, source.encode("utf-8"), quiet=True, neato_no_op=no_op)
    except graphviz.ExecutableNotFound:
        raise RenderError(
            "graphviz's 'dot' program is not installed (Debian/Ubuntu: apt-get install graphviz)"
        ) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"graphviz failed: {detail or exc}") from None
    return reproducible_pdf(data) if fmt == "pdf" else data


_PDF_DATE = re.compile(rb"/CreationDate \(D:([0-9]{14})((?:Z|[+-][0-9]{2}'[0-9]{2}'?)?)\)")


def reproducible_pdf(data: bytes) -> bytes:
    """cairo stamps the clock into the PDF: put the source date there (``SOURCE_DATE_EPOCH``, else 1970).

    The date is rewritten at the same length, so the cross-reference offsets stay right.
    """
    stamp = source_date.epoch_from_environment() or 0
    digits = dt.datetime.fromtimestamp(stamp, tz=dt.UTC).strftime("%Y%m%d%H%M%S").encode("ascii")

    def fixed(match: re.Match[bytes]) -> bytes:
        zone = match.group(2)
        zone = b"Z" if zone == b"Z" else re.sub(rb"[0-9]", b"0", zone).replace(b"-", b"+")
        return b"/CreationDate (D:" + digits + zone + b")"

    return _PDF_DATE.sub(fixed, data, count=1)


def render_cached(source: str, fmt: str, cache_dir: Path | str, stem: str = "trace") -> Path:
    """Draw ``source`` into ``cache_dir`` unless a drawing of the same source is there; return its path."""
    folder = Path(cache_dir)
    path = folder / f"{stem}-{digest(source, fmt)}.{fmt}"
    if path.is_file():
        return path
    data = render(source, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    # Write then rename, so parallel builders never read a half-written file.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=f".{fmt}")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
