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
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache, wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

DOMAIN = "civitrace"
LOCALE_DIR = Path(__file__).parent / "locale"
#: The language of the message IDs: no catalog is needed for it.
SOURCE_LANGUAGE = "en"

P = ParamSpec("P")
R = TypeVar("R")

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
def catalog(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog of one language (an empty one for the source language).

    ``domain`` is ``civitrace`` (civitrace's own strings), ``theme`` (the site theme's) or
    ``argparse`` (the words of Python's argument parser, for the command line's help and errors).
    """
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    # Imported here: `civitrace check` in English never pays for Babel.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        messages = read_po(handle, locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, messages, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str | None) -> str:
    """Answer in ``language`` from now on (normalised); return the language chosen.

    argparse's own words ("usage:", "options", "error:") follow too, from the ``argparse`` catalog.
    """
    global _active, _language
    _language = normalise(language)
    _active = catalog(_language)
    _translate_argparse(catalog(_language, "argparse"))
    return _language


def _translate_argparse(translations: gettext.NullTranslations) -> None:
    # argparse looks up its module-level `_` and `ngettext` (the stdlib's gettext, bound to the
    # process's default domain) each time it speaks: point them at civitrace's catalog of its words.
    import argparse

    argparse._ = lambda message: translations.gettext(message) if message else message  # type: ignore[attr-defined]
    argparse.ngettext = translations.ngettext  # type: ignore[attr-defined]


@contextmanager
def language(name: str | None) -> Iterator[str]:
    """Answer in ``name`` inside the ``with`` block, then in the language chosen before."""
    before = _language
    try:
        yield set_language(name)
    finally:
        set_language(before)


def in_language(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function whose texts exist in one language only, so it answers in it whatever is set."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with language(name):
                return function(*args, **kwargs)

        return wrapper

    return decorate


def current_language() -> str:
    """The language ``_`` answers in."""
    return _language


def _(message: str) -> str:
    """The translation of ``message`` (an English message ID) in the current language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural translation for ``count``."""
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """The translation of ``message`` in ``context`` (e.g. a kind, so that French agrees with its gender)."""
    return _active.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """The singular or plural translation for ``count``, in ``context``."""
    return _active.npgettext(context, singular, plural, count)


def is_plural(count: int) -> bool:
    """Whether the current language writes ``count`` things with the plural (French: 2 and more)."""
    rule = getattr(_active, "plural", None)
    return bool(rule(count)) if rule is not None else count != 1


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it now (module-level constants)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in ``context`` for the catalogs without translating it now (read with ``pgettext``)."""
    return context, message


def label_value(label: object, value: object) -> str:
    """``label: value`` as the language writes it (French puts a space before the colon)."""
    return _("{label}: {value}").format(label=label, value=value)


class Labels(Mapping[object, str]):
    """A table of labels kept as English message IDs and read in the current language.

    Module-level tables (``STATUS_LABELS["done"]``) are built at import time, before
    any language is chosen; this mapping translates each value when it is read.
    """

    def __init__(self, messages: Mapping[object, str]) -> None:
        self._messages = dict(messages)

    def __getitem__(self, key: object) -> str:
        return _(self._messages[key])

    def __iter__(self) -> Iterator[object]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def msgid(self, key: object) -> str:
        """The English message ID of ``key`` (untranslated)."""
        return self._messages[key]
