"""Directives that Sphinx extensions add, and whether the build reads their body as Markdown.

A directive of an extension exists in the build only when conf.py's
``extensions`` loads it: then its body is read as the extension reads it (a
nested parse, as ``{tab-item}`` or ``{todo}`` do, or not at all, as
``{graphviz}``); without the extension the name is unknown to MyST and its body
is never read. The fast reader follows this table, with the project's own
``extensions`` list. An extension not listed here may add directives civitrace
cannot judge: :class:`ExtensionDirectives` says so, and the reader reports
traced directives written inside them instead of guessing silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Location, warning
from .directive_bodies import BodySpec
from .i18n import _

_PLAIN = BodySpec()
_TITLE = BodySpec(0, 1, True)

#: Extension module -> its directives whose body the build reads as Markdown (``BodySpec``) or never (``None``).
KNOWN_EXTENSIONS: dict[str, dict[str, BodySpec | None]] = {
    "myst_parser": {"figure-md": _TITLE},
    "civitrace": {},  # its directives are in directive_bodies
    "sphinx.ext.todo": {"todo": _PLAIN, "todolist": None},
    "sphinx.ext.ifconfig": {"ifconfig": BodySpec(1, 0, True, has_options=False)},
    "sphinx.ext.graphviz": {"graphviz": None, "graph": None, "digraph": None},
    "sphinx.ext.inheritance_diagram": {"inheritance-diagram": None},
    "sphinx.ext.doctest": dict.fromkeys(("doctest", "testcode", "testoutput", "testsetup", "testcleanup")),
    "sphinx.ext.autosummary": {"autosummary": None},
    # autodoc parses its directives' bodies as reStructuredText with the generated text, never as Markdown.
    "sphinx.ext.autodoc": dict.fromkeys(
        "automodule autoclass autoexception autofunction autodecorator automethod autoattribute autoproperty "
        "autodata autotypevar autonewtypevar".split()
    ),
    "sphinx_design": {
        **dict.fromkeys(
            ("card-header", "card-footer", "grid-item", "accordion", "tab-set", "tab-set-code", "steps"), _PLAIN
        ),
        **dict.fromkeys(("div", "card", "grid", "grid-item-card", "dropdown", "step", "aside"), _TITLE),
        "card-carousel": BodySpec(1, 0, False),
        "tab-item": BodySpec(1, 0, True),
        # a button's or an article's text is one line of inline text, never blocks
        **dict.fromkeys(("button-link", "button-ref", "article-info")),
    },
    "sphinx_togglebutton": {"toggle": _PLAIN},
    "sphinxcontrib.mermaid": {"mermaid": None},
    "sphinxcontrib.bibtex": {"bibliography": None, "footbibliography": None},
}

#: Extensions known to add no directive (Sphinx's own modules, themes, common helpers).
NO_DIRECTIVES = frozenset(
    {
        "sphinx.ext.autosectionlabel",
        "sphinx.ext.coverage",
        "sphinx.ext.duration",
        "sphinx.ext.extlinks",
        "sphinx.ext.githubpages",
        "sphinx.ext.imgconverter",
        "sphinx.ext.imgmath",
        "sphinx.ext.intersphinx",
        "sphinx.ext.linkcode",
        "sphinx.ext.mathjax",
        "sphinx.ext.napoleon",
        "sphinx.ext.viewcode",
        "sphinx_copybutton",
        "sphinx_autobuild",
        "sphinxext.opengraph",
        "sphinx_sitemap",
        "notfound.extension",
        "furo",
        "sphinx_rtd_theme",
        "pydata_sphinx_theme",
        "sphinx_book_theme",
        "alabaster",
    }
)

#: Every directive name some known extension adds (never taken for a misspelt kind, loaded or not).
EXTENSION_DIRECTIVE_NAMES = frozenset(name for table in KNOWN_EXTENSIONS.values() for name in table)


def _known(extension: str) -> bool:
    # Sphinx's own modules (builders, domains, directives) are loaded by Sphinx itself; their directives are core.
    if extension in KNOWN_EXTENSIONS or extension in NO_DIRECTIVES or extension.startswith("civitrace."):
        return True
    return extension.startswith("sphinx.") and not extension.startswith("sphinx.ext.")


#: The unknown extensions of a conf.py whose ``extensions`` is computed (not a literal list).
COMPUTED = ("conf.py",)


@dataclass(frozen=True)
class ExtensionDirectives:
    """What the loaded extensions add: directives read as Markdown, directives never read, unknown extensions."""

    markdown: dict[str, BodySpec] = field(default_factory=dict)
    other: frozenset[str] = frozenset()
    #: Loaded extensions this table does not know (:data:`COMPUTED` when the list cannot be read).
    unknown: tuple[str, ...] = ()


def for_extensions(extensions: Iterable[str] | None) -> ExtensionDirectives:
    """The directives of the extensions a project loads; ``None``: conf.py's list is computed, not literal."""
    if extensions is None:
        return ExtensionDirectives(unknown=COMPUTED)
    markdown: dict[str, BodySpec] = {}
    other: set[str] = set()
    unknown: list[str] = []
    for extension in extensions:
        if not isinstance(extension, str):
            continue
        for name, spec in KNOWN_EXTENSIONS.get(extension, {}).items():
            if spec is None:
                other.add(name)
            else:
                markdown[name] = spec
        if not _known(extension) and extension not in unknown:
            unknown.append(extension)
    return ExtensionDirectives(markdown, frozenset(other), tuple(unknown))


def unread_inside(
    location: Location, name: str, unknown: tuple[str, ...], sites: list[tuple[str, str, int]]
) -> Diagnostic:
    """The warning for traced directives (``sites``) inside ``name``, a directive of an unknown extension."""
    ids = ", ".join(argument.partition(" ")[0] or kind for kind, argument, _line in sites)
    extensions = _("the list conf.py computes") if unknown == COMPUTED else ", ".join(unknown)
    message = _(
        "directive '{name}' may come from an extension civitrace does not know ({extensions}): civitrace "
        "check cannot tell whether the site reads its text, so it leaves out the traced directives inside "
        "({ids}); write them outside '{name}'"
    ).format(name=name, extensions=extensions, ids=ids)
    return warning(location, "unknown-directive", message)
