"""The PDF: signatures in the reference keep a bare ``*``.

On paper Sphinx would spell out the tooltip of a signature's ``*`` (keyword-only
parameters follow), "* (Keyword-only parameters separator (PEP 3102))", in the
middle of the signature. Everything else about the PDF is in conf.py.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class PlainSignatures(SphinxPostTransform):
    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for signature in self.document.findall(addnodes.desc_signature):
            for abbreviation in signature.findall(nodes.abbreviation):
                abbreviation.attributes.pop("explanation", None)


def setup(app: Sphinx) -> dict[str, bool]:
    app.add_post_transform(PlainSignatures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
