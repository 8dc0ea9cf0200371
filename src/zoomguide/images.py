"""SVG figures get their size in the HTML, so the page does not shift as they load.

The browser reserves the space of an ``<img>`` from its ``width`` and ``height``
attributes (the stylesheet still scales the figure to the column). Each SVG says
its size on its root element; this post-transform copies it onto the image node
for the HTML builders only (LaTeX sizes figures by itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def svg_size(path: Path) -> tuple[str, str] | None:
    """The ``width`` and ``height`` that an SVG file gives itself, if both are plain numbers."""
    root = ElementTree.parse(path).getroot()
    width, height = root.get("width", ""), root.get("height", "")
    if width.isdigit() and height.isdigit():
        return width, height
    return None


class SizedSvgImages(SphinxPostTransform):
    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            uri = str(image.get("uri", ""))
            if not uri.endswith(".svg") or "width" in image or "height" in image:
                continue
            path = Path(self.env.srcdir, uri)
            size = svg_size(path) if path.is_file() else None
            if size:
                image["width"], image["height"] = size


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(SizedSvgImages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
