"""Traced directives written in reStructuredText inside an ``{eval-rst}`` block.

MyST hands the block to docutils' rST parser (with the lines padded so they
match the file), and the build's traced directives run there like anywhere
else. The fast reader does the same with docutils' own parser and directives
that read what they are given with :func:`civitrace.fields.build_object` and
parse their body, as the build's directives do. Only blocks that mention a
traced kind are parsed: docutils costs more than most files take to read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from .diagnostics import Diagnostic, Location
from .model import TraceObject
from .vocabulary import KINDS

_MENTIONS_KIND = re.compile(r"^\s*\.\.\s+(" + "|".join(map(re.escape, KINDS)) + r")\s*::", re.M | re.I)


def may_hold_traced(text: str) -> bool:
    """Whether an rST text may hold a traced directive (``.. measure::``)."""
    return _MENTIONS_KIND.search(text) is not None


def read_rst(
    content: str, line: int, path: str, docname: str
) -> tuple[list[TraceObject], list[Diagnostic], list[tuple[str, str, int]]]:
    """The objects of an ``{eval-rst}`` block whose opening fence is on 1-based ``line``."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    from . import directive_syntax  # docutils: loaded only for a block that needs it
    from .fields import build_object

    found: list[TraceObject] = []
    problems: list[Diagnostic] = []
    sites: list[tuple[str, str, int]] = []

    from docutils import nodes

    class Recorder(directive_syntax.StandInDirective):
        kind: ClassVar[str] = ""

        def run(self) -> list[nodes.Node]:
            argument = self.arguments[0] if self.arguments else ""
            sites.append((self.kind, " ".join(argument.split()), self.lineno))
            location = Location(path, self.lineno)
            obj, found_problems = build_object(
                self.kind, argument, self.options, "\n".join(self.content), location, docname
            )
            problems.extend(found_problems)
            if obj is not None:
                found.append(obj)
            body = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, body)
            return [body]

    parser = Parser()
    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    from docutils.utils import new_document

    document = new_document(path, settings)
    recorders = {kind: type(kind, (Recorder,), {"kind": kind}) for kind in KINDS}
    with _registered(recorders):
        # As MyST: the text is padded with empty lines so that docutils' lines are the file's.
        parser.parse("\n" * line + content, document)
    return found, problems, sites


@contextmanager
def _registered(classes: dict[str, type]) -> Iterator[None]:
    """docutils' directive registry is global: register for one parse, then put back what was there."""
    from docutils.parsers.rst import directives

    saved = {name: directives._directives.get(name) for name in classes}
    try:
        for name, cls in classes.items():
            directives.register_directive(name, cls)
        yield
    finally:
        for name, previous in saved.items():
            if previous is None:
                directives._directives.pop(name, None)
            else:
                directives._directives[name] = previous
