"""SVG figures get their size in the HTML, so the page does not shift as they load.

The browser reserves the space of an ``<img>`` from its ``width`` and ``height``
attributes (the stylesheet still scales the figure to the column). Each SVG says
its size on its root element, which Sphinx's own ``get_image_size`` reads; this
post-transform copies it onto the image node for the HTML builders only (LaTeX
sizes figures by itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.images import get_image_size


class SizedSvgImages(SphinxPostTransform):
    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            uri = str(image.get("uri", ""))
            if uri.endswith(".svg") and "width" not in image and "height" not in image:
                size = get_image_size(Path(self.env.srcdir, uri))
                if size:
                    image["width"], image["height"] = (str(n) for n in size)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(SizedSvgImages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
