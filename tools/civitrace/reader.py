"""The fast reader: MyST Markdown files to objects, without a Sphinx build.

It tokenizes each file with MyST's own markdown-it parser and configuration
(:mod:`civitrace.myst_settings`), decides what is a directive exactly as
MyST's renderer does, reads inside a directive only when the build would
(:mod:`civitrace.directive_bodies`, and :mod:`civitrace.extension_directives`
for the extensions conf.py loads), reads the Markdown MyST finds in HTML
blocks (:mod:`civitrace.html_blocks`), and splits each traced directive with
MyST's ``parse_directive_text``. Two shortcuts, each held by a test to the
full machinery on generated input, skip the costly parts for the plain shape:
:mod:`civitrace.plain_fences` (the block parser) and :mod:`civitrace.fast_split`
(the option scanner). So it reads what the Sphinx build reads, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig

from . import extension_directives, html_blocks, myst_settings, plain_fences, rst_reading
from .diagnostics import Diagnostic, Location, error, warning
from .directive_bodies import MARKDOWN_BODIES, OTHER_DIRECTIVES, BodySpec, misspelt_kind, traced_kind
from .directive_split import split_container, split_with_myst
from .doctrine import load_doctrine
from .fast_split import Split, split_simple
from .fields import build_object
from .i18n import _
from .model import Project, TraceObject
from .source_files import SKIPPED_DIRS, excluded, is_regular_file, load_excludes, markdown_files

__all__ = [
    "SKIPPED_DIRS",
    "FileResult",
    "decode",
    "fences",
    "load_excludes",
    "markdown_files",
    "read_file",
    "read_file_and_text",
    "read_project",
    "read_source",
    "read_text",
]

#: Larger files are refused: nobody writes a 64 MB page, and a link to a device must not fill the memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class FileResult:
    """What one file yielded."""

    objects: list[TraceObject]
    diagnostics: list[Diagnostic]
    #: ``(kind, argument, line)`` of every traced directive split, in the order read (the build takes lines from it).
    sites: list[tuple[str, str, int]] = field(default_factory=list)


def normalise(text: str) -> str:
    """The text as markdown-it sees it: line ends made ``\\n``, NUL made U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def read_text(
    text: str,
    path: str,
    docname: str = "",
    config: MdParserConfig | None = None,
    extensions: Sequence[str] | None = (),
) -> FileResult:
    """Read the traced objects of one Markdown text; ``path`` is used in locations.

    ``config`` is the project's MyST configuration (default: ``colon_fence``, as civitrace's quick start);
    ``extensions`` its conf.py's ``extensions`` (``None``: a list conf.py computes, so unknown).
    """
    objects: list[TraceObject] = []
    diagnostics: list[Diagnostic] = []
    if not text.strip():
        diagnostics.append(warning(Location(path, 1), "empty-file", _("file is empty")))
        return FileResult(objects, diagnostics)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        diagnostics.append(error(Location(path, line), "binary-content", _("file contains binary data (NUL byte)")))
    if config is None:
        config = myst_settings.default_config()
    text = normalise(text)
    config = myst_settings.file_config(config, text)
    reading = _Reading(path, docname, config, objects, diagnostics, extension_directives.for_extensions(extensions))
    reading.block(text, 0, top=True)
    return FileResult(objects, diagnostics, reading.sites)


def fences(text: str, config: MdParserConfig | None = None) -> list[Token]:
    """Every fenced block of ``text`` (nested in lists and quotes too), in order, as MyST's block parser finds them."""
    parser = myst_settings.block_parser(config or myst_settings.default_config())
    return [t for t in parser.parse(normalise(text)) if t.type in ("fence", "colon_fence") and t.map]


