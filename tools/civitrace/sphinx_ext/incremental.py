"""Incremental builds: rewrite the pages showing other documents' objects when those change.

Sphinx re-reads only the files that changed. A recommendation page, the
matrix or the summary show measures written elsewhere, so after reading we
compare a fingerprint of the whole model (and of the build date, which
decides lateness) with the one the pages were last written against, and ask
Sphinx to rewrite every dependent page when it differs. Rewriting is enough:
their content is filled in at ``doctree-resolved`` (see :mod:`.resolve`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .build_date import build_date
from .domain import CivitraceDomain, civitrace_domain


def model_fingerprint(domain: CivitraceDomain, as_of: dt.date) -> str:
    """A hash of everything the resolved pages show: objects, where their blocks are, the date."""
    digest = hashlib.sha256(as_of.isoformat().encode())
    digest.update(repr(domain.doctrine).encode())  # the register's verdicts depend on it
    for place in domain.stored_objects():
        digest.update(repr((place.docname, place.anchor, place.obj.signature())).encode())
    return digest.hexdigest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: fix the build date and, if the model changed, return every dependent page."""
    domain = civitrace_domain(env)
    as_of = build_date(app)
    domain.data["as_of"] = as_of
    fingerprint = model_fingerprint(domain, as_of)
    if fingerprint == domain.data["fingerprint"]:
        return []
    domain.data["fingerprint"] = fingerprint
    return sorted(domain.dependents() & set(env.found_docs))


def setup(app: Sphinx) -> None:
    """Hook the comparison after every read phase."""
    app.connect("env-get-updated", pages_to_rewrite)
