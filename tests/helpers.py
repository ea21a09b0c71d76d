"""Small helpers shared by the tests: write a project, run the checker."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from civitrace.reader import read_project
from civitrace.rules import check


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text, dedented, or raw bytes) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def diagnostics_text(root: Path, as_of: str | None = None) -> list[str]:
    """``path:line: severity: message`` lines, as ``civitrace check`` prints them."""
    import datetime as dt

    date = dt.date.fromisoformat(as_of) if as_of else None
    return [
        f"{d.location.path}:{d.location.line}: {d.severity.value}: {d.message}"
        for d in check(read_project(root), as_of=date)
    ]


#: A small, well-formed project: every rule passes on it.
VALID = {
    "opinion/principes.md": """
        # Principes

        :::{principle} P-1 Utilité de l'IA
        Le principe.
        :::

        :::{recommendation} R-01 Évaluer chaque projet
        :principle: P-1
        :vote: 5

        Texte adopté.
        :::

        :::{recommendation} R-02 Débattre des caméras
        :principle: P-1
        :::
        """,
    "strategy/axe.md": """
        # Axe

        :::{axis} AXE-1 Transparence
        :::

        :::{measure} M-01 Grille d'évaluation
        :responds: R-01
        :axis: AXE-1
        :owner: Pôle Numérique et Données
        :status: in-progress
        :start: 2025-01-01
        :due: 2026-06-30
        :progress: 40
        :::

        :::{indicator} I-01 Projets évalués
        :measure: M-01
        :target: 100 %
        :unit: projets
        :::

        :::{response} R-02
        :decision: deferred

        Le débat public aura lieu après les élections.
        :::
        """,
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``repo`` with no user or system configuration, at a fixed date."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout
