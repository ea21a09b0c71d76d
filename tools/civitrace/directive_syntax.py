"""How a traced directive's text is split into argument, options and body.

Both readers hand the text to MyST's own ``parse_directive_text`` with the
directive classes' attributes defined here, so they split it exactly as the
Sphinx build does. Options are accepted whatever their name: the vocabulary,
not docutils, decides which are known, and says so with a civitrace diagnostic.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils.parsers.rst import Directive, directives


class AnyOption(dict[str, Callable[[str | None], str]]):
    """An ``option_spec`` that takes every option as raw text."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:
        # MyST looks for an options block only when the spec is truthy.
        return True


#: The directive attributes shared by every traced kind.
REQUIRED_ARGUMENTS = 0
OPTIONAL_ARGUMENTS = 1
FINAL_ARGUMENT_WHITESPACE = True
HAS_CONTENT = True
OPTION_SPEC = AnyOption()


class StandInDirective(Directive):
    """A directive class carrying only these attributes, for the fast reader's calls into MyST."""

    required_arguments = REQUIRED_ARGUMENTS
    optional_arguments = OPTIONAL_ARGUMENTS
    final_argument_whitespace = FINAL_ARGUMENT_WHITESPACE
    has_content = HAS_CONTENT
    option_spec = OPTION_SPEC
