"""The report as one HTML page for WeasyPrint: the PDF is then tagged like the site's (headings, tables with
header cells, lists), with a short cover."""

from __future__ import annotations

import datetime as dt
import html

from ..i18n import _
from .blocks import Heading, Items, Paragraph, Table
from .document import Report


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(report: Report, *, lang: str, date: dt.date | None) -> str:
    """The whole page; ``date`` (the version's) becomes the PDF's creation date, never the clock."""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        '<head><meta charset="utf-8">',
        f"<title>{_e(report.title)}</title>",
        f'<meta name="author" content="{_e(report.collectivity)}">',
        f'<meta name="description" content="{_e(report.subtitle)}">',
        '<meta name="generator" content="civitrace">',
    ]
    if date is not None:
        stamp = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC).isoformat()
        head += [
            f'<meta name="dcterms.created" content="{stamp}">',
            f'<meta name="dcterms.modified" content="{stamp}">',
        ]
    head.append("</head>")
    body = [
        '<body class="civitrace-report">',
        '<div class="civitrace-report-cover">',
        f'<p class="collectivity">{_e(report.collectivity)}</p>' if report.collectivity else "",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="subtitle">{_e(report.subtitle)}</p>',
        f'<p class="edition">{_e(report.version_text)}</p>',
        f'<p class="produced">{_e(_("Document produced with civitrace from the sources published online."))}</p>',
        "</div>",
        "<main>",
    ]
    section_open = False
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                if section_open:
                    body.append("</section>")
                body.append("<section>")
                section_open = True
            body.append(f"<h{block.level + 1}>{_e(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Paragraph):
            text = f"<strong>{_e(block.text)}</strong>" if block.strong else _e(block.text)
            body.append(f"<p>{text}</p>")
        elif isinstance(block, Items):
            body.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            header = "".join(f'<th scope="col">{_e(h)}</th>' for h in block.headers)
            rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            body.append(
                f"<table><caption>{_e(block.caption)}</caption><thead><tr>{header}</tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
    if section_open:
        body.append("</section>")
    body += ["</main>", "</body>", "</html>"]
    return "\n".join([*head, *[line for line in body if line]]) + "\n"
