"""The whole yearly report: its title, what it compares, and its sections in order."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .blocks import Block, Paragraph
from .register_section import register_section
from .sections import (
    assessments_section,
    changes_section,
    key_figures,
    late_section,
    progress_section,
    version_name,
)
from .versions import ReportVersions


@dataclass(frozen=True)
class Report:
    """A report ready to be written: title lines, then blocks."""

    collectivity: str
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    version_text: str


def comparison_note(versions: ReportVersions) -> str:
    """What the report is about, in one sentence — and, without tags, why it compares with nothing."""
    if versions.no_git:
        return _(
            "The sources are not in a git repository: this report describes the files as they are, "
            "compared with nothing."
        )
    if versions.untagged and versions.previous is None:
        return _(
            "No version is tagged in git yet: this report describes the working files and compares them "
            "with nothing. Tag each version the council adopts (git tag v1) so that the next report "
            "shows what changed since."
        )
    if versions.previous is None:
        return _("{version} is the first tagged version: there is no earlier version to compare it with.").format(
            version=version_name(versions)
        )
    return _("This report describes {version} and compares it with {previous}.").format(
        version=version_name(versions), previous=version_name(versions, previous=True)
    )


def build_report(versions: ReportVersions, collectivity: str = "") -> Report:
    """The report on ``versions.current`` compared with ``versions.previous``."""
    blocks: list[Block] = [Paragraph(comparison_note(versions))]
    for section in (key_figures, progress_section, changes_section, late_section, assessments_section):
        blocks.extend(section(versions))
    blocks.extend(register_section(versions))
    return Report(
        collectivity=collectivity,
        title=_("Yearly report on the strategy"),
        subtitle=_("Where the strategy stands, what changed, what is late: for the council and the convention"),
        blocks=tuple(blocks),
        version_text=_("Version {version}").format(version=version_name(versions))
        if versions.current.commit is not None
        else version_name(versions)[:1].upper() + version_name(versions)[1:],
    )
