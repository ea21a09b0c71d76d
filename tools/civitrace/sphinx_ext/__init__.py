"""The civitrace Sphinx extension: directives, the ``{trace}`` role, pages and warnings.

``extensions = ["myst_parser", "civitrace"]`` and ``myst_enable_extensions =
["colon_fence"]`` in ``conf.py`` are all a project needs. Each feature is a
module with a ``setup(app)`` function, listed in :data:`FEATURES`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__, i18n
from . import (
    build_date,
    consistency,
    directives,
    followup,
    graph_directive,
    incremental,
    language,
    nodes,
    print_builder,
    publishing,
    resolve,
    roles,
    sealed_text,
    search_stems,
    source_reading,
    theme,
)
from .domain import CivitraceDomain

#: Bump when what the extension stores in the environment changes shape.
ENV_VERSION = 1

#: Feature modules, each registering its own config values, nodes, directives and events.
FEATURES = (
    language,
    build_date,
    nodes,
    roles,
    directives,
    resolve,
    source_reading,
    consistency,
    incremental,
    publishing,
    print_builder,
    followup,
    graph_directive,
    sealed_text,
    search_stems,
    theme,
)


def set_language(app: Sphinx, config: Config) -> None:
    """civitrace's own words (labels, messages) follow the site's ``language``."""
    i18n.set_language(config.language)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain and every feature; safe for parallel reading and writing."""
    app.setup_extension("myst_parser")
    app.connect("config-inited", set_language)
    app.add_domain(CivitraceDomain)
    for feature in FEATURES:
        feature.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
