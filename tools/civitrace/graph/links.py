"""Where a node points to: the anchor of an object on its page, and the URL of that page.

The Sphinx extension anchors each object's block with Sphinx's ``make_id``,
which keeps an ID of the civitrace grammar as it is (``R-01`` → ``#R-01``).
Inside a Sphinx build the anchors stored by the domain are used instead;
this guess serves ``civitrace graph --base-url``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

#: ``url_for(node_id, attributes)``: the URL a node links to, or None for no link.
UrlFor = Callable[[str, dict], "str | None"]


def anchor(object_id: str) -> str:
    """The HTML anchor of an object on its page: the ID itself, URL-quoted for safety."""
    return quote(object_id, safe="-_.~")


def page_url(docname: str, suffix: str = ".html") -> str:
    """The URL path of a document, relative to the site root, safe to put in an attribute."""
    return quote(docname + suffix, safe="/")


def site_urls(base_url: str, suffix: str = ".html") -> UrlFor:
    """Links into a published site at ``base_url`` (``civitrace graph --base-url``)."""
    base = base_url.rstrip("/") + "/" if base_url else ""

    def url_for(node_id: str, attrs: dict) -> str | None:
        docname = attrs.get("docname")
        if not docname:
            return None
        return f"{base}{page_url(str(docname), suffix)}#{anchor(node_id)}"

    return url_for
