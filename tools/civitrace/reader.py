"""The fast reader: MyST Markdown files to objects, without a Sphinx build.

It tokenizes block structure with markdown-it-py and MyST's own fence rules,
and splits each traced directive with MyST's ``parse_directive_text``, so it
reads what the Sphinx build reads, at a fraction of the cost.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_block import make_fence_rule
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin

from .diagnostics import Diagnostic, Location, error, warning
from .doctrine import load_doctrine
from .fast_split import Split, split_simple
from .fence_scan import Fence, scan_fences
from .fields import build_object
from .i18n import _
from .model import Project, TraceObject
from .project_config import civitrace_table
from .vocabulary import KINDS

#: Folders never read: build output, tools' caches, version control, environments.
SKIPPED_DIRS = frozenset(
    {"_build", ".nox", ".git", ".hg", ".svn", ".tox", ".venv", "venv", "node_modules", "__pycache__", "site-packages"}
)
_DIRECTIVE_INFO = re.compile(r"\{([^}\s]+)\}\s*(.*)", re.DOTALL)
_FENCE_MARKERS = ("```", "~~~", ":::")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """A block-level MyST parser: inline parsing is skipped, it is not needed to find directives."""
    md = MarkdownIt("commonmark").use(front_matter_plugin).use(myst_block_plugin)
    md.block.ruler.before(
        "fence",
        "colon_fence",
        make_fence_rule(markers=(":",), token_type="colon_fence"),
        {"alt": ["paragraph", "reference", "blockquote", "list", "footnote_def"]},
    )
    md.disable("inline")
    return md


@dataclass
class FileResult:
    """What one file yielded."""

    objects: list[TraceObject]
    diagnostics: list[Diagnostic]


def read_text(text: str, path: str, docname: str = "") -> FileResult:
    """Read the traced objects of one Markdown text; ``path`` is used in locations."""
    objects: list[TraceObject] = []
    diagnostics: list[Diagnostic] = []
    if not text.strip():
        diagnostics.append(warning(Location(path, 1), "empty-file", _("file is empty")))
        return FileResult(objects, diagnostics)
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        diagnostics.append(error(Location(path, line), "binary-content", _("file contains binary data (NUL byte)")))
        return FileResult(objects, diagnostics)
    _read_block(text, 0, path, docname, objects, diagnostics)
    return FileResult(objects, diagnostics)


def fences(text: str) -> list[Fence]:
    """Every top-level fenced block of ``text`` (nested in lists and quotes too), in order, as the reader sees them."""
    return _fences(text)


def _fences(text: str) -> list[Fence]:
    """Every fenced block of ``text`` (nested in lists and quotes too), in order."""
    fast = scan_fences(text)
    return fast if fast is not None else parsed_fences(text)


def parsed_fences(text: str) -> list[Fence]:
    """The fenced blocks as markdown-it (with MyST's fence rules) finds them."""
    lines = text.splitlines()
    return [
        Fence(token.markup, token.info, token.content, (token.map[0], token.map[1]), _is_closed(lines, token))
        for token in _parser().parse(text)
        if token.type in ("fence", "colon_fence") and token.map
    ]


def _is_closed(lines: list[str], token: Token) -> bool:
    start, end = token.map or (0, 0)
    last = end - 1
    if last <= start or last >= len(lines):
        return False
    closing = lines[last].strip()
    return closing.startswith(token.markup) and not closing.strip(token.markup[0])


def _read_block(
    text: str,
    line_offset: int,
    path: str,
    docname: str,
    objects: list[TraceObject],
    diagnostics: list[Diagnostic],
) -> None:
    for fence in _fences(text):
        match = _DIRECTIVE_INFO.fullmatch(fence.info.strip())
        if not match:
            continue
        name, first_line = match.group(1), match.group(2)
        line = line_offset + fence.map[0] + 1
        if not fence.closed:
            diagnostics.append(
                error(
                    Location(path, line),
                    "unclosed-fence",
                    _("directive '{name}' opened with '{fence}' is never closed").format(name=name, fence=fence.markup),
                )
            )
        if name in KINDS:
            body_start = _read_directive(name, first_line, fence.content, line, path, docname, objects, diagnostics)
        else:
            body_start = line + 1
        if body_start is not None and any(m in fence.content for m in _FENCE_MARKERS):
            body = "\n".join(fence.content.splitlines()[body_start - line - 1 :])
            _read_block(body, body_start - 1, path, docname, objects, diagnostics)


def _read_directive(
    kind: str,
    first_line: str,
    content: str,
    line: int,
    path: str,
    docname: str,
    objects: list[TraceObject],
    diagnostics: list[Diagnostic],
) -> int | None:
    """Read one traced directive; return the 1-based line where its body starts."""
    location = Location(path, line)
    parsed = split_simple(first_line, content)
    if parsed is None:
        # Imported here: docutils and MyST's directive parser cost more to load than most runs spend reading.
        from docutils.parsers.rst.states import MarkupError
        from myst_parser.parsers.directives import parse_directive_text

        from .directive_syntax import StandInDirective

        try:
            result = parse_directive_text(StandInDirective, first_line, content, line=line)
        except MarkupError as exc:
            diagnostics.append(error(location, "syntax", f"{kind}: {exc}"))
            return None
        for problem in result.warnings:
            diagnostics.append(error(Location(path, problem.lineno or line), "syntax", f"{kind}: {problem.msg}"))
        parsed = Split(result.arguments, result.options, "\n".join(result.body), result.body_offset)
    argument = parsed.arguments[0] if parsed.arguments else ""
    obj, problems = build_object(kind, argument, parsed.options, parsed.body, location, docname)
    diagnostics.extend(problems)
    if obj is not None:
        objects.append(obj)
    return line + 1 + parsed.body_offset


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file as UTF-8; on failure, say where the first bad byte is."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            error(
                Location(path, line),
                "encoding",
                _("file is not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); save it as UTF-8").format(
                    byte=data[exc.start], offset=exc.start
                ),
            )
        ]


