"""``python -m civitrace``."""

try:
    from .cli import EXIT_INTERRUPTED, run
except KeyboardInterrupt:  # Ctrl-C while the modules load: no traceback either
    raise SystemExit(130) from None

try:
    run()
except KeyboardInterrupt:
    raise SystemExit(EXIT_INTERRUPTED) from None
