"""The ``{trace}`` role: a link to any traced object by its ID.

``{trace}`R-01``` reads "R-01 — title" (the title is filled in when the link
is resolved, so it follows the object's document); ``{trace}`texte <R-01>```
keeps the author's text. An unknown ID is a warning at the role, not a crash.
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.util import logging

logger = logging.getLogger(__name__)


class TraceRole(XRefRole):
    """A cross-reference always resolved by the civitrace domain, whatever name it is used under."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[Node], list[system_message]]:
        # Registered as a global role too: point it at the domain explicitly.
        self.refdomain, self.reftype = "civitrace", "trace"
        self.classes = ["xref", "civitrace", "civitrace-trace"]
        return self.create_xref_node()

    def process_link(
        self, env: object, refnode: nodes.Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        return title.strip(), target.strip()

    def result_nodes(
        self, document: nodes.document, env: object, node: nodes.Element, is_ref: bool
    ) -> tuple[list[Node], list[system_message]]:
        from .domain import civitrace_domain

        # The link text carries the target's title: rewrite this page when that object changes.
        civitrace_domain(self.env).note_mention(self.env.docname, str(node.get("reftarget", "")))
        return [node], []


def warn_unknown_id(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Report a ``{trace}`` link to an unknown ID with civitrace's own warning type."""
    if domain is None or domain.name != "civitrace":
        return None
    if node.get("refwarn") is False:
        # A reference in an object's options: the rules report it (even under nitpicky).
        return True
    logger.warning(
        "{trace} role: unknown ID '%s'",
        node.get("reftarget", ""),
        location=node,
        type="civitrace",
        subtype="unknown-reference",
    )
    return True


def setup(app: Sphinx) -> None:
    """Register ``{trace}`` as a global role and its missing-link warning."""
    app.add_role("trace", TraceRole())
    app.connect("warn-missing-reference", warn_unknown_id)
