"""The report as Markdown, for the council's minutes."""

from __future__ import annotations

from ..history.diff_formats import escape_md
from .blocks import Heading, Items, Paragraph, Table
from .document import Report


def _cell(text: str) -> str:
    return escape_md(text).replace("\n", " ")


def to_markdown(report: Report) -> str:
    """``# title``, the version line, then each block; tables as pipe tables with a caption line above."""
    lines = [f"# {escape_md(report.title)}", ""]
    if report.collectivity:
        lines += [f"**{escape_md(report.collectivity)}** — {escape_md(report.version_text)}", ""]
    else:
        lines += [f"**{escape_md(report.version_text)}**", ""]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {escape_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            text = escape_md(block.text)
            lines += [f"**{text}**" if block.strong else text, ""]
        elif isinstance(block, Items):
            lines += [f"- {escape_md(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines += [f"*{escape_md(block.caption)}*", ""]
            lines.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            lines.append("|" + "|".join("---" for _ in block.headers) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
