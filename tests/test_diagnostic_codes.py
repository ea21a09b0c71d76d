"""Every diagnostic code the tools emit is catalogued and explained in the authors' guide."""

from __future__ import annotations

import re

from civitrace.diagnostics import CODES

_EMITTED = re.compile(r"\b(?:error|warning)\(\s*[^,()]+(?:\([^()]*\))?,\s*\"([a-z-]+)\"", re.S)


def emitted_codes(repo_root) -> set[str]:
    found: set[str] = set()
    for path in (repo_root / "tools" / "civitrace").rglob("*.py"):
        found.update(_EMITTED.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_emitted_code_is_catalogued(repo_root):
    emitted = emitted_codes(repo_root)
    assert {"uncovered", "duplicate-id", "late", "encoding"} <= emitted  # the scan itself works
    assert emitted - set(CODES) == set()


def test_every_code_is_explained_in_the_authors_guide(repo_root):
    guide = "\n".join(p.read_text(encoding="utf-8") for p in (repo_root / "docs" / "guide").glob("*.md"))
    missing = [code for code in CODES if f"`{code}`" not in guide]
    assert missing == []
