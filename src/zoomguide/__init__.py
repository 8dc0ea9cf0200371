"""The guide's own Sphinx extension: languages, page links and generated content."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from zoomguide import i18n


def setup(app: Sphinx) -> dict[str, Any]:
    i18n.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
