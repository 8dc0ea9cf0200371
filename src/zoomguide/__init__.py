"""The guide's own Sphinx extension: what no kept extension does for it.

conf.py holds the configuration; each module here is one small behaviour:
:mod:`~zoomguide.i18n` (the build's language), :mod:`~zoomguide.pages` (language
links, PDF link, 404 page, old addresses), :mod:`~zoomguide.navigation`
(previous/next), :mod:`~zoomguide.images`
(figure sizes), :mod:`~zoomguide.figures` (figures' words in the catalogs and in
the build's language), :mod:`~zoomguide.addresses` (where addresses break),
:mod:`~zoomguide.langspans` (language of parts), :mod:`~zoomguide.latex` (PDF
signatures), :mod:`~zoomguide.mailtemplate` and :mod:`~zoomguide.addressbox`
(content made by :mod:`utaccount`). ``python -m zoomguide.root`` writes the site's
root after every language is built.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("i18n", "pages", "navigation", "images", "figures", "addresses",
           "langspans", "latex", "mailtemplate", "addressbox")


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(f"zoomguide.{name}")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
