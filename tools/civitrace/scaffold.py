"""A new project for another collectivity, written from the template shipped with the package.

The template lives in ``project_template/`` as plain files (package data). A
file whose name ends in ``.tmpl`` has markers ``@@NAME_MD@@``, ``@@NAME_PY@@``…
replaced by the collectivity's name escaped for where it goes (Markdown, a
Python, TOML or YAML string, HTML, a comment line); other files are copied as they
are. A path part ``dot-x`` is written ``.x`` (hidden files are awkward as
package data). Nothing is ever overwritten: files are created exclusively,
into a folder that must be new or empty.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .i18n import _

TEMPLATE = "project_template"
TEMPLATE_SUFFIX = ".tmpl"
HIDDEN_PREFIX = "dot-"
#: Template folders whose files are programs (run by CI): written executable.
EXECUTABLE_FOLDERS = frozenset({".ci"})
#: civitrace with the extra that writes the PDF (``nox -s pdf``, ``bilan``, ``site``).
PACKAGE_WITH_PDF = "civitrace[pdf]"
_MARKER = re.compile(r"@@([A-Z_]+)@@")
# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start markup
# (emphasis, links, HTML, headings, tables, MyST roles and substitutions) inside a line of text.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#{}|~$&!])")


class ScaffoldError(Exception):
    """The project cannot be written (bad name, folder not empty); the message is for users."""


def one_line(text: str) -> str:
    """The name on one line: NFC, runs of white space (newlines included) as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def markdown_text(text: str) -> str:
    """Text that reads as itself in a line of MyST Markdown (no emphasis, link, role or HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def toml_string(text: str) -> str:
    """A TOML basic string: backslash and quote escaped, control characters as ``\\uXXXX``."""
    escaped = []
    for char in text:
        if char in ('"', "\\"):
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def python_string(text: str) -> str:
    """A Python string literal."""
    return repr(text)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Settings:
    """What the template is filled with."""

    name: str
    requirement: str

    def markers(self) -> dict[str, str]:
        """Every marker of the templates and its value, escaped for its context."""
        return {
            "NAME_MD": markdown_text(self.name),
            "NAME_PY": python_string(self.name),
            "NAME_TOML": toml_string(self.name),
            "NAME_HTML": html.escape(self.name),
            "NAME_YAML_SITE": yaml_string(f"Site — {self.name}"),
            "NAME_LINE": self.name,
            "REQUIREMENT": self.requirement,
        }


def checked_settings(name: str, requirement: str) -> Settings:
    """Validated settings: a non-empty one-line name without control characters, a one-line requirement."""
    clean = one_line(name)
    if not clean:
        raise ScaffoldError(_('the collectivity\'s name is empty: give it with --name "Ville de …"'))
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in clean):
        raise ScaffoldError(_("the collectivity's name contains control characters"))
    spec = requirement.strip()
    if not spec or "\n" in spec or "\r" in spec:
        raise ScaffoldError(_("the civitrace requirement must be one line, such as 'civitrace==0.1.0'"))
    return Settings(clean, spec)


def template_files(root: Traversable | None = None, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """``(path in the template, file)`` for every file of the template, sorted."""
    folder = root if root is not None else resources.files("civitrace").joinpath(TEMPLATE)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from template_files(entry, f"{path}/")
        else:
            yield path, entry


def output_path(template_path: str) -> str:
    """Where a template file goes: ``dot-`` parts become hidden, ``.tmpl`` is dropped."""
    parts = ["." + p[len(HIDDEN_PREFIX) :] if p.startswith(HIDDEN_PREFIX) else p for p in template_path.split("/")]
    if parts[-1].endswith(TEMPLATE_SUFFIX):
        parts[-1] = parts[-1][: -len(TEMPLATE_SUFFIX)]
    return "/".join(parts)


def render(text: str, markers: dict[str, str], where: str) -> str:
    """Replace every ``@@MARKER@@``; an unknown marker is a bug of the template, said so."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in markers:
            raise ScaffoldError(f"template {where} has an unknown marker {match.group(0)}")
        return markers[match.group(1)]

    return _MARKER.sub(value, text)


def ensure_empty(target: Path) -> None:
    """Refuse to write into anything but a new or empty folder."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(_("'{target}' exists and is not a folder").format(target=target))
    if target.is_dir() and any(target.iterdir()):
        message = _(
            "'{target}' is not empty: civitrace init writes a new project only into a new or empty folder, "
            "and never overwrites a file"
        )
        raise ScaffoldError(message.format(target=target))


def write_project(target: Path, settings: Settings, report: Callable[[str], None] = lambda _: None) -> list[str]:
    """Write the template into ``target`` (new or empty); return the paths written, relative to it."""
    ensure_empty(target)
    markers = settings.markers()
    planned = []
    for template_path, source in template_files():
        data = source.read_bytes()
        if template_path.endswith(TEMPLATE_SUFFIX):
            data = render(data.decode("utf-8"), markers, template_path).encode("utf-8")
        planned.append((output_path(template_path), data))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, data in planned:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as out:  # "x": fail rather than overwrite, even if a file appeared meanwhile
            out.write(data)
        if rel.split("/", 1)[0] in EXECUTABLE_FOLDERS:
            path.chmod(0o755)
        written.append(rel)
        report(rel)
    return written


def default_requirement(version: str) -> str:
    """How the new project installs this civitrace, with its PDF writer: where it came from, else its version.

    An installation from a git repository (PEP 610's ``direct_url.json``) gives
    ``civitrace[pdf] @ git+URL@COMMIT``, which works on any machine; one from a local folder an
    editable install of that folder, which works on this one (the README says how to change it).
    """
    try:
        data = json.loads(metadata.distribution("civitrace").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("url"), str):
        vcs = data.get("vcs_info")
        if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
            return f"{PACKAGE_WITH_PDF} @ git+{data['url']}@{vcs['commit_id']}"
        if isinstance(data.get("dir_info"), dict) and data["url"].startswith("file:"):
            # Editable: pip would otherwise reuse the wheel it built and cached from that folder
            # the first time, however the folder changes later.
            folder = url2pathname(urlsplit(data["url"]).path)
            return f"-e {folder}[pdf]"
    return f"{PACKAGE_WITH_PDF}=={version}"
