"""The shapes of the vocabulary: value types, option and kind specifications.

Plain data classes; the vocabulary itself (which kinds, which options) is in
:mod:`.vocabulary` and :mod:`.register_vocabulary`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from .i18n import _, is_plural


class ValueType(Enum):
    """How an option's raw text is read."""

    ID = "id"  # one object ID
    IDS = "ids"  # a comma-separated list of IDs
    TEXT = "text"
    DATE = "date"  # ISO YYYY-MM-DD
    INTEGER = "integer"  # bounded by ``minimum``/``maximum``
    NUMBER = "number"  # a positive decimal number
    CHOICE = "choice"  # one of ``choices``
    MILESTONES = "milestones"  # ``YYYY-MM-DD label`` entries separated by ';' or lines
    URL = "url"  # an http:// or https:// address
    YES_NO = "yes-no"  # ``yes`` or ``no``
    CHOICES = "choices"  # a comma-separated list of ``choices``


@dataclass(frozen=True)
class OptionSpec:
    """One option a kind accepts."""

    name: str
    type: ValueType
    label_id: str  # English message ID of the label shown on pages (see ``label``)
    targets: tuple[str, ...] = ()  # kinds an ID/IDS option may point to
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    #: English message IDs of the values' labels (translated where shown); empty: the older label tables.
    labels: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """The option's label in the current language."""
        return _(self.label_id)


@dataclass(frozen=True)
class KindSpec:
    """One kind of traced object."""

    name: str
    label_id: str  # English message ID, singular, lower case (see ``label``)
    plural_id: str  # English message ID, plural
    folder: str  # where authors are expected to write it
    options: dict[str, OptionSpec] = field(default_factory=dict)
    #: ``False`` when the argument is a recommendation ID, not a new ID and title.
    has_title: bool = True
    #: for kinds without their own ID: the kind their argument names.
    argument_target: str | None = None
    #: for kinds without their own ID: the option that tells two of them about one object apart.
    key_option: str | None = None

    @property
    def label(self) -> str:
        """The kind's name in the current language, singular: ``recommandation``."""
        return _(self.label_id)

    @property
    def plural(self) -> str:
        """The kind's name in the current language, plural."""
        return _(self.plural_id)

    def count(self, number: int) -> str:
        """``4 recommandations``, ``1 mesure``, ``0 mesure``: a number of objects of this kind."""
        return f"{number} {self.plural if is_plural(number) else self.label}"

    @cached_property
    def link_options(self) -> tuple[OptionSpec, ...]:
        """The options whose values are IDs of other objects."""
        return tuple(o for o in self.options.values() if o.type in (ValueType.ID, ValueType.IDS))


def option(name: str, type_: ValueType, label_id: str, **kw: object) -> tuple[str, OptionSpec]:
    """``(name, spec)``, to build a kind's options as ``dict([option(...), ...])``."""
    return name, OptionSpec(name, type_, label_id, **kw)  # type: ignore[arg-type]
