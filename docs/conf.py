"""Sphinx configuration of the example site.

The source folder is the repository root (``opinion/``, ``strategy/``, ``docs/``)
and this file lives in ``docs/``::

    sphinx-build -c docs -W --keep-going -b html . _build/html
"""

from __future__ import annotations

project = "civitrace — Montpellier Méditerranée Métropole"
author = "Montpellier Méditerranée Métropole"
# No year: the site must not depend on the day it is built.
copyright = "Montpellier Méditerranée Métropole — corpus reconstitué pour démonstration"
language = "fr"

# The site's home page is docs/index.md; docs/_extra/index.html redirects the site root to it.
root_doc = "docs/index"

extensions = ["myst_parser", "civitrace"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".md": "markdown"}

# Everything under the repository root that is not part of the site.
exclude_patterns = [
    "_build",
    "build",
    "dist",
    ".*",  # hidden folders and files: .git, .nox, .venv, .pytest_cache…
    "**/.*",
    ".nox",
    ".venv",
    "venv",
    ".pytest_cache",
    "**/.pytest_cache",
    "**/__pycache__",
    "**/node_modules",
    "*.egg-info",
    "tests",
    "tools",
    "benchmarks",
    "README.md",
    "docs/_extra",
]

# -- HTML ---------------------------------------------------------------------------------------

html_theme = "furo"
html_title = project
html_extra_path = ["_extra"]

# -- PDF ----------------------------------------------------------------------------------------
# `nox -s pdf` builds the tagged PDF (PDF/UA-1) with the civitrace-pdf builder and WeasyPrint into
# _build/pdf/civitrace.pdf; `nox -s site` also copies it into the site, whose pages link to it.
# The cover shows the version and the date of the last change, from git, never the clock.

civitrace_pdf_title = "Avis de la convention citoyenne sur l'IA et stratégie de la donnée et de l'IA"
civitrace_pdf_subtitle = "Recommandations, réponses de la Métropole, mesures et suivi"
civitrace_pdf_running_title = "Convention citoyenne sur l'IA et stratégie de la Métropole"  # each page's header
civitrace_accessibility = "docs/accessibilite"
