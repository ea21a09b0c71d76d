"""What a PDF/UA checker looks at, read with pikepdf: the structure tree, metadata, links, untagged content.

veraPDF is not installable here (not on PyPI, Debian or npm); these checks cover
the parts of PDF/UA-1 a screen reader depends on most, on the file itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pikepdf

#: Content-stream operators that put something on the page (text, paths, images, shadings).
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}


@dataclass
class Structure:
    """What was found in one PDF."""

    tags: Counter = field(default_factory=Counter)  # structure types, e.g. {"P": 812, "Figure": 9}
    figures_without_alt: list[str] = field(default_factory=list)
    figure_alts: list[str] = field(default_factory=list)
    links_without_description: int = 0
    links: int = 0
    link_contents: list[str] = field(default_factory=list)
    untagged: list[str] = field(default_factory=list)  # "page 3: Tj outside marked content"
    orphan_mcids: list[str] = field(default_factory=list)  # marked content no element of the tree owns
    elements: set = field(default_factory=set)  # object numbers of the tree's elements
    marked_sequences: int = 0
    artifacts: int = 0


def catalog_facts(pdf: pikepdf.Pdf) -> dict[str, object]:
    """The catalog's accessibility entries and the PDF/UA part declared in the XMP metadata."""
    root = pdf.Root
    meta = pdf.open_metadata()
    return {
        "struct_tree": "/StructTreeRoot" in root,
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "lang": str(root.get("/Lang", "")),
        "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "pdfua_part": meta.get("pdfuaid:part"),
        "title": meta.get("dc:title"),
    }


def _walk(element: pikepdf.Object, found: Structure, seen: set) -> None:
    key = element.objgen
    if key != (0, 0) and key in seen:
        return
    seen.add(key)
    found.elements.add(key)
    tag = str(element.get("/S", ""))[1:]
    if tag:
        found.tags[tag] += 1
    if tag == "Figure":
        alt = element.get("/Alt")
        if alt is None or not str(alt).strip():
            found.figures_without_alt.append(str(element.get("/Pg", "?")))
        else:
            found.figure_alts.append(str(alt))
    kids = element.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and kid.get("/Type") != "/MCR":
            _walk(kid, found, seen)


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree:
        return {}
    return dict(pikepdf.NumberTree(tree.ParentTree).items())


def _content_check(pdf: pikepdf.Pdf, found: Structure) -> None:
    """Every painting operator inside a marked-content sequence, every tagged sequence owned by the tree."""
    parents = _parent_tree(pdf)
    for number, page in enumerate(pdf.pages, start=1):
        owners = parents.get(int(page.get("/StructParents", -1)))
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                if operands and str(operands[0]) == "/Artifact":
                    found.artifacts += 1
                elif op == "BDC":
                    found.marked_sequences += 1
                    properties = operands[1] if len(operands) > 1 else None
                    mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                    owner = (
                        owners[int(mcid)]
                        if owners is not None and mcid is not None and int(mcid) < len(owners)
                        else None
                    )
                    if not isinstance(owner, pikepdf.Dictionary) or owner.objgen not in found.elements:
                        found.orphan_mcids.append(f"page {number}: MCID {mcid}")
            elif op == "EMC":
                depth -= 1
            elif op in PAINTING and depth <= 0:
                found.untagged.append(f"page {number}: {op} outside marked content")


def structure(pdf: pikepdf.Pdf) -> Structure:
    """Walk the structure tree, the link annotations and every page's content."""
    found = Structure()
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is not None:
        _walk(tree, found, set())
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            found.links += 1
            found.link_contents.append(str(annot.get("/Contents", "")))
            if "/StructParent" not in annot and not str(annot.get("/Contents", "")).strip():
                found.links_without_description += 1
    _content_check(pdf, found)
    return found
