"""The ``civitrace`` command's entry point, light enough to catch Ctrl-C before anything heavy is imported.

Loading the command line (argparse, the reader, MyST, docutils…) takes a
noticeable fraction of a second; a Ctrl-C meanwhile must stop the command like
any other time: one short line and the status shells expect (130), never a
traceback. This module imports nothing of civitrace until it is ready for that.
"""

from __future__ import annotations

import signal
import sys

#: The status of a command stopped by Ctrl-C, as shells report it (128 + SIGINT).
EXIT_INTERRUPTED = 130


def interrupted() -> None:
    """Say that the command was stopped, in the user's language when the catalogs can be loaded, and exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while saying so changes nothing
    message = "civitrace: interrupted"
    try:
        from . import i18n

        i18n.set_language(i18n.language_from_environment())
        message = i18n._("civitrace: interrupted")
    except Exception:  # the catalogs were not loaded either: English
        pass
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed
        pass
    raise SystemExit(EXIT_INTERRUPTED)


def run() -> None:
    """Console-script entry point: load the command line, then run it; Ctrl-C at any time is one line."""
    try:
        from .cli import run as run_command
    except KeyboardInterrupt:
        interrupted()
    try:
        run_command()
    except KeyboardInterrupt:  # between the command line's own handlers (e.g. while its parser is built)
        interrupted()


if __name__ == "__main__":  # pragma: no cover - python -m civitrace goes through __main__
    run()
