"""The address box: the reader types their common ID and gets today's sign-in name, and
the address and request mail of the 2020 procedure.

``address-box`` renders a small HTML form (its HTML is the template
``docs/_templates/address-box.html``); ``docs/_static/address-box.js`` makes it
work in the browser, with the rules of :mod:`utaccount` (the same test vectors,
``tests/vectors.py``, check both). Nothing leaves the browser and nothing is stored.

The words of the form are page text, so that they are translated through the page's
catalog like every other sentence. The directive's content is any number of
paragraphs (shown above the form) and one definition list whose terms are the
keys of :data:`WORDS` (not translated) and whose definitions are the words::

    ```{address-box}
    共通IDを入力すると、……

    id-label
    : 共通ID（10桁）
    ```

Without JavaScript the box stays hidden (the page explains everything without it);
in builders other than HTML it is left out. The script reads its messages and the
rules (ID length, domains, recipient, subject, mail template, all from
:mod:`utaccount`) from a JSON block in the box, so it holds no words of its own.
"""

from __future__ import annotations

import json
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import utaccount
from zoomguide.i18n import page_words

#: The keys of the form's words: the labels, which the template writes, and the messages,
#: which the script shows (it fills in the words in braces).
LABELS: Final = (
    "title", "id-label", "id-hint", "affiliation-label", "name-label", "submit",
    "sign-in-title", "sign-in-use", "copy-sign-in", "address-title", "address-use",
    "copy-address", "mail-needs", "mail-title", "mail-to", "mail-subject", "mail-body",
    "copy-body",
)
MESSAGES: Final = (
    "copied", "copy-failed", "error-id-empty", "error-id-not-a-digit",
    "error-id-length", "error-affiliation-empty", "error-name-empty", "error-not-one-line",
    "error-invisible", "error-format-char", "error-too-long",
)
WORDS: Final = LABELS + MESSAGES


class address_box(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The box before it is rendered: intro paragraphs, then the words."""


def rules() -> dict[str, Any]:
    """What the script needs to know of :mod:`utaccount`, as JSON-ready data."""
    return {
        "idLength": utaccount.ID_LENGTH,
        "domain": utaccount.ECCS_DOMAIN,
        "signInDomain": utaccount.SIGN_IN_DOMAIN,
        # The characters the rules name (private to utaccount, given to its other half).
        "separators": utaccount._SEPARATORS,
        "formatAllowed": "".join(sorted(utaccount._FORMAT_ALLOWED)),
        "ignorable": [list(pair) for pair in utaccount._IGNORABLE],
        "maxLength": dict(utaccount.MAX_LENGTH),
        "to": utaccount.RESEND_REQUEST_TO,
        "subject": utaccount.RESEND_REQUEST_SUBJECT,
        "template": utaccount.resend_format(),
    }


class AddressBox(SphinxDirective):
    """``address-box``: the form; its words are the directive's content (see the module)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        box = address_box()
        # The words reach the script as written (no curly quotes or dashes added).
        box["support_smartquotes"] = False
        box["prefix"] = f"address-box-{self.env.new_serialno('address-box')}"
        box += self.parse_content_to_nodes()
        try:
            page_words(box.children, WORDS)
        except ValueError as error:
            raise self.error(f"address-box: {error}") from None
        self.set_source_info(box)
        return [box]


def _json_in_html(data: object) -> str:
    # "<" escaped, so that no text can close the <script> element.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for box in list(doctree.findall(address_box)):
        if app.builder.format != "html":
            # A form is of no use on paper or in plain text (the gettext build keeps it).
            if app.builder.name != "gettext":
                box.parent.remove(box)
            continue
        # Read now, when the page's catalog has translated them.
        said = {key: " ".join(text.astext().split()) for key, text in page_words(box.children, WORDS).items()}
        context = {"prefix": box["prefix"], "words": said,
                   "config_json": _json_in_html({"messages": {key: said[key] for key in MESSAGES},
                                                 "rules": rules()}),
                   "page_lang": app.config.language, "mail_lang": utaccount.MAIL_LANGUAGE}
        # docs/_templates/address-box.html (templates_path, like page.html), rendered
        # before and after the intro paragraphs.
        render = app.builder.templates.render
        start = nodes.raw("", render("address-box.html", {**context, "part": "head"}), format="html")
        # (Not a class: the HTML writer would wrap a raw node with classes in a <div>.)
        start["address_box"] = True
        end = nodes.raw("", render("address-box.html", {**context, "part": "tail"}), format="html")
        box.replace_self([start, *box.children[:-1], end])


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is not None and any(raw.get("address_box") for raw in doctree.findall(nodes.raw)):
        # (page.html then marks the page as one where scripts run, from its head.)
        app.add_js_file("address-box.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(address_box)
    app.add_directive("address-box", AddressBox)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
