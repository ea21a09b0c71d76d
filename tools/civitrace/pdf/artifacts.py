"""What WeasyPrint leaves to do for PDF/UA: running headers and footers as artifacts, links described.

WeasyPrint tags the text of page margin boxes (running title, page number)
as marked content whose structure elements it keeps out of the structure
tree. A screen reader would then meet content that belongs to no element;
PDF/UA wants it marked as an artifact instead. This finisher, called by
WeasyPrint before the file is written, finds the marked content that no
element of the tree reaches and turns it into ``/Artifact`` sequences.
"""

from __future__ import annotations

from typing import Any

import pydyf


def _number(reference: object) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    if isinstance(reference, bytes | str):
        text = reference.decode() if isinstance(reference, bytes) else reference
        parts = text.split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return int(parts[0])
    return None


def _reachable(pdf: pydyf.PDF, root: int) -> set[int]:
    """The structure elements under ``root`` (object numbers)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        number = todo.pop()
        if number in seen or number >= len(pdf.objects):
            continue
        seen.add(number)
        element = pdf.objects[number]
        kids = element.get("K") if isinstance(element, dict) else None
        for kid in kids if isinstance(kids, list) else [kids]:
            child = _number(kid)
            if child is not None:
                todo.append(child)
    return seen


def _page_streams(pdf: pydyf.PDF) -> list[Any]:
    """Each page's content stream, in page order."""
    kids = list(pdf.pages["Kids"])
    numbers = [kids[i] for i in range(0, len(kids), 3)]
    streams = []
    for number in numbers:
        page = pdf.objects[int(number)]
        streams.append(pdf.objects[_number(page["Contents"]) or 0])
    return streams


def _as_artifacts(operations: list[Any], orphans: set[int]) -> int:
    """Rewrite ``/Tag <</MCID n>> BDC`` as ``/Artifact BMC`` for the orphan MCIDs; return how many."""
    changed = 0
    for index in range(1, len(operations) - 1):
        item = operations[index]
        if (
            isinstance(item, pydyf.Dictionary)
            and item.get("MCID") in orphans
            and operations[index + 1] == b"BDC"
            and isinstance(operations[index - 1], str)
            and operations[index - 1].startswith("/")
        ):
            operations[index - 1] = "/Artifact"
            operations[index] = b"BMC"
            operations[index + 1] = b""
            changed += 1
    if changed:
        operations[:] = [op for op in operations if op != b""]
    return changed


def mark_untreed_content_as_artifacts(document: object, pdf: pydyf.PDF) -> int:
    """WeasyPrint finisher: marked content outside the structure tree becomes artifacts.

    Returns the number of sequences changed (the headers' and footers' text).
    """
    root = _number(pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return 0
    tree_root = pdf.objects[root]
    documents = [n for n in map(_number, tree_root.get("K", [])) if n is not None]
    reachable: set[int] = set()
    for number in documents:
        reachable |= _reachable(pdf, number)
    parent_tree = pdf.objects[_number(tree_root["ParentTree"]) or 0]
    nums = parent_tree["Nums"]
    streams = _page_streams(pdf)
    # A page's stream and the groups drawn from it share its marked-content table (``_tags``).
    sharing: dict[int, list[Any]] = {}
    for candidate in pdf.objects:
        tags = getattr(candidate, "_tags", None)
        if isinstance(candidate, pydyf.Stream) and tags is not None:
            sharing.setdefault(id(tags), []).append(candidate)
    changed = 0
    for position in range(0, len(nums), 2):
        page, mapping = nums[position], nums[position + 1]
        if not isinstance(mapping, list) or not isinstance(page, int) or page >= len(streams):
            continue  # an annotation's entry, not a page's
        orphans = {mcid for mcid, ref in enumerate(mapping) if _number(ref) not in reachable}
        if not orphans:
            continue
        tags = getattr(streams[page], "_tags", None)
        for stream in sharing.get(id(tags), [streams[page]]) if tags is not None else [streams[page]]:
            changed += _as_artifacts(stream.stream, orphans)
        for mcid in orphans:
            mapping[mcid] = b"null"
    return changed


def _box_text(box: Any) -> str:
    parts = [getattr(d, "text", "") for d in box.descendants() if type(d).__name__ == "TextBox"]
    return " ".join("".join(parts).split())


def describe_links(document: Any) -> int:
    """Each link annotation's ``/Contents`` says what the link says, as PDF/UA asks (ISO 14289-1, 7.18.5).

    WeasyPrint writes the link's target there (``#M-05``, a URL); a screen reader
    listing the links would read targets instead of the words the link shows.
    Returns the number of links described.
    """
    described = 0
    for page in document.pages:
        for box in page._page_box.descendants():
            annotation = getattr(box, "link_annotation", None)
            if annotation is None:
                continue
            text = _box_text(box)
            if text:
                annotation["Contents"] = pydyf.String(text)
                described += 1
    return described


def finish(document: Any, pdf: pydyf.PDF) -> None:
    """The WeasyPrint finisher of every civitrace PDF: links described, headers and footers as artifacts."""
    describe_links(document)
    mark_untreed_content_as_artifacts(document, pdf)
