"""How the build reads source files: the same files, text and diagnostics as ``civitrace check``.

- A file that is not UTF-8 does not abort the build: it is decoded with
  ``surrogateescape``, reported once (``civitrace.encoding``, at the line of the
  first bad byte, as ``check`` reports it) and read as an empty page.
- Pipes, devices and links to them are not read (``civitrace.unreadable``),
  nor are the folders ``check`` skips (one rule: :mod:`civitrace.source_files`).
- Each traced file is also read by the fast reader, with the build's own MyST
  configuration: it reports what directives never see (unclosed fences,
  option syntax, repeated options, misspelt kinds) under civitrace's codes,
  and gives the true line of every traced directive where MyST's is off.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
import logging as std_logging
from pathlib import Path
from types import ModuleType

from docutils import nodes
from docutils.parsers.rst import directives as rst_directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import directive_syntax, myst_settings, reader, source_files
from ..diagnostics import Location, error
from ..directive_bodies import misspelt_kind, traced_kind
from ..i18n import _
from .domain import civitrace_domain

logger = logging.getLogger(__name__)

#: Problems of a file's text that directives never see; the fast reader's pass reports them in the build.
READER_CODES = frozenset(
    {
        "unclosed-fence",
        "empty-file",
        "binary-content",
        "encoding",
        "syntax",
        "repeated-option",
        "unknown-kind",
        "unknown-directive",
    }
)

#: The codec the build reads sources with: UTF-8 (with or without BOM) that never raises.
CODEC = "civitrace-utf-8"
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig", "u8"})
_MISC_DOCNAME = ""  # diagnostics that belong to no document (unreadable folders)


class _ForgivingDecoder(encodings.utf_8_sig.IncrementalDecoder):
    """UTF-8 with an optional BOM; bytes that are not UTF-8 become lone surrogates instead of an exception."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("surrogateescape")


def _search_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    base = codecs.lookup("utf-8-sig")

    def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
        return base.decode(data, "surrogateescape")

    return codecs.CodecInfo(
        base.encode,
        decode,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_ForgivingDecoder,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
        name=CODEC,
    )


codecs.register(_search_codec)

#: Per build: the traced files and, per document, the true line of each traced directive.
_traced: dict[str, frozenset[str]] = {}  # source folder -> traced files
_sites: dict[str, list[tuple[str, str, int]]] = {}
_declared: dict[str, tuple[str, ...] | None] = {}  # source folder -> conf.py's extensions, as check reads them


def traced_paths(app: Sphinx) -> frozenset[str] | None:
    """The files ``civitrace check`` reads (relative POSIX paths), once this build's reading began."""
    return _traced.get(str(app.srcdir))


def use_one_file_rule(app: Sphinx, config: Config) -> None:
    """Skip the folders ``civitrace check`` skips, and files that are no regular files (reading them would hang)."""
    patterns = list(config.exclude_patterns)
    patterns += [p for p in source_files.SPHINX_PATTERNS if p not in patterns]
    root = Path(app.srcdir)
    patterns += [rel for rel in source_files.markdown_files(root) if not source_files.is_regular_file(root / rel)]
    config.exclude_patterns = patterns


