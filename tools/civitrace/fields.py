"""From what an author wrote (kind, argument, options, body) to a typed object.

Both readers, the fast one and the Sphinx directives, call
:func:`build_object`, so they accept and refuse exactly the same input and
say so with the same diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cache
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, Location, error
from .escaping import CONTROL_CHARACTERS, for_terminal
from .i18n import _
from .model import Milestone, TraceObject
from .vocabulary import ID_PATTERN, KINDS, KindSpec, OptionSpec, ValueType, kind_name, object_name

# ASCII digits only: ``\d`` would take Arabic-Indic or full-width digits for numbers.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_NUMBER = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,15})?")
_MILESTONE_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
#: A line that looks like an option; in a body it means options were separated from the opening line.
_DATED_TYPES = (ValueType.DATE, ValueType.MILESTONES, ValueType.DATED_NOTE)
_OPTION_LIKE = re.compile(r":[A-Za-z][A-Za-z0-9_-]*:(?:[ \t].*)?")


class _Invalid(ValueError):
    """An option value that cannot be read; the message is for authors."""


def parse_date(text: str) -> dt.date:
    """Read an ISO ``YYYY-MM-DD`` date, refusing other shapes and impossible days."""
    if not _DATE.fullmatch(text):
        raise _Invalid(_("'{text}' is not a date of the form YYYY-MM-DD").format(text=text))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Invalid(_("'{text}' is not a valid date").format(text=text)) from None


def is_valid_id(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def _parse_id(text: str) -> str:
    if not is_valid_id(text):
        raise _Invalid(_("'{text}' is not a valid ID").format(text=text))
    return text


def _parse_url(text: str) -> str:
    """An ``http://`` or ``https://`` address with a host and no spaces (it becomes a link on the site)."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise _Invalid(_("'{text}' is not a web address starting with https:// or http://").format(text=text))
    return text


def _ids(spec: OptionSpec, text: str) -> tuple[str, ...]:
    items = [item.strip() for item in text.split(",")]
    if any(not item for item in items):
        raise _Invalid(_("'{text}' has an empty item in its comma-separated list").format(text=text))
    return tuple(_parse_id(item) for item in items)


def _integer(spec: OptionSpec, text: str) -> int:
    if spec.maximum is None:
        if not _INTEGER.fullmatch(text) or (spec.minimum is not None and int(text) < spec.minimum):
            message = _("'{text}' is not a whole number of at least {minimum}")
            raise _Invalid(message.format(text=text, minimum=spec.minimum or 0))
        return int(text)
    if not _INTEGER.fullmatch(text):
        raise _Invalid(
            _("'{text}' is not a whole number between {minimum} and {maximum}").format(
                text=text, minimum=spec.minimum, maximum=spec.maximum
            )
        )
    number = int(text)
    if (spec.minimum is not None and number < spec.minimum) or number > spec.maximum:
        raise _Invalid(
            _("{number} is not between {minimum} and {maximum}").format(
                number=number, minimum=spec.minimum, maximum=spec.maximum
            )
        )
    return number


def _number(spec: OptionSpec, text: str) -> float:
    if not _NUMBER.fullmatch(text) or float(text.replace(",", ".")) <= 0:
        raise _Invalid(_("'{text}' is not a positive number").format(text=text))
    return float(text.replace(",", "."))


def _choice(spec: OptionSpec, text: str) -> str:
    if text not in spec.choices:
        raise _Invalid(_("'{text}' is not one of {choices}").format(text=text, choices=", ".join(spec.choices)))
    return text


def _choices(spec: OptionSpec, text: str) -> tuple[str, ...]:
    items = [item.strip() for item in text.split(",")]
    if any(not item for item in items):
        raise _Invalid(_("'{text}' has an empty item in its comma-separated list").format(text=text))
    for item in items:
        if item not in spec.choices:
            raise _Invalid(_("'{text}' is not one of {choices}").format(text=item, choices=", ".join(spec.choices)))
    return tuple(dict.fromkeys(items))  # in the author's order, once each


def _yes_no(spec: OptionSpec, text: str) -> bool:
    if text not in ("yes", "no"):
        raise _Invalid(_("'{text}' is not yes or no").format(text=text))
    return text == "yes"


def _milestones(spec: OptionSpec, text: str) -> tuple[Milestone, ...]:
    steps = []
    for entry in _MILESTONE_SPLIT.split(text.strip()):
        date_text, _space, label = entry.partition(" ")
        if not label.strip():
            raise _Invalid(_("milestone '{entry}' needs a date and a label ('YYYY-MM-DD label')").format(entry=entry))
        steps.append(Milestone(parse_date(date_text), label.strip()))
    return tuple(sorted(steps, key=lambda m: m.date))


def _dated_note(spec: OptionSpec, text: str) -> Milestone:
    date_text, _space, note = text.partition(" ")
    if not note.strip():
        raise _Invalid(_("'{text}' needs a date and a reason ('YYYY-MM-DD reason')").format(text=text))
    return Milestone(parse_date(date_text), " ".join(note.split()))


