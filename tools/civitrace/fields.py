"""From what an author wrote (kind, argument, options, body) to a typed object.

Both readers, the fast one and the Sphinx directives, call
:func:`build_object`, so they accept and refuse exactly the same input and
say so with the same diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, Location, error
from .escaping import CONTROL_CHARACTERS, for_terminal
from .i18n import _
from .model import Milestone, TraceObject
from .vocabulary import ID_PATTERN, KINDS, OptionSpec, ValueType

# ASCII digits only: ``\d`` would take Arabic-Indic or full-width digits for numbers.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_NUMBER = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,15})?")
_MILESTONE_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
#: A line that looks like an option; in a body it means options were separated from the opening line.
_OPTION_LIKE = re.compile(r":[A-Za-z][A-Za-z0-9_-]*:(?:[ \t].*)?")


class _Invalid(ValueError):
    """An option value that cannot be read; the message is for authors."""


def parse_date(text: str) -> dt.date:
    """Read an ISO ``YYYY-MM-DD`` date, refusing other shapes and impossible days."""
    if not _DATE.fullmatch(text):
        raise _Invalid(f"'{text}' is not a date of the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"'{text}' is not a valid date") from None


def is_valid_id(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def _parse_id(text: str) -> str:
    if not is_valid_id(text):
        raise _Invalid(f"'{text}' is not a valid ID")
    return text


def _parse_url(text: str) -> str:
    """An ``http://`` or ``https://`` address with a host and no spaces (it becomes a link on the site)."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise _Invalid(_("'{text}' is not a web address starting with https:// or http://").format(text=text))
    return text