def list_traced_files(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: list the traced files; leave out files that are no regular files, and say so."""
    if str(env.settings.get("input_encoding", "")).lower() in _UTF8_NAMES:
        # The same UTF-8, read without raising (set here, not in the config, which would ask for a rebuild).
        env.settings["input_encoding"] = CODEC
    root = Path(app.srcdir)
    unreadable: list[str] = []
    excludes = reader.load_excludes(root)
    traced = frozenset(source_files.markdown_files(root, excludes, unreadable=unreadable))
    _traced[str(app.srcdir)] = traced
    _declared[str(app.srcdir)] = myst_settings.declared_extensions(Path(app.confdir) / "conf.py")
    domain = civitrace_domain(env)
    # Diagnostics of no document: folders that cannot be listed, files left out of the build (see above).
    domain.data["diagnostics"][_MISC_DOCNAME] = [
        error(Location(folder, 0), "unreadable", _("cannot list this folder"))
        for folder in unreadable
        if not source_files.excluded(folder, excludes)
    ] + [
        error(Location(rel, 1), "unreadable", _("not a regular file (a pipe, a device?)"))
        for rel in sorted(traced)
        if not source_files.is_regular_file(root / rel)
    ]


def read_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Report undecodable text and what the fast reader finds in the file's structure."""
    path = Path(app.env.doc2path(docname, False)).as_posix()
    text = source[0]
    _sites.pop(docname, None)
    if _has_surrogates(text):
        _, problems = reader.decode(text.encode("utf-8", "surrogateescape"), path)
        # As civitrace check, read nothing from a file that cannot be decoded; the page only names it.
        source[0] = "# " + _markdown_escape(path) + "\n"
        if path in _traced.get(str(app.srcdir), frozenset()):
            civitrace_domain(app.env).note_diagnostics(docname, problems)
        else:
            for problem in problems:
                logger.warning(
                    "%s",
                    problem.message,
                    location=(docname, problem.location.line),
                    type="civitrace",
                    subtype=problem.code,
                )
        return
    if path not in _traced.get(str(app.srcdir), frozenset()):
        return
    try:
        extensions = _declared.get(str(app.srcdir), tuple(app.config.extensions))
        result = reader.read_text(text, path, docname, getattr(app.env, "myst_config", None), extensions)
    except Exception:  # the fast reader never should; the directives still report the objects
        return
    _sites[docname] = result.sites
    problems = [d for d in result.diagnostics if d.code in READER_CODES]
    civitrace_domain(app.env).note_diagnostics(docname, problems)


def _markdown_escape(text: str) -> str:
    """Text that Markdown shows as written (every ASCII punctuation character escaped)."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c for c in text)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def true_line(docname: str, kind: str, argument: str, line: int) -> int:
    """The line of a traced directive as the fast reader found it (MyST is off by one under a colon fence)."""
    candidates = [site[2] for site in _sites.get(docname, ()) if site[0] == kind and site[1] == argument]
    if not candidates:
        return line
    return min(candidates, key=lambda found: (abs(found - line), found > line))


class UnknownKindDirective(SphinxDirective, directive_syntax.StandInDirective):
    """What a misspelt kind (``{mesure}``) runs: nothing is read; civitrace reports ``unknown-kind``."""

    def run(self) -> list:
        path = Path(self.env.doc2path(self.env.docname, False)).as_posix()
        if path not in _traced.get(str(self.env.srcdir), frozenset()):  # the fast reader's pass did not report it
            problem = reader.unknown_kind(Location(path, self.lineno), self.name, misspelt_kind(self.name) or "")
            logger.warning(
                "%s", problem.message, location=(self.env.docname, self.lineno), type="civitrace", subtype=problem.code
            )
        return []


def _install_kind_fallback() -> None:
    """Make docutils' directive lookup answer a misspelt kind with :class:`UnknownKindDirective`.

    Sphinx falls back to this function for names no domain and no extension knows, so
    real directives are never affected.
    """
    original = rst_directives.directive
    if getattr(original, "civitrace_fallback", False):
        return

    def lookup(name: str, language_module: ModuleType, document: nodes.document) -> tuple[type | None, list]:
        found, messages = original(name, language_module, document)
        # Only in a Sphinx build: the fallback is installed for the whole process, docutils alone keeps its own.
        if found is None and getattr(document.settings, "env", None) is not None and misspelt_kind(name) is not None:
            return UnknownKindDirective, []
        return found, messages

    lookup.civitrace_fallback = True  # type: ignore[attr-defined]
    rst_directives.directive = lookup


class _TracedSyntaxFilter(std_logging.Filter):
    """Drop MyST's own warnings about a traced directive's syntax: civitrace reports them (``syntax``)."""

    def filter(self, record: std_logging.LogRecord) -> bool:
        if getattr(record, "type", None) != "myst" or not str(getattr(record, "subtype", "")).startswith("directive_"):
            return True
        message = record.getMessage()
        name = message[1:].partition("'")[0] if message.startswith("'") else ""
        location = getattr(record, "location", None)
        docname = location[0] if isinstance(location, tuple) and location else None
        return not (traced_kind(name) and docname in _sites)


def setup(app: Sphinx) -> None:
    """Hook source reading (one file rule, forgiving decoding); misspelt kinds and syntax get civitrace codes."""
    _install_kind_fallback()
    myst_logger = std_logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(f, _TracedSyntaxFilter) for f in myst_logger.filters):
        myst_logger.addFilter(_TracedSyntaxFilter())
    app.connect("config-inited", use_one_file_rule)
    app.connect("env-before-read-docs", list_traced_files)
    app.connect("source-read", read_source)