#: How each type of value is read from its text (one lookup per option: projects hold tens of thousands).
_READERS: dict[ValueType, Callable[[OptionSpec, str], object]] = {
    ValueType.TEXT: lambda spec, text: text,
    ValueType.ID: lambda spec, text: _parse_id(text),
    ValueType.IDS: _ids,
    ValueType.DATE: lambda spec, text: parse_date(text),
    ValueType.INTEGER: _integer,
    ValueType.NUMBER: _number,
    ValueType.CHOICE: _choice,
    ValueType.CHOICES: _choices,
    ValueType.YES_NO: _yes_no,
    ValueType.URL: lambda spec, text: _parse_url(text),
    ValueType.MILESTONES: _milestones,
    ValueType.DATED_NOTE: _dated_note,
}


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
    where: list[tuple[str, str]] = []  # (place, the characters found there)
    if CONTROL_CHARACTERS.search(argument):
        words = argument.split(maxsplit=1)
        head = words[0] if words else ""
        rest = argument.replace(head, "", 1)
        if CONTROL_CHARACTERS.search(head):
            where.append((_("the ID"), head))  # kept: an ID that cannot be seen whole is refused (invalid-id)
        if CONTROL_CHARACTERS.search(rest):
            where.append((_("the title"), rest))
            rest = CONTROL_CHARACTERS.sub("", rest)
        argument = head + " " + rest
    options: dict[str, object] = {}
    for name, value in raw_options.items():
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            where.append((_("the option '{name}'").format(name=name), value))
            value = CONTROL_CHARACTERS.sub("", value)
        options[name] = value
    if CONTROL_CHARACTERS.search(body):
        where.append((_("the text"), body))
        body = CONTROL_CHARACTERS.sub("", body)
    label = KINDS[kind].label
    for place, value in where:
        found = ", ".join(for_terminal(c) for c in dict.fromkeys(CONTROL_CHARACTERS.findall(value)))
        if place == _("the ID"):
            message = _("{kind}: the ID holds invisible control characters ({characters}); retype it")
        else:
            message = _("{kind}: {place} holds invisible control characters ({characters}), removed; retype it")
        problems.append(error(location, "control-character", message.format(kind=label, place=place, characters=found)))
    return argument, options, body


def _article(noun: str) -> str:
    """``a recommendation``, ``an AI system``: the English article (other languages ignore it)."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _words(spec: KindSpec) -> dict[str, str]:
    """The words messages about a kind's argument use: its name, its target's, with an article."""
    target = kind_name(spec.argument_target or "")
    return {"kind": spec.label, "target": target, "a_target": _article(target)}


@cache
def _required(kind: str) -> tuple[str, ...]:
    """The options a kind must have, in the vocabulary's order."""
    return tuple(name for name, option in KINDS[kind].options.items() if option.required)


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
    if not object_id:
        what = _("{kind} needs an ID and a title") if spec.has_title else _("{kind} needs {a_target} ID")
        return None, [*problems, error(location, "missing-argument", what.format(**_words(spec)))]
    if not is_valid_id(object_id):
        message = _("{kind} has an invalid ID '{id}'").format(kind=spec.label, id=for_terminal(object_id))
        return None, [*problems, error(location, "invalid-id", message, object_id)]

    def name_of() -> str:
        # Only messages need the object's name; most objects have none (a gettext call saved per object).
        return object_name(kind, object_id, spec.has_title)

    if spec.has_title and not title:
        problems.append(error(location, "missing-title", _("{name} has no title").format(name=name_of()), object_id))
    if not spec.has_title and title:
        message = _("{name} takes only {a_target} ID, not '{title}'").format(
            name=name_of(), title=title, **_words(spec)
        )
        problems.append(error(location, "unexpected-title", message, object_id))
        title = ""

    raw: dict[str, str] = {}
    values: dict[str, object] = {}
    specs = spec.options
    for name, value in raw_options.items():
        text = value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()
        raw[name] = text
        option = specs.get(name)
        if option is None:
            allowed = ", ".join(specs) or _("none")
            message = _("{name} has unknown option '{option}' (allowed: {allowed})")
            problems.append(
                error(
                    location, "unknown-option", message.format(name=name_of(), option=name, allowed=allowed), object_id
                )
            )
            continue
        if not text:
            problems.append(
                error(
                    location,
                    "invalid-value",
                    _("{name} has an empty '{option}'").format(name=name_of(), option=name),
                    object_id,
                )
            )
            continue
        try:
            values[name] = _READERS[option.type](option, text)
        except _Invalid as exc:
            code = "invalid-date" if option.type in _DATED_TYPES else "invalid-value"
            message = _("{name} has an invalid '{option}': {problem}").format(name=name_of(), option=name, problem=exc)
            problems.append(error(location, code, message, object_id))
    for name in _required(kind):
        if name not in raw:
            message = _("{name} needs the option '{option}'").format(name=name_of(), option=name)
            problems.append(error(location, "missing-option", message, object_id))

    text = body.lstrip("\n")
    end = text.find("\n")
    first_line = (text if end < 0 else text[:end]).strip()  # the first line only: bodies can be long
    if first_line.startswith(":"):
        if _OPTION_LIKE.fullmatch(first_line):
            # MyST reads options only right under the opening line: after a blank line they become text.
            problems.append(
                error(
                    location,
                    "option-in-body",
                    _(
                        "{name} has '{line}' in its text: write options right under the opening line, "
                        "with no blank line before them"
                    ).format(name=name_of(), line=first_line),
                    object_id,
                )
            )

    obj = TraceObject(kind, object_id, title, location, values, raw, body.strip("\n"), docname)
    return obj, problems