def _parse_value(spec: OptionSpec, text: str) -> object:
    kind = spec.type
    if kind is ValueType.TEXT:
        return text
    if kind is ValueType.ID:
        return _parse_id(text)
    if kind is ValueType.IDS:
        items = [item.strip() for item in text.split(",")]
        if any(not item for item in items):
            raise _Invalid(f"'{text}' has an empty item in its comma-separated list")
        return tuple(_parse_id(item) for item in items)
    if kind is ValueType.DATE:
        return parse_date(text)
    if kind is ValueType.INTEGER and spec.maximum is None:
        if not _INTEGER.fullmatch(text) or (spec.minimum is not None and int(text) < spec.minimum):
            message = _("'{text}' is not a whole number of at least {minimum}")
            raise _Invalid(message.format(text=text, minimum=spec.minimum or 0))
        return int(text)
    if kind is ValueType.INTEGER:
        if not _INTEGER.fullmatch(text):
            raise _Invalid(f"'{text}' is not a whole number between {spec.minimum} and {spec.maximum}")
        number = int(text)
        if (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
            raise _Invalid(f"{number} is not between {spec.minimum} and {spec.maximum}")
        return number
    if kind is ValueType.NUMBER:
        if not _NUMBER.fullmatch(text) or float(text.replace(",", ".")) <= 0:
            raise _Invalid(f"'{text}' is not a positive number")
        return float(text.replace(",", "."))
    if kind is ValueType.CHOICE:
        if text not in spec.choices:
            raise _Invalid(f"'{text}' is not one of {', '.join(spec.choices)}")
        return text
    if kind is ValueType.CHOICES:
        items = [item.strip() for item in text.split(",")]
        if any(not item for item in items):
            raise _Invalid(f"'{text}' has an empty item in its comma-separated list")
        for item in items:
            if item not in spec.choices:
                raise _Invalid(f"'{item}' is not one of {', '.join(spec.choices)}")
        return tuple(dict.fromkeys(items))  # in the author's order, once each
    if kind is ValueType.YES_NO:
        if text not in ("yes", "no"):
            raise _Invalid(_("'{text}' is not yes or no").format(text=text))
        return text == "yes"
    if kind is ValueType.URL:
        return _parse_url(text)
    if kind is ValueType.MILESTONES:
        steps = []
        for entry in _MILESTONE_SPLIT.split(text.strip()):
            date_text, _space, label = entry.partition(" ")
            if not label.strip():
                raise _Invalid(f"milestone '{entry}' needs a date and a label ('YYYY-MM-DD label')")
            steps.append(Milestone(parse_date(date_text), label.strip()))
        return tuple(sorted(steps, key=lambda m: m.date))
    raise AssertionError(kind)  # pragma: no cover - every ValueType is handled above


def _without_controls(
    kind: str,
    argument: str,
    raw_options: Mapping[str, object],
    body: str,
    location: Location,
    problems: list[Diagnostic],
) -> tuple[str, dict[str, object], str]:
    """The values with control characters taken out, and one diagnostic for each value that had some."""
    values = [v for v in raw_options.values() if isinstance(v, str)]
    if not CONTROL_CHARACTERS.search("\n".join([argument, body, *values])):
        return argument, dict(raw_options), body  # the usual case, in one search
    where: list[str] = []
    if CONTROL_CHARACTERS.search(argument):
        argument = CONTROL_CHARACTERS.sub("", argument)
        where.append(_("the title"))
    options: dict[str, object] = {}
    for name, value in raw_options.items():
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            value = CONTROL_CHARACTERS.sub("", value)
            where.append(_("the option '{name}'").format(name=name))
        options[name] = value
    if CONTROL_CHARACTERS.search(body):
        body = CONTROL_CHARACTERS.sub("", body)
        where.append(_("the text"))
    for place in where:
        problems.append(
            error(
                location,
                "control-character",
                _("{kind}: {place} holds control characters (removed); retype it").format(kind=kind, place=place),
            )
        )
    return argument, options, body


def _article(noun: str) -> str:
    """``a recommendation``, ``an ai-system``."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def build_object(
    kind: str,
    argument: str,
    raw_options: Mapping[str, object],
    body: str,
    location: Location,
    docname: str = "",
) -> tuple[TraceObject | None, list[Diagnostic]]:
    """Read one directive into a :class:`TraceObject` and the problems found in it.

    Returns no object when the argument is missing or its ID is invalid: such an
    object cannot be referred to, and the diagnostic says why.
    """
    spec = KINDS[kind]
    problems: list[Diagnostic] = []
    argument, raw_options, body = _without_controls(kind, argument, raw_options, body, location, problems)
    argument = " ".join(argument.split())
    object_id, _space, title = argument.partition(" ")
    target = spec.argument_target or ""
    if not object_id:
        what = f"{_article(target)} ID" if not spec.has_title else "an ID and a title"
        return None, [*problems, error(location, "missing-argument", f"{kind} needs {what}")]
    if not is_valid_id(object_id):
        return None, [
            *problems,
            error(location, "invalid-id", f"{kind} has an invalid ID '{for_terminal(object_id)}'", object_id),
        ]
    if spec.has_title and not title:
        problems.append(error(location, "missing-title", f"{kind} {object_id} has no title", object_id))
    name_of = f"{kind} {object_id}" if spec.has_title else f"{kind} for {object_id}"
    if not spec.has_title and title:
        problems.append(
            error(
                location,
                "unexpected-title",
                f"{kind} for {object_id} takes only {_article(target)} ID, not '{title}'",
                object_id,
            )
        )
        title = ""

    raw: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, value in raw_options.items():
        text = "" if value is None else str(value).strip()
        raw[name] = text
        option = spec.options.get(name)
        if option is None:
            allowed = ", ".join(spec.options) or "none"
            problems.append(
                error(
                    location,
                    "unknown-option",
                    f"{name_of} has unknown option '{name}' (allowed: {allowed})",
                    object_id,
                )
            )
            continue
        if not text:
            problems.append(error(location, "invalid-value", f"{name_of} has an empty '{name}'", object_id))
            continue
        try:
            values[name] = _parse_value(option, text)
        except _Invalid as exc:
            code = "invalid-date" if option.type in (ValueType.DATE, ValueType.MILESTONES) else "invalid-value"
            problems.append(error(location, code, f"{name_of} has an invalid '{name}': {exc}", object_id))
    for name, option in spec.options.items():
        if option.required and name not in raw:
            problems.append(error(location, "missing-option", f"{name_of} needs the option '{name}'", object_id))

    first_line = body.lstrip("\n").partition("\n")[0].strip()
    if first_line.startswith(":") and _OPTION_LIKE.fullmatch(first_line):
        # MyST reads options only right under the opening line: after a blank line they become text.
        problems.append(
            error(
                location,
                "option-in-body",
                f"{name_of} has '{first_line}' in its text: write options right under the opening line, "
                "with no blank line before them",
                object_id,
            )
        )

    obj = TraceObject(kind, object_id, title, location, values, raw, body.strip("\n"), docname)
    return obj, problems