class _Reading:
    """One file's walk over MyST's tokens, nested directives included."""

    def __init__(
        self,
        path: str,
        docname: str,
        config: MdParserConfig,
        objects: list[TraceObject],
        diagnostics: list[Diagnostic],
        extensions: extension_directives.ExtensionDirectives | None = None,
    ) -> None:
        self.path = path
        self.docname = docname
        self.config = config
        self.parser = myst_settings.block_parser(config)
        self.objects = objects
        self.diagnostics = diagnostics
        self.directives = not (config.commonmark_only or config.gfm_only)
        self.plain = plain_fences.applies(config)
        self.sites: list[tuple[str, str, int]] = []
        self.extensions = extensions or extension_directives.ExtensionDirectives()
        #: Read unknown directives' bodies too (to find what :meth:`unjudged` reports).
        self.guessing = False

    def block(self, text: str, offset: int, top: bool = False) -> None:
        """Read a block of Markdown whose first line is line ``offset + 1`` of the file."""
        source = text if top else text + "\n"
        tokens = plain_fences.plain_fences(source) if self.plain else None
        if tokens is None:
            tokens = self.parser.parse(source)
            if not top and tokens and tokens[0].type == "front_matter":
                tokens.pop(0)  # MyST drops front matter from nested text
        lines: list[str] | None = None
        for token in tokens:
            if token.type == "html_block" and token.map and html_blocks.may_hold_directives(token.content, self.config):
                self.html_admonitions(token.content, offset + token.map[0] + 1)
            if token.type not in ("fence", "colon_fence") or not token.map or not self.directives:
                continue
            if lines is None:
                lines = text.split("\n")
            line = offset + token.map[0] + 1
            parts = token.info.strip().split(maxsplit=1)
            name = parts[0] if parts else ""
            argument = parts[1] if len(parts) > 1 else ""
            if name == "{eval-rst}" and token.type == "fence":
                self.rst(token.content, line)
            elif name.startswith("{") and name.endswith("}") and name != "{eval-rst}":
                self.directive(name[1:-1], argument, token, line, _is_closed(lines, token))
            elif token.type == "fence" and name in self.config.fence_as_directive:
                self.directive(name, argument, token, line, _is_closed(lines, token))
            elif token.type == "colon_fence" and name != "{eval-rst}" and _may_hold_fences(token.content):
                # A plain ``:::`` or ``:::name`` block is a container whose text MyST reads as Markdown.
                self.block(token.content, line)

    def directive(self, name: str, first_line: str, token: Token, line: int, closed: bool) -> None:
        location = Location(self.path, line)
        kind = traced_kind(name)
        if not closed:
            self.diagnostics.append(
                error(
                    location,
                    "unclosed-fence",
                    _("directive '{name}' opened with '{fence}' is never closed").format(name=name, fence=token.markup),
                )
            )
        if kind is not None:
            split = self.traced(kind, first_line, token.content, line)
        elif (spec := self.markdown_body(name.lower())) is not None:
            split = split_container(spec, first_line, token.content, line)
        elif name.lower() == "csv-table":
            self.csv_cells(first_line, token.content, line)
            return
        else:
            meant = misspelt_kind(name)
            if meant is not None:
                self.diagnostics.append(unknown_kind(location, name, meant))
                return
            if not self.unjudgeable(name):
                return  # MyST does not read the body of a directive it does not know, nor of code, math, raw…
            if not self.guessing:
                self.unjudged(name, first_line, token.content, line)
                return
            # Inside an unjudged directive: read on as if the unknown extension read its body as Markdown.
            split = split_container(BodySpec(0, 1, True), first_line, token.content, line)
        if split is not None and _may_hold_fences(split.body):
            self.block(split.body, line + split.body_offset)

    def markdown_body(self, name: str) -> BodySpec | None:
        """The argument rules of a directive whose body the build reads as Markdown (core or loaded extension)."""
        return MARKDOWN_BODIES.get(name) or self.extensions.markdown.get(name)

    def unjudgeable(self, name: str) -> bool:
        """Whether ``name`` may come from an extension civitrace does not know (so its body may be read)."""
        lowered = name.lower()
        known = lowered in OTHER_DIRECTIVES or lowered in self.extensions.other or lowered in self.extensions.markdown
        return bool(self.extensions.unknown) and not known

    def unjudged(self, name: str, first_line: str, content: str, line: int) -> None:
        """A directive civitrace does not know, with extensions it does not know loaded: its body is not read.

        The build may read it (an extension's container) or not (its code block): rather than guess, say so
        when traced directives are written inside.
        """
        split = split_container(BodySpec(0, 1, True), first_line, content, line)
        if split is None or not _may_hold_fences(split.body):
            return
        inside = _Reading(self.path, self.docname, self.config, [], [], self.extensions)
        inside.guessing = True
        inside.block(split.body, line + split.body_offset)
        if not inside.sites:
            return
        self.diagnostics.append(
            extension_directives.unread_inside(Location(self.path, line), name, self.extensions.unknown, inside.sites)
        )

    def html_admonitions(self, text: str, line: int) -> None:
        """An HTML block that MyST turns into admonitions (``html_admonition``): read their text as MyST does."""
        searched = 0
        for found in html_blocks.admonitions(text, self.config):
            split = split_container(MARKDOWN_BODIES["admonition"], found.title, found.content, line)
            if split is None or not _may_hold_fences(split.body):
                continue
            start = html_blocks.line_of(text, split.body, searched)
            searched = start + 1
            self.block(split.body, line - 1 + start)

    def rst(self, content: str, line: int) -> None:
        """An ``{eval-rst}`` block: docutils reads it, traced directives included."""
        if not rst_reading.may_hold_traced(content):
            return
        objects, diagnostics, sites = rst_reading.read_rst(content, line, self.path, self.docname)
        self.objects.extend(objects)
        self.diagnostics.extend(diagnostics)
        self.sites.extend(sites)

    def csv_cells(self, first_line: str, content: str, line: int) -> None:
        """docutils parses each cell of a ``csv-table`` as body text, MyST as Markdown, all at the body's line."""
        if not _may_hold_fences(content):
            return
        import csv

        from docutils.parsers.rst.directives.tables import CSVTable

        split = split_container(BodySpec(0, 1, True), first_line, content, line)
        if split is None or split.options:
            return  # custom delimiters or an external file: not read
        try:
            rows = list(csv.reader((row + "\n" for row in split.body.split("\n")), CSVTable.DocutilsDialect({})))
        except csv.Error:
            return  # docutils reports the table as an error and reads none of it
        for row in rows:
            for cell in row:
                if _may_hold_fences(cell):
                    self.block("\n".join(cell.splitlines()), line + split.body_offset)

    def traced(self, kind: str, first_line: str, content: str, line: int) -> Split | None:
        """Read one traced directive; return its parts (``None`` when MyST refuses it)."""
        location = Location(self.path, line)
        parsed = split_simple(first_line, content)
        if parsed is None:
            parsed, problems = split_with_myst(kind, first_line, content, line, self.path)
            self.diagnostics.extend(problems)
            if parsed is None:
                return None
        argument = parsed.arguments[0] if parsed.arguments else ""
        self.sites.append((kind, " ".join(argument.split()), line))
        obj, problems = build_object(kind, argument, parsed.options, parsed.body, location, self.docname)
        self.diagnostics.extend(problems)
        if obj is not None:
            self.objects.append(obj)
        return parsed


