"""Page fitting: how large a diagram is, and how small its text gets once scaled to an A4 landscape page.

Legibility on paper is the goal, so it is measured, not guessed: graphviz lays
the diagram out, we read its size, and a principle's view tries a few grid
widths and keeps the one whose text comes out largest on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import _
from .style import MIN_FONT_SIZE

#: A4 landscape in points.
A4_LANDSCAPE = (841.89, 595.28)
#: Printable margins on each side (1 cm), in points.
PAGE_MARGIN = 28.35
#: Graph sizes are written ``width="612pt"`` by graphviz's SVG renderer.
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.DOTALL)
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


@dataclass(frozen=True)
class PageFit:
    """A diagram's natural size in points, its scale on the page and its smallest text once scaled."""

    width: float
    height: float
    scale: float
    smallest_text: float

    def describe(self) -> str:
        """The size, and what printing on A4 landscape makes of it, for the terminal."""
        return _("{width} × {height} pt; on A4 landscape scaled to {scale}, smallest text {smallest} pt").format(
            width=f"{self.width:.0f}",
            height=f"{self.height:.0f}",
            scale=f"{self.scale:.2f}",
            smallest=f"{self.smallest_text:.1f}",
        )


def page_scale(width: float, height: float, page: tuple[float, float] = A4_LANDSCAPE) -> float:
    """The factor that fits ``width`` × ``height`` inside the page's margins; never enlarges."""
    if width <= 0 or height <= 0:
        return 1.0
    usable_w, usable_h = page[0] - 2 * PAGE_MARGIN, page[1] - 2 * PAGE_MARGIN
    return min(1.0, usable_w / width, usable_h / height)


def svg_fit(svg: str | bytes, page: tuple[float, float] = A4_LANDSCAPE) -> PageFit:
    """Size, scale and smallest text of an SVG written by graphviz."""
    text = svg.decode("utf-8", "replace") if isinstance(svg, bytes) else svg
    match = _SVG_SIZE.search(text)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)
    sizes = [float(s) for s in _FONT_SIZE.findall(text)]
    scale = page_scale(width, height, page)
    return PageFit(width, height, scale, (min(sizes) if sizes else MIN_FONT_SIZE) * scale)
