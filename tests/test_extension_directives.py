"""Directives of Sphinx extensions: ``civitrace check`` reads inside them exactly when the build does.

The differential test covers the extensions civitrace knows (sphinx.ext.todo,
ifconfig, graphviz, sphinx-design) with and without them in conf.py; here, an
extension it does not know: both readers say the same thing about it.
"""

from __future__ import annotations

import pytest

from civitrace import i18n
from civitrace.extension_directives import COMPUTED, for_extensions
from civitrace.myst_settings import settings_from_conf
from civitrace.reader import read_project, read_text
from civitrace.rules import check
from helpers import write_project
from sphinx_helpers import build

COVERED = ":::{recommendation} R-1 Une recommandation\n:::\n\n"
IN_TABS = (
    COVERED + ":::::{tab-set}\n::::{tab-item} Onglet\n:::{measure} M-1 Dans un onglet\n:responds: R-1\n:::\n"
    "::::\n:::::\n"
)


def ids(text: str, extensions) -> list[str]:
    return [obj.id for obj in read_text(text, "x.md", "x", None, extensions).objects]


def test_an_extensions_directives_are_read_only_when_conf_py_loads_it():
    assert ids(IN_TABS, ["myst_parser", "civitrace", "sphinx_design"]) == ["R-1", "M-1"]
    assert ids(IN_TABS, ["myst_parser", "civitrace"]) == ["R-1"]  # tab-set is then unknown: MyST skips it
    todo = COVERED + "::::{todo}\n:::{measure} M-1 À faire\n:responds: R-1\n:::\n::::\n"
    assert ids(todo, ["sphinx.ext.todo"]) == ["R-1", "M-1"]
    assert ids(todo, []) == ["R-1"]
    dot = COVERED + "````{graphviz}\n:::{measure} M-1 Du DOT\n:::\n````\n"
    assert ids(dot, ["sphinx.ext.graphviz"]) == ["R-1"]  # a graph's source, never Markdown


def test_conf_py_extensions_are_read_without_running_it(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_design"]\n', encoding="utf-8")
    assert settings_from_conf(tmp_path).extensions == ("myst_parser", "sphinx_design")
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\nextensions.append("x")\n', encoding="utf-8")
    assert settings_from_conf(tmp_path).extensions is None
    (tmp_path / "conf.py").write_text("extensions = base + ['y']\n", encoding="utf-8")
    assert settings_from_conf(tmp_path).extensions is None
    assert for_extensions(None).unknown == COMPUTED
    assert for_extensions(["sphinx.ext.napoleon", "sphinx.builders.html", "furo"]).unknown == ()
    assert for_extensions(["boxes"]).unknown == ("boxes",)


#: An extension civitrace has never heard of, whose ``box`` reads its body as Markdown.
BOXES = """
from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class Box(SphinxDirective):
    has_content = True

    def run(self):
        box = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def setup(app):
    app.add_directive("box", Box)
    return {"parallel_read_safe": True}
"""

UNKNOWN_EXTENSION = {
    "conf.py": (
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'EXTENSIONS\nmyst_enable_extensions = ["colon_fence"]\n'
        'language = "fr"\nexclude_patterns = ["_build"]\n'
    ),
    "boxes.py": BOXES,
    "index.md": (
        "# Boîtes\n\n" + COVERED + ":::{response} R-1\n:decision: deferred\n\nPlus tard.\n:::\n\n"
        "::::{box}\n:::{measure} M-1 Dans une boîte\n:responds: R-1\n:::\n::::\n\n"
        "::::{box}\nRien de tracé ici.\n::::\n"
    ),
}


@pytest.mark.sphinx
@pytest.mark.parametrize(
    ("extensions", "named"),
    [
        ('extensions = ["myst_parser", "civitrace", "boxes"]', "boxes"),
        # computed: check cannot read the list, and the build judges with what check reads, not with Sphinx's list
        ('extensions = ["myst_parser", "civitrace"] + ["boxes"]', "la liste que calcule conf.py"),
    ],
)
def test_a_directive_of_an_unknown_extension_is_reported_the_same_by_check_and_the_build(tmp_path, extensions, named):
    files = {**UNKNOWN_EXTENSION, "conf.py": UNKNOWN_EXTENSION["conf.py"].replace("EXTENSIONS", extensions)}
    src = write_project(tmp_path / "src", files)
    previous = i18n.current_language()
    i18n.set_language("fr")
    try:
        project = read_project(src)
        fast = {(d.location.path, d.location.line, d.message, d.code) for d in check(project, as_of=None)}
    finally:
        i18n.set_language(previous)
    # check does not guess: it leaves M-1 out and says why, at the line of the box holding it (and only that box).
    assert [d[1:] for d in fast if d[3] == "unknown-directive"] == [
        (
            12,
            f"la directive «\u00a0box\u00a0» vient peut-être d'une extension que civitrace ne connaît pas ({named})\u00a0: "
            "civitrace check ne peut pas savoir si le site lit son texte, il laisse donc de côté les directives "
            "tracées qu'elle contient (M-1)\u00a0; écrivez-les hors de «\u00a0box\u00a0»",
            "unknown-directive",
        )
    ]
    assert "M-1" not in {obj.id for obj in project.objects}
    built = build(src, tmp_path / "out", builder="dummy")
    # The build says the same at the same line, whatever the extension does with the text.
    assert {d for d in built.civitrace_warnings() if d[3] == "unknown-directive"} == {
        d for d in fast if d[3] == "unknown-directive"
    }