def _may_hold_fences(text: str) -> bool:
    """A directive is always a fence: text without a fence marker holds none (and needs no parse)."""
    return "```" in text or "~~~" in text or ":::" in text


def unknown_kind(location: Location, name: str, meant: str) -> Diagnostic:
    """The diagnostic for a directive name that is no directive but looks like a traced kind."""
    if not meant:
        message = _("directive without a name: write the kind between the braces, e.g. '{{measure}}'")
    else:
        message = _("unknown kind '{name}': did you mean '{kind}'?").format(name=name, kind=meant)
    return error(location, "unknown-kind", message)


def _is_closed(lines: list[str], token: Token) -> bool:
    """Whether a fence token ends on its closing marker (inside quotes and lists too)."""
    start, end = token.map or (0, 0)
    last = end - 1
    if last <= start or last >= len(lines):
        return False
    closing = lines[last].lstrip(" \t>").rstrip()
    return closing.startswith(token.markup) and not closing.strip(token.markup[0])


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file as UTF-8; on failure, say where the first bad byte is."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        # Lines as markdown-it and Sphinx count them: CR LF, LF and a lone CR each end one.
        line = data[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        return None, [
            error(
                Location(path, line),
                "encoding",
                _("file is not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); save it as UTF-8").format(
                    byte=data[exc.start], offset=exc.start
                ),
            )
        ]


def read_file(
    root: Path, rel: str, config: MdParserConfig | None = None, extensions: Sequence[str] | None = ()
) -> FileResult:
    """Read one file of the project; every problem becomes a diagnostic, never an exception."""
    return read_file_and_text(root, rel, config, extensions)[0]


def read_file_and_text(
    root: Path, rel: str, config: MdParserConfig | None = None, extensions: Sequence[str] | None = ()
) -> tuple[FileResult, str | None]:
    """Read one file of the project, and return its decoded text too (``None`` when unreadable)."""
    path = root / rel
    if not is_regular_file(path):
        problem = error(Location(rel, 1), "unreadable", _("not a regular file (a pipe, a device?)"))
        return FileResult([], [problem]), None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return (
            FileResult(
                [],
                [error(Location(rel, 1), "unreadable", _("cannot read file: {error}").format(error=exc.strerror))],
            ),
            None,
        )
    if len(data) > MAX_FILE_BYTES:
        return FileResult([], [error(Location(rel, 1), "unreadable", _("file is larger than 64 MB"))]), None
    text, problems = decode(data, rel)
    if text is None:
        return FileResult([], problems), None
    result = read_source(text, rel, config, extensions)
    result.diagnostics[:0] = problems
    return result, text


def read_source(
    text: str, rel: str, config: MdParserConfig | None = None, extensions: Sequence[str] | None = ()
) -> FileResult:
    """Read ``text`` as if it were the project file ``rel`` (an editor's unsaved text, for instance).

    Locations and the docname are those of ``rel``; never raises on bad input.
    """
    try:
        result = read_text(text, rel, rel[: -len(".md")] if rel.endswith(".md") else rel, config, extensions)
    except Exception as exc:  # one bad file must not stop the run
        return FileResult(
            [], [error(Location(rel, 1), "internal-error", _("could not read this file: {error!r}").format(error=exc))]
        )
    return result


def read_project(root: Path | str, excludes: Iterable[str] | None = None) -> Project:
    """Read every Markdown file under ``root`` into a :class:`Project`. Never raises on bad input."""
    root = Path(root)
    if excludes is None:
        excludes = load_excludes(root)
    settings = myst_settings.settings_from_conf(root)
    unreadable: list[str] = []
    rels = list(markdown_files(root, excludes, settings.exclude_patterns, unreadable))
    results = [read_file(root, rel, settings.myst, settings.extensions) for rel in rels]
    objects = [obj for result in results for obj in result.objects]
    diagnostics = [diag for result in results for diag in result.diagnostics]
    diagnostics += [
        error(Location(folder, 0), "unreadable", _("cannot list this folder"))
        for folder in unreadable
        if not excluded(folder, list(excludes))
    ]
    doctrine, problems = load_doctrine(root)
    return Project.from_parts(objects, diagnostics + problems, doctrine)
