"""Helpers for the Sphinx tests: build a project in-process, read what the pages show."""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

#: What a project needs to use civitrace, and nothing else.
CONF = """
extensions = ["myst_parser", "civitrace"]
myst_enable_extensions = ["colon_fence"]
language = "fr"
"""

_BLOCK_TAG = re.compile(r"</?(?:p|div|li|dt|dd|td|th|tr|h\d|table|caption|ul|ol|dl|section|br|hr)\b[^>]*>")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[civitrace\.(?P<code>[\w-]+)\]$")


@dataclass
class Build:
    """One finished build: the application, where it wrote, what it said."""

    app: Sphinx
    out: Path
    warnings: str
    status: str

    def html(self, docname: str) -> str:
        return (self.out / f"{docname}.html").read_text(encoding="utf-8")

    def text(self, docname: str) -> str:
        """The visible text of a page's main content, whitespace collapsed."""
        page = self.html(docname)
        body = page.split('role="main"', 1)[-1]
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
        body = _BLOCK_TAG.sub(" ", body)  # blocks separate words; inline tags (<strong>, <a>) do not
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())

    def links(self, docname: str) -> list[tuple[str, str]]:
        """Every ``(href, text)`` of the page's links, text whitespace collapsed."""
        parser = _LinkParser()
        parser.feed(self.html(docname))
        return parser.links

    def civitrace_warnings(self) -> set[tuple[str, int, str, str]]:
        """``(path relative to the source folder, line, message, code)`` of every civitrace warning."""
        return parse_warnings(self.warnings, Path(self.app.srcdir))

    def signatures(self) -> set[tuple]:
        """What the extension read: every object's signature."""
        return {obj.signature() for obj in self.app.env.domains["civitrace"].project().objects}


def parse_warnings(text: str, srcdir: Path) -> set[tuple[str, int, str, str]]:
    found = set()
    for line in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(line.strip())
        if match:
            path = Path(match["path"]).resolve().relative_to(srcdir.resolve()).as_posix()
            found.add((path, int(match["line"]), match["message"], match["code"]))
    return found


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, parts = self._open.pop()
            self.links.append((href, " ".join("".join(parts).split())))


def build(
    src: Path,
    out: Path,
    *,
    confdir: Path | None = None,
    builder: str = "html",
    fresh: bool = True,
    parallel: int = 1,
    overrides: dict[str, object] | None = None,
) -> Build:
    """Build in-process, as ``sphinx-build`` would (fresh environment unless told otherwise)."""
    status, warnings = io.StringIO(), io.StringIO()
    # docutils' registries are global: give each build its own, as sphinx-build does.
    with patch_docutils(confdir or src), docutils_namespace():
        app = Sphinx(
            src,
            confdir or src,
            out,
            out / ".doctrees",
            builder,
            confoverrides=overrides or {},
            status=status,
            warning=warnings,
            freshenv=fresh,
            parallel=parallel,
        )
        app.build()
    return Build(app, out, warnings.getvalue(), status.getvalue())


def edit(path: Path, old: str, new: str) -> None:
    """Change a source file, its modification time clearly after the last build read it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = path.stat().st_mtime + 2
    os.utime(path, (later, later))


def sphinx_build(src: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build`` in a subprocess (for exit statuses, e.g. with ``-W``)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", *args, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
