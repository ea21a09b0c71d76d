"""civitrace: trace a citizens' convention opinion to the Data/AI strategy that answers it.

``extensions = ["myst_parser", "civitrace"]`` in a Sphinx ``conf.py`` enables
the directives, the role and the checks; the command line is ``civitrace``.
The model, the readers and the rules do not import Sphinx: only :func:`setup` does.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point: register the civitrace extension."""
    from .sphinx_ext import setup as setup_extension

    return setup_extension(app)
