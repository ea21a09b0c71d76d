"""One generated strategy written three ways: a civitrace site, its sphinx-needs twin and a plain-Sphinx floor.

The same pages (one per principle and one per axis), the same objects, titles
and bodies, the same links, and one page with the whole diagram, the matrix
and the coverage figures:

- ``civitrace``: the project as an author writes it (``{trace-graph}``,
  ``{trace-matrix}``, ``{trace-summary}``), default settings;
- ``needs``: each object a need (types ``rec``, ``meas``, ``principle``,
  ``axis``; links ``responds``, ``principle``, ``axis``), the page with a
  ``needflow`` over every need (drawn by graphviz), a ``needtable`` of the
  recommendations with their measures and one of the measures, and a
  ``needs_warnings`` check for recommendations no measure answers;
- ``floor``: plain Sphinx and MyST, each object an admonition: what any
  build of these pages costs, with no traceability at all.

All three use Sphinx's default theme and MyST, so what differs is the tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generate import generate_project

_OPENING = re.compile(r"^:::\{(?P<kind>[\w-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")

#: sphinx-needs' directive for each civitrace kind.
NEED_TYPES = {"principle": "principle", "recommendation": "rec", "measure": "meas", "axis": "axis"}
#: civitrace link options, which are sphinx-needs links in the twin.
LINK_OPTIONS = ("responds", "principle", "axis")

TABLES_PAGE = "tableaux"

INDEX = """# Stratégie

```{toctree}
:glob:
:maxdepth: 1

opinion/*
strategy/*
tableaux
```
"""

CIVITRACE_CONF = """
project = "Banc d'essai"
extensions = ["myst_parser", "civitrace"]
myst_enable_extensions = ["colon_fence"]
language = "fr"
exclude_patterns = ["_build"]
civitrace_as_of = "2026-01-01"
"""

CIVITRACE_TABLES = """# Tableaux

:::{trace-graph}
:caption: Toute la stratégie
:::

:::{trace-matrix}
:::

:::{trace-summary}
:::
"""

NEEDS_CONF = """
project = "Banc d'essai"
extensions = ["myst_parser", "sphinx.ext.graphviz", "sphinx_needs"]
myst_enable_extensions = ["colon_fence"]
language = "fr"
exclude_patterns = ["_build"]
graphviz_output_format = "svg"
needs_flow_engine = "graphviz"
needs_id_required = True
needs_id_regex = r"^[A-Z0-9-]+$"
needs_types = [
    {"directive": "principle", "title": "Principe", "prefix": "P-", "color": "#e0d8ee", "style": "node"},
    {"directive": "rec", "title": "Recommandation", "prefix": "R-", "color": "#f5f5f5", "style": "node"},
    {"directive": "meas", "title": "Mesure", "prefix": "M-", "color": "#dff0d8", "style": "node"},
    {"directive": "axis", "title": "Axe", "prefix": "AXE-", "color": "#4a3d63", "style": "node"},
]
needs_extra_links = [
    {"option": "responds", "incoming": "répondue par", "outgoing": "répond à"},
    {"option": "principle", "incoming": "regroupe", "outgoing": "principe"},
    {"option": "axis", "incoming": "regroupe", "outgoing": "axe"},
]
needs_extra_options = ["owner", "start", "due", "progress", "vote"]
needs_warnings = {"uncovered": "type == 'rec' and len(responds_back) == 0"}
"""

NEEDS_TABLES = """# Tableaux

:::{needflow}
:::

:::{needtable}
:types: rec
:columns: id, title, responds_back
:::

:::{needtable}
:types: meas
:columns: id, title, status, responds
:::
"""

FLOOR_CONF = """
project = "Banc d'essai"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
language = "fr"
exclude_patterns = ["_build"]
"""

FLOOR_TABLES = """# Tableaux

Le schéma, la matrice et les chiffres de couverture n'existent pas sans outil de traçabilité.
"""


@dataclass(frozen=True)
class Twins:
    """Where the three projects were written, and the measure edited for the one-edit rebuild."""

    civitrace: Path
    needs: Path
    floor: Path
    objects: int
    edited_file: str  # relative to each project
    edited_measure: str


def _convert(text: str, target: str) -> str:
    """A civitrace page as its sphinx-needs twin (``needs``) or as plain admonitions (``floor``)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = _OPENING.match(lines[i])
        if not opening:
            out.append(lines[i])
            i += 1
            continue
        kind, argument = opening["kind"], opening["argument"]
        options: list[tuple[str, str]] = []
        i += 1
        while i < len(lines) and (option := _OPTION.match(lines[i])):
            options.append((option["name"], option["value"]))
            i += 1
        object_id, _, title = argument.partition(" ")
        if target == "needs":
            out.append(f":::{{{NEED_TYPES[kind]}}} {title or object_id}")
            out.append(f":id: {object_id}")
            for name, value in options:
                out.append(f":{name}: {value.replace(',', ';') if name in LINK_OPTIONS else value}")
        else:
            out.append(f":::{{admonition}} {object_id} {title}".rstrip())
            if options:
                out += ["", "; ".join(f"{name} : {value}" for name, value in options)]
    return "\n".join(out)


def write_twins(root: Path | str, objects: int, seed: int = 1) -> Twins:
    """Write the three projects for ``objects`` recommendations and measures (half each) on 100 pages."""
    root = Path(root)
    source = root / "civitrace"
    generate_project(source, objects // 2, objects - objects // 2, principles=50, axes=50, seed=seed, responses=False)
    (source / "conf.py").write_text(CIVITRACE_CONF, encoding="utf-8")
    (source / "index.md").write_text(INDEX, encoding="utf-8")
    (source / f"{TABLES_PAGE}.md").write_text(CIVITRACE_TABLES, encoding="utf-8")
    for target, conf, tables in (("needs", NEEDS_CONF, NEEDS_TABLES), ("floor", FLOOR_CONF, FLOOR_TABLES)):
        twin = root / target
        for page in sorted((source / "opinion").glob("*.md")) + sorted((source / "strategy").glob("*.md")):
            relative = page.relative_to(source)
            (twin / relative.parent).mkdir(parents=True, exist_ok=True)
            (twin / relative).write_text(_convert(page.read_text(encoding="utf-8"), target), encoding="utf-8")
        (twin / "conf.py").write_text(conf, encoding="utf-8")
        (twin / "index.md").write_text(INDEX, encoding="utf-8")
        (twin / f"{TABLES_PAGE}.md").write_text(tables, encoding="utf-8")
    edited = "strategy/01-axe.md"
    first = re.search(r"^:::\{measure\} (\S+)", (source / edited).read_text(encoding="utf-8"), re.MULTILINE)
    assert first is not None
    return Twins(source, root / "needs", root / "floor", objects, edited, first.group(1))


def edit_status(project: Path, twins: Twins) -> str:
    """Change the status of the edited measure (the first of its page); return the new status."""
    path = project / twins.edited_file
    text = path.read_text(encoding="utf-8")
    start = text.index(twins.edited_measure)
    status = re.compile(r"^:status: (.*)$", re.MULTILINE).search(text, start)
    assert status is not None
    new = "in-progress" if status.group(1).strip() == "done" else "done"
    path.write_text(text[: status.start()] + f":status: {new}" + text[status.end() :], encoding="utf-8")
    return new
