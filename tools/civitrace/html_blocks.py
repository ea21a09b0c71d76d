"""The Markdown MyST reads inside HTML blocks: ``<div class="admonition">`` with ``html_admonition``.

With the ``html_admonition`` extension, MyST turns an HTML block made only of
``<div class="admonition …">`` elements into ``admonition`` directives whose
text is read as Markdown, traced directives included. The fast reader runs
MyST's own conversion (``html_to_nodes``) with a stand-in renderer that records
the directives it would run, so it finds exactly the admonitions the build
makes, with the same title and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from myst_parser.config.main import MdParserConfig


@dataclass(frozen=True)
class Admonition:
    """One admonition MyST makes of an HTML block: its title line and its text (options first)."""

    title: str
    content: str


def may_hold_directives(text: str, config: MdParserConfig) -> bool:
    """Whether MyST may read directives in this HTML block (cheap test before parsing the HTML)."""
    return (
        "html_admonition" in config.enable_extensions
        and "admonition" in text
        and ("```" in text or "~~~" in text or ":::" in text)
    )


@dataclass
class _Recorder:
    """Stands in for MyST's renderer: records the directives ``html_to_nodes`` asks for, runs none."""

    md_config: MdParserConfig
    document: dict[str, str] = field(default_factory=lambda: {"source": ""})
    runs: list[Admonition] = field(default_factory=list)

    @property
    def reporter(self) -> _Recorder:
        return self

    def error(self, *args: Any, **kwargs: Any) -> None:
        return None

    def create_warning(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_directive(self, name: str, first_line: str, content: str, position: int, **kwargs: Any) -> list:
        if name == "admonition":
            self.runs.append(Admonition(first_line, content))
        return []


def admonitions(text: str, config: MdParserConfig) -> list[Admonition]:
    """The admonitions MyST makes of the HTML block ``text`` (none when it leaves the block as raw HTML)."""
    from myst_parser.mdit_to_docutils.html_to_nodes import html_to_nodes

    recorder = _Recorder(config)
    try:
        html_to_nodes(text, 0, recorder)  # type: ignore[arg-type]
    except (RecursionError, ValueError, TypeError, AttributeError):
        return []  # MyST warns and keeps the block as raw HTML
    return recorder.runs


def line_of(block: str, text: str, start: int = 0) -> int:
    """The 0-based line of ``block`` where ``text``'s first non-blank line is, minus its own line in ``text``.

    MyST rebuilds an admonition's text from the parsed HTML, so its lines are
    found again in the source: a traced directive inside is reported where it
    is written. ``start``: the first line of ``block`` to search from.
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return start
    wanted = lines[first].strip()
    source = block.split("\n")
    for index in range(start, len(source)):
        if source[index].strip() == wanted:
            return index - first
    return start
