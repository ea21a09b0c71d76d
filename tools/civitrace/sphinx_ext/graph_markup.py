"""The HTML of a diagram in a page, built for keyboards and screen readers.

- The drawing sits in a viewport that takes the focus and is named after what the
  diagram shows (``Traçabilité du principe P-UTILITE : 4 recommandations, 6 mesures``);
  it points to the keyboard help (``aria-describedby``) and to the text version
  (``aria-details``). Arrows pan it, ``+``/``-`` zoom, ``0`` fits, Tab leaves it.
- The SVG is a named group, not an image: its nodes are real links, which an
  ``img`` may not hold. Graphviz's ``<title>`` elements ("cluster_1",
  "R-01->M-05") name its groups; those groups are made presentational so that
  screen readers read only the links, each named by its full tooltip.
- A polite live region says the zoom level after each change.
"""

from __future__ import annotations

import html
import re

from ..i18n import _

#: A graphviz group (which has no role of its own), and what it becomes inline.
GRAPHVIZ_GROUP = re.compile(r"<g\b(?![^>]*\brole=)")
PRESENTATIONAL_GROUP = '<g role="none"'


def svg_opening(name: str) -> str:
    """The opening of an inlined diagram (up to its own attributes): a group named after what it shows."""
    return f'<svg class="civitrace-graph-svg" role="group" aria-label="{html.escape(name, quote=True)}" '


def figure(
    classes: str,
    view: str,
    prefix: str,
    name: str,
    caption: str,
    full_size: str,
    full_screen: str,
) -> tuple[str, str]:
    """The figure: toolbar, focusable viewport, caption with the full-screen link, live zoom status.

    Returned as what goes before the drawing and what goes after it (a drawing can be
    megabytes: it is not copied into one string here).
    """
    e = html.escape
    viewport, help_id, status_id = f"{prefix}viewport", f"{prefix}help", f"{prefix}status"
    buttons = (
        ("in", "+", _("Zoom in")),
        ("out", "−", _("Zoom out")),
        ("fit", _("Fit"), _("Fit the diagram to the page")),
    )
    toolbar = "".join(
        f'<button type="button" data-civitrace-zoom="{action}" aria-controls="{viewport}" '
        f'aria-label="{e(label, quote=True)}" title="{e(label, quote=True)}">{e(text)}</button>'
        for action, text, label in buttons
    )
    keys = _("Arrow keys move the diagram, + and − zoom, 0 fits it to the page; Tab leaves it.")
    return (
        f'<figure class="{classes}" data-civitrace-view="{e(view, quote=True)}">'
        f'<div class="civitrace-graph-toolbar" role="toolbar" aria-label="{e(_("Diagram zoom"), quote=True)}" hidden>'
        f"{toolbar}</div>"
        f'<div class="civitrace-graph-viewport" id="{viewport}" tabindex="0" role="region" '
        f'aria-label="{e(name, quote=True)}" aria-describedby="{help_id}" aria-details="{prefix}text">',
        f"</div>"
        f'<p class="civitrace-graph-help" id="{help_id}" hidden>{e(keys)}</p>'
        f'<p class="civitrace-graph-status" id="{status_id}" role="status" aria-live="polite" '
        f'data-template="{e(_("Zoom: {percent} %"), quote=True)}"></p>'
        f'<figcaption>{e(caption)} — <a class="civitrace-graph-full" href="{e(full_size, quote=True)}" '
        f'target="_blank" rel="noopener">{e(full_screen)}</a></figcaption>'
        "</figure>",
    )


def text_version_opening(prefix: str, heading: str) -> str:
    """The opening of the folded text version, with the id the viewport's ``aria-details`` names."""
    return f'<details class="civitrace-graph-text" id="{prefix}text"><summary>{html.escape(heading)}</summary>'
