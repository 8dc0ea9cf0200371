"""Previous/next links stay within one table of contents of the root page.

The root page has two: the readers' pages and, captioned, the help desk's.
furo links the last reader's page ("Getting help") on to the first help-desk
page and back; a student who follows "Next" there lands in developer
documentation. Here such a link is dropped.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def toctree_groups(root: nodes.Node) -> list[list[str]]:
    """The docnames of each toctree of a page, in order.

    >>> from docutils.utils import new_document
    >>> from docutils.frontend import get_default_settings
    >>> page = new_document("index", get_default_settings())
    >>> page += addnodes.toctree(entries=[(None, "a"), (None, "b")])
    >>> page += addnodes.toctree(entries=[(None, "c")])
    >>> toctree_groups(page)
    [['a', 'b'], ['c']]
    """
    return [[doc for _, doc in node["entries"]] for node in root.findall(addnodes.toctree)]


def _same_group_only(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: nodes.document | None) -> None:
    env = app.env
    root = env.get_doctree(app.config.root_doc)
    groups = {doc: i for i, group in enumerate(toctree_groups(root)) for doc in group}
    relations = env.collect_relations().get(pagename)
    if pagename not in groups or not relations:
        return
    _parent, prev, following = relations
    for key, other in (("prev", prev), ("next", following)):
        if other in groups and groups[other] != groups[pagename]:
            context[key] = None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _same_group_only)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