def load_excludes(root: Path) -> list[str]:
    """Glob patterns from ``[tool.civitrace] exclude`` in ROOT/pyproject.toml, if any."""
    patterns = civitrace_table(root).get("exclude", [])
    return [str(p) for p in patterns] if isinstance(patterns, list) else []


def markdown_files(root: Path, excludes: Iterable[str] = ()) -> Iterator[str]:
    """Relative POSIX paths of the ``.md`` files under ``root``, sorted, skipping build and tool folders."""
    patterns = list(excludes)
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        rel_folder = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        dirs[:] = [
            d
            for d in dirs
            if d not in SKIPPED_DIRS and not d.startswith(".") and not _excluded(rel_folder + d, patterns)
        ]
        for name in files:
            rel = rel_folder + name
            if name.endswith(".md") and not _excluded(rel, patterns):
                found.append(rel)
    return iter(sorted(found))


def _excluded(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(rel, p.rstrip("/") + "/*") for p in patterns)


def read_file(root: Path, rel: str) -> FileResult:
    """Read one file of the project; every problem becomes a diagnostic, never an exception."""
    return read_file_and_text(root, rel)[0]


def read_file_and_text(root: Path, rel: str) -> tuple[FileResult, str | None]:
    """Read one file of the project, and return its decoded text too (``None`` when unreadable)."""
    try:
        data = (root / rel).read_bytes()
    except OSError as exc:
        return (
            FileResult(
                [],
                [error(Location(rel, 1), "unreadable", _("cannot read file: {error}").format(error=exc.strerror))],
            ),
            None,
        )
    text, problems = decode(data, rel)
    if text is None:
        return FileResult([], problems), None
    result = read_source(text, rel)
    result.diagnostics[:0] = problems
    return result, text


def read_source(text: str, rel: str) -> FileResult:
    """Read ``text`` as if it were the project file ``rel`` (an editor's unsaved text, for instance).

    Locations and the docname are those of ``rel``; never raises on bad input.
    """
    try:
        return read_text(text, rel, rel[: -len(".md")] if rel.endswith(".md") else rel)
    except Exception as exc:  # one bad file must not stop the run
        return FileResult(
            [], [error(Location(rel, 1), "internal-error", _("could not read this file: {error!r}").format(error=exc))]
        )


def read_project(root: Path | str, excludes: Iterable[str] | None = None) -> Project:
    """Read every Markdown file under ``root`` into a :class:`Project`. Never raises on bad input."""
    root = Path(root)
    if excludes is None:
        excludes = load_excludes(root)
    rels = list(markdown_files(root, excludes))
    results = [read_file(root, rel) for rel in rels]
    objects = [obj for result in results for obj in result.objects]
    diagnostics = [diag for result in results for diag in result.diagnostics]
    doctrine, problems = load_doctrine(root)
    return Project.from_parts(objects, diagnostics + problems, doctrine)
