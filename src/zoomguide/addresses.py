"""Where an e-mail address shown as a link may break across lines.

Never after its hyphen: "u-" at a line's end reads as a hyphenated "utokyo", and
text copied from a PDF drops that hyphen. A link whose text is its own address
(``<name@example.org>``) is therefore

- on a web page, two pieces that do not wrap, the name and ``@domain``, with a
  line-break opportunity (``<wbr>``) between them (guide.css: ``.address-part``);
- in the PDF, set like a URL (``\\nolinkurl``) that breaks after a dot or ``@``.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: An address whose characters ``\nolinkurl`` takes as they are.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+")


def addresses(document: nodes.document) -> list[tuple[nodes.reference, str]]:
    """The links of ``document`` whose text is their own e-mail address."""
    found = []
    for ref in document.findall(nodes.reference):
        address = ref.astext()
        if ref.get("refuri") == f"mailto:{address}" and PLAIN_ADDRESS.fullmatch(address):
            found.append((ref, address))
    return found


class AddressPiecesInHtml(SphinxPostTransform):
    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for ref, address in addresses(self.document):
            name, _, domain = address.rpartition("@")
            ref[:] = [
                nodes.inline("", name, classes=["address-part"]),
                nodes.raw("", "<wbr>", format="html"),
                nodes.inline("", f"@{domain}", classes=["address-part"]),
            ]


class AddressesAsUrlsInLatex(SphinxPostTransform):
    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for ref, address in addresses(self.document):
            ref[:] = [nodes.raw("", rf"{{\useOriginalUrlSetting\sphinxnolinkurl{{{address}}}}}", format="latex")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(AddressPiecesInHtml)
    app.add_post_transform(AddressesAsUrlsInLatex)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
