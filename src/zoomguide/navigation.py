"""Previous/next links stay on one side of the guide: the readers' pages, or the
help desk's.

The root page lists the help desk's pages in a toctree of their own, after the
readers' (and conf.py's ``latex_appendices`` makes them the PDF's appendices).
furo links the last reader's page ("Getting help") on to the first help-desk page
and back; a student who follows "Next" there lands in developer documentation.
Here such a link is dropped: the help desk's pages are the appendices.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def _same_side_only(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: nodes.document | None) -> None:
    help_desk = set(app.config.latex_appendices)
    _parent, prev, following = app.env.collect_relations().get(pagename, (None, None, None))
    for key, other in (("prev", prev), ("next", following)):
        if other and (other in help_desk) != (pagename in help_desk):
            context[key] = None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _same_side_only)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
