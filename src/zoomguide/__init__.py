"""The guide's own Sphinx extension: what no kept extension does for it.

conf.py holds the configuration. Each module of :data:`MODULES` is one small
behaviour, which its docstring explains; :mod:`~zoomguide.root` (``python -m
zoomguide.root``) writes the site's root after every language is built.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("i18n", "pages", "navigation", "addresses", "figures",
           "langspans", "latex", "mailtemplate", "addressbox")


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(f"zoomguide.{name}")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
