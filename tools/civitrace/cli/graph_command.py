"""``civitrace graph``: draw the traceability diagram to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import N_, _
from .arguments import add_root, iso_date

FORMATS = ("svg", "pdf", "png", "dot")

DESCRIPTION = N_("""\
Draw the traceability diagram of the project under ROOT into FILE; the format follows
the file's extension: .svg, .pdf, .png or .dot (graphviz source). In SVG each object is
a node whose <title> is its ID.

What to draw (one at a time):
  (default)          every principle, recommendation, measure and axis, left to right
  --root ID          the neighbourhood of one object, --depth links around it (default 1)
  --overview         principles and axes only, with counts and coverage: for large projects
  --principle ID     one principle: its recommendations and the measures that answer them,
                     laid out to fit an A4 landscape page
  --split DIR        for print: DIR/vue-d-ensemble.FORMAT plus one DIR/<PRINCIPLE-ID>.FORMAT
                     per principle (use this when the whole diagram is too large to read)

Lateness is judged at the date of the version (SOURCE_DATE_EPOCH, else the last commit,
else today) unless --as-of is given, so two runs on one commit draw the same diagram.
""")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "graph",
        help=_("draw the traceability diagram (svg, pdf, png, dot)"),
        description=_(DESCRIPTION),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(parser)
    parser.add_argument("-o", "--output", metavar="FILE", help=_("file to write: .svg, .pdf, .png or .dot"))
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--root", dest="root_id", metavar="ID", help=_("draw the neighbourhood of this object"))
    view.add_argument("--overview", action="store_true", help=_("draw principles and axes with counts"))
    view.add_argument("--principle", metavar="ID", help=_("draw one principle and what answers it"))
    view.add_argument("--split", metavar="DIR", type=Path, help=_("write the overview and one file per principle"))
    parser.add_argument("--depth", type=int, default=1, metavar="N", help=_("links around --root (default: 1)"))
    parser.add_argument("--indicators", action="store_true", help=_("draw indicators after their measures"))
    parser.add_argument(
        "--register",
        action="store_true",
        help=_("draw the AI systems of the register after the measures carrying them"),
    )
    parser.add_argument("--format", choices=FORMATS, default=None, help=_("format for --split (default: svg)"))
    parser.add_argument(
        "--as-of", type=iso_date, default=None, metavar="DATE", help=_("judge lateness at this date, YYYY-MM-DD")
    )
    parser.add_argument(
        "--base-url", metavar="URL", default=None, help=_("link each node to its page in the site published at URL")
    )
    parser.add_argument("--text", metavar="FILE", help=_("also write the text alternative (a Markdown list) to FILE"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Draw what the arguments ask for (the drawing code, with networkx, is loaded only now)."""
    from .graph_drawing import draw

    return draw(args)
