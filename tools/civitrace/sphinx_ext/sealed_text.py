"""The adopted opinion on the site: its diagnostics, the page statement, the errata.

Once per build (:func:`refresh`, called when the diagnostics are reported) the
adopted text is read from the git tag ``[tool.civitrace] adopted`` names, with
the same code as ``civitrace check``; the domain keeps it for the pages. Each
page of the opinion then says "Texte conforme à la version adoptée le …" with
the fingerprint ``civitrace seal`` prints (a placeholder left after reading,
filled in with the other placeholders), and a block corrected by an
erratum shows the adopted wording beside the corrected one.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..diagnostics import Diagnostic
from ..history.adopted import load_adopted
from ..i18n import _
from ..model import Milestone, TraceObject
from ..seal import AdoptedText, AdoptedUnavailable, changed_texts, compare, erratum_of, unavailable_diagnostic
from ..vocabulary import SEALED_KINDS, long_date
from . import nodes as trace_nodes
from .domain import civitrace_domain
from .page_context import PageContext


def refresh(app: Sphinx, env: BuildEnvironment) -> list[Diagnostic]:
    """Read the adopted text into the domain; return what the comparison finds."""
    domain = civitrace_domain(env)
    adopted = load_adopted(app.srcdir)
    domain.data["adopted"] = adopted
    if adopted is None:
        return []
    if isinstance(adopted, AdoptedUnavailable):
        return [unavailable_diagnostic(adopted)]
    return compare(domain.project(), adopted)


def _adopted(env: BuildEnvironment) -> AdoptedText | AdoptedUnavailable | None:
    return civitrace_domain(env).data.get("adopted")


def erratum(ctx: PageContext, obj: TraceObject) -> list[nodes.Node]:
    """Under a block corrected by an erratum: the wording adopted, beside the corrected one above it."""
    adopted = _adopted(ctx.env)
    note = erratum_of(obj)
    if not isinstance(adopted, AdoptedText) or not isinstance(note, Milestone):
        return []
    before = changed_texts(ctx.project, adopted).get(obj.id)
    if before is None:
        return []
    # The erratum's date and reason are in the option list above; here, what it replaced.
    box = nodes.container(classes=["civitrace-erratum"])
    intro = _("Wording adopted on {date}, before the erratum of {erratum}:").format(
        date=long_date(adopted.date), erratum=long_date(note.date)
    )
    box += nodes.paragraph("", "", nodes.strong(intro, intro))
    quote = nodes.block_quote(classes=["civitrace-adopted-wording"])
    current = " ".join(obj.title.split())
    if before.title != current:
        quote += nodes.paragraph("", "", nodes.strong(before.title, before.title))
    for paragraph in before.text.split("\n\n"):
        if paragraph:
            quote += nodes.paragraph(paragraph, paragraph)
    box += quote
    return [box]


def mark_statement(app: Sphinx, doctree: nodes.document) -> None:
    """After reading a page holding principles or recommendations: a placeholder under its title.

    A placeholder rather than text: the adopted text is read after every page, and the
    PDF, which assembles all pages into one document, resolves it like any other.
    """
    docname = app.env.docname
    stored = civitrace_domain(app.env).data["objects"].get(docname, ())
    if any(place.obj.kind in SEALED_KINDS for place in stored):
        _insert_after_title(doctree, trace_nodes.TraceSealStatement(docname=docname))


def statement(ctx: PageContext, docname: str) -> list[nodes.Node]:
    """The page's conformity to the adopted text, with the fingerprint ``civitrace seal`` prints."""
    adopted = _adopted(ctx.env)
    if adopted is None:
        return []
    paragraph = nodes.paragraph(classes=["civitrace-seal"])
    if isinstance(adopted, AdoptedUnavailable):
        text = _("Conformity to the adopted version could not be checked: {reason}").format(reason=adopted.reason)
        paragraph += nodes.Text(text)
        return [paragraph]
    sealed = [p.obj for p in ctx.domain.data["objects"].get(docname, ()) if p.obj.kind in SEALED_KINDS]
    changed = changed_texts(ctx.project, adopted)
    differing = [obj for obj in sealed if obj.id in changed or obj.id not in adopted.texts]
    if not differing:
        text = _("Text in conformity with the version adopted on {date}.")
    elif all(erratum_of(obj) is not None and obj.id in adopted.texts for obj in differing):
        text = _("Text in conformity with the version adopted on {date}, except for the errata shown.")
    else:
        text = _("This text differs from the version adopted on {date}.")
    paragraph += nodes.Text(text.format(date=long_date(adopted.date)) + " ")
    label = _("SHA-256 fingerprint of the adopted text (tag {tag}):").format(tag=adopted.tag)
    paragraph += nodes.Text(label + " ")
    paragraph += nodes.literal(adopted.fingerprint, adopted.fingerprint)
    return [paragraph]


def _insert_after_title(doctree: nodes.document, node: nodes.Element) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, node)
    else:
        doctree.insert(0, node)


def setup(app: Sphinx) -> None:
    """Mark every page of the opinion for its statement."""
    app.connect("doctree-read", mark_statement)
