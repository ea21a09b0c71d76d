"""``python -m civitrace``."""

from .cli import run

run()
