"""A small project with a real git history, for the history, export and follow-up tests.

Versions (committer dates fixed, so every figure and every byte is known):

- ``v1`` (2025-01-10, annotated tag): R-01 answered by M-01 (planned); R-02 declined with a
  justification; R-03 not covered. Coverage 2/3.
- a commit of 2025-03-01: M-01 in progress at 40 %; M-02 added, answering R-03.
- ``v2`` (2025-04-01, lightweight tag): M-01 retitled; R-02's response becomes ``adopted``
  without a measure, so R-02 is no longer covered. Coverage 2/3.
- the working tree (not committed): M-01 due later and also answering R-02; indicator I-01
  removed; the convention's assessment of R-01 added. Coverage 3/3.
"""

from __future__ import annotations

from pathlib import Path

from helpers import git

PRINCIPLES = """\
# Principes

:::{principle} P-A Utilité
Texte du principe A.
:::

:::{principle} P-B Transparence
Texte du principe B.
:::

:::{recommendation} R-01 Évaluer chaque projet
:principle: P-A

Évaluer avant de déployer.
:::

:::{recommendation} R-02 Mesurer l'empreinte
:principle: P-A

Mesurer l'empreinte environnementale.
:::

:::{recommendation} R-03 Signaler l'IA
:principle: P-B

Dire quand l'IA est utilisée.
:::
"""

AXIS = """\
# Axe

:::{axis} AX-1 Confiance
L'axe.
:::
"""


def measures_v1() -> str:
    return """\
# Mesures

:::{measure} M-01 Grille d'évaluation
:responds: R-01
:axis: AX-1
:status: planned
:start: 2025-01-15
:due: 2025-06-30
:progress: 0
:weight: 3
:milestones: 2025-02-15 Premier jet ; 2025-05-31 Validation

Une grille pour évaluer les projets.
:::

:::{indicator} I-01 Projets évalués
:measure: M-01
:unit: projets
:::
"""


def measures_c2() -> str:
    return (
        measures_v1().replace(":status: planned", ":status: in-progress").replace(":progress: 0", ":progress: 40")
        + """
:::{measure} M-02 Mention « assisté par IA »
:responds: R-03
:axis: AX-1
:status: done
:due: 2025-03-31
:::
"""
    )


def measures_v2() -> str:
    return measures_c2().replace("M-01 Grille d'évaluation", "M-01 Grille d'évaluation des projets")


def measures_work() -> str:
    text = (
        measures_v2()
        .replace(":due: 2025-06-30", ":due: 2025-09-30")
        .replace(":responds: R-01\n", ":responds: R-01, R-02\n")
    )
    start = text.index(":::{indicator}")
    end = text.index(":::\n", text.index(":unit:")) + 4
    return text[:start] + text[end:].lstrip("\n")


def responses(decision: str) -> str:
    return f"""\
# Réponses

:::{{response}} R-02
:decision: {decision}

La méthode de mesure n'existe pas encore.
:::
"""


ASSESSMENT = """\
# Suivi

:::{assessment} R-01
:grade: 4
:date: 2025-05-15

Bon début.
:::
"""

PYPROJECT = """\
[tool.civitrace]
exclude = ["docs"]
"""


def write(repo: Path, files: dict[str, str | None]) -> None:
    """Write (or delete, for None) files under ``repo``."""
    for rel, text in files.items():
        path = repo / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repo: Path, files: dict[str, str | None], message: str, date: str) -> None:
    write(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def make_project_repo(repo: Path, *, work: bool = True) -> Path:
    """Build the repository described in the module docstring under ``repo``; return it."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    commit(
        repo,
        {
            "pyproject.toml": PYPROJECT,
            "opinion/principes.md": PRINCIPLES,
            "strategy/axe.md": AXIS,
            "strategy/mesures.md": measures_v1(),
            "strategy/reponses.md": responses("declined"),
            "docs/notes.md": ":::{measure} M-99 Not traced\n:::\n",
            "README.md": "# Not a traced object\n",
        },
        "First adopted version",
        "2025-01-10T10:00:00+00:00",
    )
    git(repo, "tag", "-a", "v1", "-m", "Version 1", date="2025-01-10T12:00:00+00:00")
    commit(
        repo, {"strategy/mesures.md": measures_c2()}, "Progress of M-01, new measure M-02", "2025-03-01T09:00:00+00:00"
    )
    commit(
        repo,
        {"strategy/mesures.md": measures_v2(), "strategy/reponses.md": responses("adopted")},
        "Second version",
        "2025-04-01T09:00:00+00:00",
    )
    git(repo, "tag", "v2")
    if work:
        write(repo, {"strategy/mesures.md": measures_work(), "opinion/suivi.md": ASSESSMENT})
    return repo


def commit_work(repo: Path, date: str = "2025-06-01T09:00:00+00:00") -> None:
    """Commit the working-tree changes (without a tag)."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Follow-up session", date=date)
