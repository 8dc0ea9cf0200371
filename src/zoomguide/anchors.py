"""Old anchors that other sites link to, kept on the sections that replaced them.

docutils turns a label's underscores into hyphens, so ``#if_you_create_a_wrong_account``
cannot be a MyST label. conf.py maps each legacy anchor to the label of its
section (``legacy_anchors``); the section then carries both ids, and the HTML
writer emits the old one as an empty ``<span id>`` before the heading.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


class LegacyAnchors(SphinxTransform):
    default_priority = 800

    def apply(self, **kwargs: object) -> None:
        wanted: dict[str, str] = self.config.legacy_anchors
        by_label = {label: old for old, label in wanted.items()}
        for section in self.document.findall(nodes.section):
            for label, old in by_label.items():
                if label in section["ids"] and old not in section["ids"]:
                    section["ids"].append(old)


def setup(app: Sphinx) -> dict[str, bool]:
    app.add_config_value("legacy_anchors", {}, "env", types=[dict])
    app.add_transform(LegacyAnchors)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
