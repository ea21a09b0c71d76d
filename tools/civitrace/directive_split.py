"""Splitting a directive's text with MyST's own ``parse_directive_text``, for the fast reader.

The traced kinds (when :mod:`civitrace.fast_split`'s shortcut steps aside) and
the non-traced directives whose body MyST reads as Markdown. docutils and
MyST's directive parser are imported only when needed: they cost more to load
than most runs spend reading.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Location, error
from .directive_bodies import BodySpec
from .fast_split import Split
from .i18n import _


def split_with_myst(
    kind: str, first_line: str, content: str, line: int, path: str
) -> tuple[Split | None, list[Diagnostic]]:
    """Split a traced directive with MyST's ``parse_directive_text``; its complaints become ``syntax`` errors."""
    # Imported here: docutils and MyST's directive parser cost more to load than most runs spend reading.
    from docutils.parsers.rst.states import MarkupError
    from myst_parser.parsers.directives import parse_directive_text

    from .directive_syntax import StandInDirective, repeated_options

    problems: list[Diagnostic] = []
    try:
        result = parse_directive_text(StandInDirective, first_line, content, line=line)
    except MarkupError as exc:
        return None, [error(Location(path, line), "syntax", f"{kind}: {exc}")]
    for problem in result.warnings:
        problems.append(error(Location(path, problem.lineno or line), "syntax", f"{kind}: {problem.msg}"))
    for key, key_line in repeated_options(content, line):
        problems.append(
            error(
                Location(path, key_line),
                "repeated-option",
                _("{kind}: option '{key}' is given twice; only the last value would count").format(kind=kind, key=key),
            )
        )
    return Split(result.arguments, result.options, "\n".join(result.body), result.body_offset), problems


def split_container(spec: BodySpec, first_line: str, content: str, line: int) -> Split | None:
    """The body of a non-traced directive with a Markdown body, split as MyST splits it (``None``: it fails)."""
    from docutils.parsers.rst import Directive
    from docutils.parsers.rst.states import MarkupError
    from myst_parser.parsers.directives import parse_directive_text

    from .directive_syntax import AnyOption

    stand_in = type(
        "Container",
        (Directive,),
        {
            "required_arguments": spec.required_arguments,
            "optional_arguments": spec.optional_arguments,
            "final_argument_whitespace": spec.final_argument_whitespace,
            "has_content": True,
            "option_spec": AnyOption() if spec.has_options else None,
        },
    )
    try:
        result = parse_directive_text(stand_in, first_line, content, line=line)
    except MarkupError:
        return None
    return Split(result.arguments, result.options, "\n".join(result.body), result.body_offset)
