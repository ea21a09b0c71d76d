"""The MyST configuration a project builds with, for the fast reader too.

The Sphinx build reads Markdown with the ``myst_*`` values of ``conf.py``,
updated per file by a ``myst:`` key in the front matter. The fast reader uses
the very same :class:`MdParserConfig` and MyST's own ``create_md_parser``:
from the build's environment when it runs inside Sphinx, else from the
literal ``myst_*`` assignments of the project's ``conf.py`` (read, never run).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.parsers.mdit import create_md_parser

#: Where a project keeps its Sphinx configuration, relative to the folder that holds the sources.
CONF_LOCATIONS = ("conf.py", "docs/conf.py", "doc/conf.py", "source/conf.py")

#: The configuration of a project without conf.py: what civitrace's quick start writes.
DEFAULT_EXTENSIONS = ("colon_fence",)
DEFAULT_SPHINX_EXTENSIONS = ("myst_parser", "civitrace")


@dataclass(frozen=True)
class SphinxSettings:
    """What the fast reader needs from a project's Sphinx configuration."""

    myst: MdParserConfig
    #: ``exclude_patterns`` of conf.py, matched as Sphinx matches them.
    exclude_patterns: tuple[str, ...] = ()
    #: conf.py's ``extensions`` (``None`` when conf.py computes the list: then they are unknown).
    extensions: tuple[str, ...] | None = DEFAULT_SPHINX_EXTENSIONS


def _literal_assignments(path: Path) -> dict[str, Any]:
    """Top-level ``name = literal`` assignments of a Python file; anything computed is left out."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return {}
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        else:
            continue
        try:
            values[target] = ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            values.pop(target, None)
    return values


def myst_config(values: dict[str, Any]) -> MdParserConfig:
    """A MyST configuration from ``myst_*`` values, as MyST's Sphinx extension builds it (invalid → default)."""
    fields = {name for name, _, field in MdParserConfig().as_triple() if "sphinx" not in field.metadata.get("omit", [])}
    given = {name[len("myst_") :]: value for name, value in values.items() if name.startswith("myst_")}
    given = {name: value for name, value in given.items() if name in fields}
    try:
        return MdParserConfig(**given)
    except (TypeError, ValueError):
        return MdParserConfig()


def _extensions(conf: Path, values: dict[str, Any]) -> tuple[str, ...] | None:
    """conf.py's ``extensions``: ``()`` when it sets none, ``None`` when it computes or changes them."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"), str(conf))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    assignments = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "extensions" and isinstance(node.ctx, ast.Store):
            assignments += 1
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "extensions":
            return None  # extensions.append(…), extend, insert: computed
    if assignments == 0:
        return ()
    found = values.get("extensions")
    if assignments > 1 or not isinstance(found, list | tuple):
        return None
    return tuple(str(e) for e in found)


def default_config() -> MdParserConfig:
    """The MyST configuration of a project without conf.py."""
    return MdParserConfig(enable_extensions=set(DEFAULT_EXTENSIONS))


def declared_extensions(conf: Path) -> tuple[str, ...] | None:
    """The ``extensions`` a conf.py declares, read without running it (``None``: it computes them).

    The build reads its files with this list too, not with the one Sphinx ends up with: so both readers
    judge an extension's directives alike, even when the list is computed.
    """
    if not conf.is_file():
        return ()
    return _extensions(conf, _literal_assignments(conf))


def settings_from_conf(root: Path) -> SphinxSettings:
    """The settings of the project whose sources are under ``root``, from its conf.py if it has one."""
    for location in CONF_LOCATIONS:
        conf = root / location
        if conf.is_file():
            values = _literal_assignments(conf)
            patterns = values.get("exclude_patterns", [])
            patterns = tuple(str(p) for p in patterns) if isinstance(patterns, list | tuple) else ()
            return SphinxSettings(myst_config(values), patterns, _extensions(conf, values))
    return SphinxSettings(default_config())


def file_config(config: MdParserConfig, text: str) -> MdParserConfig:
    """``config`` updated by the file's own ``myst:`` front matter, as MyST's Sphinx parser does it."""
    if not text.startswith("---"):
        return config
    try:
        topmatter = read_topmatter(text)
    except TopmatterReadError:
        return config
    if not topmatter:
        return config
    try:
        return merge_file_level(config, topmatter, lambda *_: None)
    except Exception:  # MyST reports a bad file-level setting; the file is then read with the project's
        return config


_parsers: dict[str, MarkdownIt] = {}


def block_parser(config: MdParserConfig) -> MarkdownIt:
    """MyST's own markdown-it parser for ``config``, block rules only (inline text never holds a directive)."""
    key = repr(config)
    parser = _parsers.get(key)
    if parser is None:
        parser = create_md_parser(config, RendererHTML)
        # Word counts and text joining only touch inline text, which never holds a directive.
        parser.disable(["inline", "text_join", "wordcount"], ignoreInvalid=True)
        _parsers[key] = parser
    return parser
