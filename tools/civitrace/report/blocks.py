"""The report's content as neutral blocks, written out by the Markdown and HTML renderers alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A section title; level 1 is the report's parts."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``strong`` for a key figure."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Items:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a caption and one header row; every cell is text."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Items | Table
