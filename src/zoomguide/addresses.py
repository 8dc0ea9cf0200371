"""E-mail addresses in inline code break before their "@", if at all.

On a phone an address such as ``jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp`` is about
as wide as the column. Sphinx writes inline code as words that do not break
(guide.css keeps them whole, so that no line ends at a hyphen, "u-" / "tokyo");
where one does not fit, the browser breaks it anywhere or leaves the comma after
it alone at the start of the next line. For the HTML builders, this gives each
address in inline code a ``<wbr>`` before its "@": the break a reader expects, as
in the address box. (Copied text has no trace of it.)
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Where an address may break: before an "@" that follows its local part (not an
#: elided one: "…@utac.u-tokyo.ac.jp" stays whole).
BEFORE_AT = re.compile(r"(?<=[^\s…])(?=@)")


class AddressBreaks(SphinxPostTransform):
    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for literal in self.document.findall(nodes.literal):
            for text in list(literal.findall(nodes.Text)):
                first, *rest = BEFORE_AT.split(str(text))
                if rest:
                    pieces: list[nodes.Node] = [nodes.Text(first)]
                    for part in rest:
                        pieces += [nodes.raw("", "<wbr>", format="html"), nodes.Text(part)]
                    text.parent.replace(text, pieces)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(AddressBreaks)
    # A new env_version makes Sphinx build every page again (the pages written before
    # this module have no <wbr>).
    return {"env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
