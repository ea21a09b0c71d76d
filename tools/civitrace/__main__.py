"""``python -m civitrace``: the same entry point as the ``civitrace`` command."""

from .console import run

run()
