"""Translations of every string a person reads, for the command line and the site alike.

One gettext domain, ``civitrace``, with English message IDs and catalogs kept as
``.po`` files in ``locale/<lang>/LC_MESSAGES/civitrace.po``. The catalogs are read
with Babel (a Sphinx dependency) and compiled in memory, so no build output is
committed. Callers set the language once (the CLI from the locale or ``--lang``,
the Sphinx build from ``language``); ``_`` then answers in it.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "civitrace"
LOCALE_DIR = Path(__file__).parent / "locale"
#: The language of the message IDs: no catalog is needed for it.
SOURCE_LANGUAGE = "en"

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def available_languages() -> tuple[str, ...]:
    """The languages with a catalog, plus the source language."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def normalise(language: str | None) -> str:
    """``fr_FR.UTF-8`` → ``fr``; ``C``, ``POSIX``, empty or unknown → the source language."""
    if not language:
        return SOURCE_LANGUAGE
    base = language.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if base in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    languages = available_languages()
    if base in languages:
        return base
    short = base.split("_", 1)[0].lower()
    return short if short in languages else SOURCE_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language a gettext program would use: ``LANGUAGE``, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``.

    As in GNU gettext, ``LANGUAGE`` (a priority list such as ``fr:en``) is ignored
    when the locale itself is ``C`` or ``POSIX``.
    """
    env = os.environ if environ is None else environ
    locale_name = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    if locale_name.split(".", 1)[0] not in ("C", "POSIX"):
        for part in env.get("LANGUAGE", "").split(":"):
            if part and normalise(part) != SOURCE_LANGUAGE:
                return normalise(part)
    return normalise(locale_name)


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of one language (an empty one for the source language)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    # Imported here: `civitrace check` in English never pays for Babel.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        messages = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, messages, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str | None) -> str:
    """Answer in ``language`` from now on (normalised); return the language chosen."""
    global _active, _language
    _language = normalise(language)
    _active = catalog(_language)
    return _language


def current_language() -> str:
    """The language ``_`` answers in."""
    return _language


def _(message: str) -> str:
    """The translation of ``message`` (an English message ID) in the current language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural translation for ``count``."""
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it now (module-level constants)."""
    return message
