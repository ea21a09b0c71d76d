"""The traced directives (``recommendation``, ``measure``…) and ``trace-matrix``, ``trace-summary``.

A traced directive only records: it reads what the author wrote with the
same :func:`civitrace.fields.build_object` as the fast reader, stores the
object and its diagnostics in the domain, and leaves a block with
placeholders for what other documents contribute.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .. import directive_syntax
from ..diagnostics import Location
from ..fields import build_object
from ..vocabulary import KINDS
from . import nodes as trace_nodes
from .domain import civitrace_domain
from .render_block import invalid_block, object_block
from .source_reading import true_line


def source_path(env: BuildEnvironment, source: str | None, docname: str) -> str:
    """The path an object is reported at: relative to the source folder, POSIX, like the fast reader's."""
    if source:
        found = _relative_source(str(env.srcdir), source)
        if found is not None:
            return found
    return Path(env.doc2path(docname, False)).as_posix()


@functools.lru_cache(maxsize=4096)
def _relative_source(srcdir: str, source: str) -> str | None:
    # Once per file, not per directive: resolving a path asks the file system.
    for base, path in ((Path(srcdir), Path(source)), (Path(srcdir).resolve(), Path(source).resolve())):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


class TracedObjectDirective(SphinxDirective, directive_syntax.StandInDirective):
    """One traced object; subclasses set :attr:`kind`.

    Its argument, options and body are split by MyST from :class:`StandInDirective`'s attributes,
    the ones the fast reader hands MyST.
    """

    kind: ClassVar[str] = ""

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        source, _line = self.get_source_info()
        argument = self.arguments[0] if self.arguments else ""
        # MyST gives the line of the opening fence, 1-based; under a colon fence whose body starts with
        # the inner fence it is one too high per level, and the fast reader's line is the true one.
        line = true_line(docname, self.kind, " ".join(argument.split()), self.lineno)
        location = Location(source_path(self.env, source, docname), line)
        obj, problems = build_object(self.kind, argument, self.options, "\n".join(self.content), location, docname)
        domain = civitrace_domain(self.env)
        domain.note_diagnostics(docname, problems)

        body = nodes.container(classes=["civitrace-body"])
        self.state.nested_parse(self.content, self.content_offset, body)
        if obj is None:
            return invalid_block(self.kind, argument, body)

        anchor = make_id(self.env, self.state.document, "" if obj.has_own_id else self.kind, obj.id)
        if not obj.has_own_id:
            # responses and assessments are quoted on their recommendation's page
            body["civitrace_excerpt"] = anchor
        domain.note_object(docname, obj, anchor)
        domain.note_dependent(docname)
        target, box = object_block(obj, anchor, body)
        self.state.document.note_explicit_target(target)
        self.set_source_info(box)
        return [target, box]


def _directive_for(kind: str) -> type[TracedObjectDirective]:
    return type(f"{kind.capitalize()}Directive", (TracedObjectDirective,), {"kind": kind})


#: One directive class per kind, registered under the kind's plain name.
TRACED_DIRECTIVES: dict[str, type[TracedObjectDirective]] = {kind: _directive_for(kind) for kind in KINDS}


class PlaceholderDirective(SphinxDirective):
    """A directive whose content is computed from the whole project at resolve time.

    It leaves one placeholder node and marks its page as showing the whole
    project, so that the page is rewritten when any traced object changes.
    """

    placeholder: ClassVar[type[nodes.Element]]
    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict] = {}

    def make_node(self) -> nodes.Element:
        """The placeholder; subclasses with options store them on it."""
        return self.placeholder()

    def run(self) -> list[nodes.Node]:
        civitrace_domain(self.env).note_whole(self.env.docname)
        node = self.make_node()
        self.set_source_info(node)
        return [node]


class MatrixDirective(PlaceholderDirective):
    """``{trace-matrix}``: the recommendation × measure table."""

    placeholder = trace_nodes.TraceMatrix


class SummaryDirective(PlaceholderDirective):
    """``{trace-summary}``: the coverage figures."""

    placeholder = trace_nodes.TraceSummary


class RegisterDirective(PlaceholderDirective):
    """``{trace-register}``: the public register of the AI systems, with its figures."""

    placeholder = trace_nodes.TraceRegister


def setup(app: Sphinx) -> None:
    """Register every traced directive under its kind's name, and the tables."""
    for kind, directive in TRACED_DIRECTIVES.items():
        app.add_directive(kind, directive)
    app.add_directive("trace-matrix", MatrixDirective)
    app.add_directive("trace-summary", SummaryDirective)
    app.add_directive("trace-register", RegisterDirective)
