"""HTML to a tagged PDF/UA-1 file with WeasyPrint, warning about what a reader would miss.

WeasyPrint lays the HTML out with the print stylesheet (``print.css``), writes
the structure tree from the HTML's own elements (headings, paragraphs, lists,
tables with their header cells, links, figures with their ``alt``), the
document language from ``<html lang>``, the title from ``<title>``, and the
PDF/UA identifier in the XMP metadata. Two runs on the same HTML give the same
bytes: the dates come from the HTML's ``dcterms`` metadata, never the clock,
and the file identifier is a hash of the content.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

#: PDF/UA-1 (ISO 14289-1) on PDF 1.7: what accessibility checkers and readers support best today.
PDF_VARIANT = "pdf/ua-1"
#: The stylesheet every civitrace PDF is laid out with (A4, fonts, running headers, landscape pages).
PRINT_CSS = Path(__file__).resolve().parent / "print.css"
#: Debian packages whose fonts cover the scripts people write (see .ci/install-debian-packages).
FONT_PACKAGES = "fonts-noto-core fonts-wqy-microhei fonts-symbola"

_MISSING_GLYPH = re.compile(r"^\.notdef glyph rendered for Unicode string unsupported by fonts")


class PdfError(Exception):
    """The PDF could not be written (WeasyPrint missing, unreadable HTML…); the message says what to do."""


@dataclass(frozen=True)
class PdfResult:
    """A written PDF: where, how many pages, and the characters no font could show."""

    path: Path
    pages: int
    missing_characters: tuple[str, ...]


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings and errors for the caller to report, once each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()
        self.missing: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _MISSING_GLYPH.match(message) and isinstance(record.args, tuple) and record.args:
            self.missing.setdefault(str(record.args[0]), None)
        else:
            self.messages[message] += 1


@contextmanager
def _collected() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate


def document_language(language: str | None) -> str:
    """The PDF's ``/Lang`` for a Sphinx ``language``: ``fr`` → ``fr-FR``, ``pt_BR`` → ``pt-BR``.

    A language without a region gets its most likely one (Unicode CLDR, through Babel),
    as PDF readers pick voices and hyphenation by language and region.
    """
    if not language:
        return "en-US"
    parts = language.replace("-", "_").split("_")
    if len(parts) == 1:
        from babel.core import get_global

        likely = str(get_global("likely_subtags").get(parts[0].lower(), ""))
        region = likely.split("_")[-1] if likely.count("_") >= 1 else ""
        return f"{parts[0].lower()}-{region}" if region.isalpha() and region.isupper() else parts[0].lower()
    return "-".join([parts[0].lower(), *parts[1:]])


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line ends escaped."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\\n\r\f' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def running_header(title: str, version: str) -> str:
    """CSS for the page headers: ``title`` on the left, ``version`` on the right (not on the cover)."""
    return (
        f"@page {{ @top-left {{ content: {css_string(title)}; }} @top-right {{ content: {css_string(version)}; }} }}\n"
        "@page :first { @top-left { content: none; } @top-right { content: none; } }\n"
        "@page civitrace-landscape { @top-left { content: none; } @top-right { content: none; } }\n"
    )


def _character_names(characters: Sequence[str]) -> str:
    return ", ".join(f"« {c} » (U+{ord(c[0]):04X})" for c in characters)


def write_pdf(
    html_file: Path,
    target: Path,
    *,
    extra_css: str = "",
    warn: Callable[[str], None] | None = None,
) -> PdfResult:
    """Render ``html_file`` with the print stylesheet (and ``extra_css``) into the PDF/UA file ``target``.

    ``warn`` receives one message per problem a reader would notice: a character no
    installed font has (it would show as a box), a broken internal link, an image
    without text alternative.
    """
    try:
        import weasyprint

        from .artifacts import finish  # pydyf comes with WeasyPrint: loaded only to write a PDF
    except ImportError:  # pragma: no cover - depends on the installation
        raise PdfError(
            _("WeasyPrint is not installed: pip install 'civitrace[pdf]' (and Pango: apt-get install libpango-1.0-0)")
        ) from None
    stylesheets = [weasyprint.CSS(filename=str(PRINT_CSS))]
    if extra_css:
        stylesheets.append(weasyprint.CSS(string=extra_css))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _collected() as collector:
        try:
            document = weasyprint.HTML(filename=str(html_file)).render(stylesheets=stylesheets)
            document.write_pdf(
                str(target),
                pdf_variant=PDF_VARIANT,
                pdf_identifier=True,  # a hash of the content: the same for two builds of one commit
                finisher=finish,
            )
        except OSError as exc:
            raise PdfError(_("cannot write the PDF {target}: {error}").format(target=target, error=exc)) from None
    report = warn or (lambda message: None)
    if collector.missing:
        report(
            _(
                "no installed font can show {characters}: the PDF shows a box instead; "
                "install fonts covering them (Debian: {packages})"
            ).format(characters=_character_names(list(collector.missing)), packages=FONT_PACKAGES)
        )
    for message, count in sorted(collector.messages.items()):
        report(f"{message} (×{count})" if count > 1 else message)
    return PdfResult(target, len(document.pages), tuple(collector.missing))
