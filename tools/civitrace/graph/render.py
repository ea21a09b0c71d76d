"""DOT source to SVG, PDF or PNG through graphviz's ``dot``, in bulk and cached by a hash of what is drawn.

An unchanged diagram is not drawn again: the output file is named by a hash
of the DOT source, the format, the options and graphviz's version, as
``sphinx.ext.graphviz`` does, so a site rebuild costs a file read per diagram.
Many diagrams are drawn by one graphviz process (it reads several graphs from
one file and writes one output per graph with ``-O``), or by a few processes
side by side: a site with thousands of object diagrams starts a handful of
processes, not thousands.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import graphviz

from .. import source_date
from ..i18n import _
from .outline import FIXED_LAYOUT_MARK

#: Output formats and graph attributes they add. PNG is drawn at 150 dpi, enough to print.
FORMATS: dict[str, str] = {
    "svg": "",
    "pdf": "",
    "png": "graph [dpi=150];",
}


class RenderError(Exception):
    """Graphviz is missing or failed; the message says which and what to do."""


#: Diagrams drawn by one graphviz process at most (a failure redraws only its batch one by one).
BATCH_SIZE = 400


@functools.cache
def graphviz_version() -> str:
    """What ``dot -V`` says (part of the cache key: another graphviz may draw differently); empty when missing."""
    executable = shutil.which("dot")
    if executable is None:
        return ""
    try:
        done = subprocess.run([executable, "-V"], capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (done.stderr or done.stdout).decode("utf-8", "replace").strip()


def digest(source: str, fmt: str) -> str:
    """The cache key of one rendering: the source, the format and its options, graphviz's version."""
    options = FORMATS.get(fmt, "")
    key = f"{fmt}\0{options}\0{graphviz_version()}\0{source}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _prepared(source: str, fmt: str) -> tuple[str, str, int | None]:
    """The source with the format's attributes, and the engine to draw it with (and neato's ``-n``)."""
    if fmt not in FORMATS:
        raise RenderError(
            _("unknown format '{format}' (expected one of: {formats})").format(format=fmt, formats=", ".join(FORMATS))
        )
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
    return source, engine, no_op


def render(source: str, fmt: str) -> bytes:
    """Draw DOT ``source`` in ``fmt`` (``svg``, ``pdf``, ``png``) and return the bytes."""
    source, engine, no_op = _prepared(source, fmt)
    return _pipe(engine, fmt, source, no_op)


def render_many(sources: Sequence[str], fmt: str, jobs: int = 1) -> list[bytes | RenderError]:
    """Draw many DOT sources in ``fmt``: each batch in one graphviz process, ``jobs`` processes side by side.

    Returns, in order, each drawing or the error that drawing it gave (one bad
    diagram does not cost the others theirs).
    """
    results: list[bytes | RenderError | None] = [None] * len(sources)
    batches: dict[tuple[str, int | None], list[tuple[int, str]]] = {}
    for index, source in enumerate(sources):
        try:
            prepared, engine, no_op = _prepared(source, fmt)
        except RenderError as exc:
            results[index] = exc
            continue
        batches.setdefault((engine, no_op), []).append((index, prepared))
    work = []
    for (engine, no_op), items in batches.items():
        # Spread over the workers, and no batch larger than BATCH_SIZE.
        size = min(BATCH_SIZE, max(1, -(-len(items) // max(1, jobs))))
        work += [(engine, no_op, items[i : i + size]) for i in range(0, len(items), size)]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:  # threads only wait for graphviz
        for done in pool.map(lambda job: _render_batch(*job, fmt), work):
            for index, result in done:
                results[index] = result
    return [r if r is not None else RenderError(_("graphviz drew nothing")) for r in results]


def _render_batch(
    engine: str, no_op: int | None, items: list[tuple[int, str]], fmt: str
) -> list[tuple[int, bytes | RenderError]]:
    """One graphviz process over several graphs; one process per graph when that fails."""
    executable = shutil.which(engine)
    if executable is None:
        missing = _not_installed(engine)
        return [(index, missing) for index, _ in items]
    if len(items) > 1:
        with tempfile.TemporaryDirectory(prefix="civitrace-dot-") as folder:
            batch = Path(folder) / "batch.gv"
            batch.write_text("\n".join(source for _, source in items), encoding="utf-8")
            command = [executable, f"-T{fmt}", "-O", *([f"-n{no_op}"] if no_op else []), batch.name]
            try:
                done = subprocess.run(command, cwd=folder, capture_output=True, check=False)
            except OSError:
                done = None
            # -O writes batch.gv.svg, then batch.gv.2.svg, batch.gv.3.svg… one per graph.
            outputs = [batch.with_name(f"batch.gv.{fmt}")]
            outputs += [batch.with_name(f"batch.gv.{n}.{fmt}") for n in range(2, len(items) + 1)]
            if done is not None and done.returncode == 0 and all(path.is_file() for path in outputs):
                drawn = [path.read_bytes() for path in outputs]
                if fmt == "pdf":
                    drawn = [reproducible_pdf(data) for data in drawn]
                return [(index, data) for (index, _), data in zip(items, drawn, strict=True)]
    results: list[tuple[int, bytes | RenderError]] = []
    for index, source in items:
        try:
            results.append((index, _pipe(engine, fmt, source, no_op)))
        except RenderError as exc:
            results.append((index, exc))
    return results


def _not_installed(engine: str) -> RenderError:
    return RenderError(
        _("graphviz's '{program}' program is not installed (Debian/Ubuntu: apt-get install graphviz)").format(
            program=engine
        )
    )


def _pipe(engine: str, fmt: str, source: str, no_op: int | None) -> bytes:
    try:
        data = graphviz.pipe(engine, fmt, source.encode("utf-8"), quiet=True, neato_no_op=no_op)
    except graphviz.ExecutableNotFound:
        raise _not_installed(engine) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(_("graphviz failed: {error}").format(error=detail or exc)) from None
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


def cached_path(source: str, fmt: str, cache_dir: Path | str, stem: str = "trace") -> Path:
    """Where the drawing of ``source`` is (or goes) in ``cache_dir``."""
    return Path(cache_dir) / f"{stem}-{digest(source, fmt)}.{fmt}"


def render_many_cached(
    sources: Sequence[str], fmt: str, cache_dir: Path | str, stem: str = "trace", jobs: int = 1
) -> list[Path | RenderError]:
    """Draw into ``cache_dir`` the sources not drawn there yet, all at once; return each path (or error)."""
    paths = [cached_path(source, fmt, cache_dir, stem) for source in sources]
    missing = {}
    for source, path in zip(sources, paths, strict=True):
        if not path.is_file():
            missing.setdefault(path, source)  # the same diagram twice is drawn once
    results: dict[Path, Path | RenderError] = {}
    if missing:
        for path, data in zip(missing, render_many(list(missing.values()), fmt, jobs), strict=True):
            if isinstance(data, RenderError):
                results[path] = data
            else:
                write_atomically(path, data)
    return [results.get(path, path) for path in paths]


def render_cached(source: str, fmt: str, cache_dir: Path | str, stem: str = "trace") -> Path:
    """Draw ``source`` into ``cache_dir`` unless a drawing of the same source is there; return its path."""
    path = cached_path(source, fmt, cache_dir, stem)
    if not path.is_file():
        write_atomically(path, render(source, fmt))
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write then rename, so parallel builders never read a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
