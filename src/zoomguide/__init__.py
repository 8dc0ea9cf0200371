"""The guide's own Sphinx extension: languages, page links and generated content."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from zoomguide import anchors, i18n
from zoomguide import latex


def setup(app: Sphinx) -> dict[str, Any]:
    i18n.setup(app)
    anchors.setup(app)
    latex.setup(app)
    app.setup_extension("zoomguide.mailtemplate")
    app.setup_extension("zoomguide.addressbox")
    app.setup_extension("zoomguide.langspans")
    app.setup_extension("zoomguide.site")
    app.setup_extension("zoomguide.images")
    app.setup_extension("zoomguide.navigation")
    app.setup_extension("zoomguide.addresses")
    app.setup_extension("zoomguide.build")  # compiled templates kept between builds
    return {"parallel_read_safe": True, "parallel_write_safe": True}
