"""``civitrace bilan``: the yearly report to the council and the convention, as a tagged PDF and as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _, ngettext
from .arguments import EXIT_OK, UsageError, add_root, warning_line

FORMATS = ("both", "markdown", "pdf")
#: The files written into the output folder.
MARKDOWN_NAME, PDF_NAME, HTML_NAME = "bilan.md", "bilan.pdf", "bilan.html"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bilan",
        aliases=["report"],
        help=_("the yearly report to the council: a tagged PDF and Markdown for the minutes"),
        description=_(
            "Write the yearly report on a version of the project (a git tag, by default the last one) "
            "compared with the version before it: coverage, progress by principle and axis, changes, late "
            "measures and next due dates, the convention's assessments beside the answers, the AI register. "
            "Without any tag, the report is on the files on disk and compares them with nothing."
        ),
    )
    add_root(parser)
    parser.add_argument(
        "--version", metavar="REV", help=_("the version reported on: a tag or commit (default: the last tag)")
    )
    parser.add_argument("--previous", metavar="REV", help=_("the version compared with (default: the tag before)"))
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("bilan"), metavar="DIR", help=_("folder to write into")
    )
    parser.add_argument("--format", choices=FORMATS, default="both", help=_("what to write (default: both)"))
    parser.add_argument("--lang", help=_("language of the report (default: the environment's)"))
    parser.add_argument("--collectivity", default="", help=_("the public body's name, shown at the top"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the report files; return the exit status."""
    from ..i18n import language_from_environment, set_language
    from ..report.document import build_report
    from ..report.html import to_html
    from ..report.markdown import to_markdown
    from ..report.versions import ReportError, select_versions

    language = set_language(args.lang or language_from_environment())
    try:
        versions = select_versions(args.root, args.version, args.previous)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    report = build_report(versions, args.collectivity)
    out: Path = args.output
    try:
        out.mkdir(parents=True, exist_ok=True)
        if args.format in ("both", "markdown"):
            (out / MARKDOWN_NAME).write_text(to_markdown(report), encoding="utf-8")
            print(out / MARKDOWN_NAME)
        if args.format in ("both", "pdf"):
            from ..pdf.writer import PdfError, document_language, running_header, write_pdf

            page = out / HTML_NAME
            page.write_text(to_html(report, lang=document_language(language), date=versions.current.date), "utf-8")
            try:
                result = write_pdf(
                    page,
                    out / PDF_NAME,
                    extra_css=running_header(report.title, report.version_text),
                    warn=lambda message: sys.stderr.write(warning_line("bilan", message)),
                )
            except PdfError as exc:
                raise UsageError(str(exc)) from None
            finally:
                page.unlink(missing_ok=True)
            print(
                ngettext("{path} ({count} page)", "{path} ({count} pages)", result.pages).format(
                    path=result.path, count=result.pages
                )
            )
    except OSError as exc:
        raise UsageError(_("cannot write into '{path}': {error}").format(path=out, error=exc.strerror)) from None
    return EXIT_OK
