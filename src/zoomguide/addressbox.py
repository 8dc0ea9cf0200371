"""The address box: the reader types their common ID and gets today's sign-in name, and
the address and request mail of the 2020 procedure.

``address-box`` renders a small HTML form (its HTML is the template
``docs/_templates/address-box.html``); ``docs/_static/address-box.js`` makes it
work in the browser, with the rules of :mod:`utaccount` (the same test vectors,
``tests/vectors.py``, check both). Nothing leaves the browser and nothing is stored.

The words of the form are page text, so that they are translated through the page's
catalog like every other sentence. The directive's content is any number of
paragraphs (shown above the form) and one definition list whose terms are the
keys of :data:`MESSAGES` (not translated) and whose definitions are the words::

    ```{address-box}
    共通 ID を入力すると、……

    id-label
    : 共通 ID（10桁）
    ```

Without JavaScript the box stays hidden (the page explains everything without it);
in builders other than HTML it is left out. The script reads the words and the
rules (ID length, domain, recipient, subject, mail template, all from
:mod:`utaccount`) from a JSON block in the box, so it holds no words of its own.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import utaccount

#: The words of the form: key -> what it is. Placeholders in braces are filled in by
#: the script; a translation must keep them.
MESSAGES: Final = {
    "title": "the box's title",
    "id-label": "label of the common ID field",
    "id-hint": "what may be typed in the ID field",
    "affiliation-label": "label of the affiliation field",
    "name-label": "label of the name field",
    "submit": "the button that shows the sign-in name, the address and the mail",
    "sign-in-title": "heading of today's sign-in name (UTokyo Account)",
    "sign-in-use": "what the sign-in name is for, and that it is no mail address",
    "copy-sign-in": "button that copies the sign-in name",
    "address-title": "heading of the ECCS address (of the 2020 procedure)",
    "address-use": "where to use the address",
    "copy-address": "button that copies the address",
    "mail-needs": "note shown when affiliation and name are missing",
    "mail-title": "heading of the mail (of the 2020 procedure)",
    "mail-to": "label of the recipient",
    "mail-subject": "label of the subject",
    "mail-body": "label of the text of the mail",
    "compose": "link that opens the mail program",
    "copy-body": "button that copies the text of the mail",
    "copied": "said after copying",
    "copy-failed": "said when copying failed",
    "error-id-empty": "ID field left empty",
    "error-id-not-a-digit": "a character that is not a digit, {char} at {position}",
    "error-id-length": "wrong number of digits, {count}",
    "error-affiliation-empty": "affiliation left empty (the name is given)",
    "error-name-empty": "name left empty (the affiliation is given)",
    "error-not-one-line": "a line break or control character, {char}",
    "error-invisible": "affiliation or name without a visible character",
    "error-format-char": "an invisible format character such as a direction override, {char}",
    "error-too-long": "affiliation or name too long: {count} characters, at most {max}",
}

#: The placeholders each message must keep.
PLACEHOLDERS: Final = {
    "error-id-not-a-digit": {"char", "position"},
    "error-id-length": {"count"},
    "error-not-one-line": {"char"},
    "error-format-char": {"char"},
    "error-too-long": {"count", "max"},
}

_MAIL_FIELDS: Final = ("affiliation", "name", "common_id")
_PLACEHOLDER: Final = re.compile(r"\{([a-z_]+)\}")

logger = logging.getLogger(__name__)


class address_box(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The box before it is rendered: intro paragraphs and the words, by key."""


def mail_template() -> list[str]:
    """The request mail of :func:`utaccount.resend_request` as alternating parts.

    Even items are text, odd items name a field (``affiliation``, ``name``,
    ``common_id``). The parts come from the public API: the mail is made with marks
    in place of the fields, and with two IDs to find where the ID goes.

    >>> parts = mail_template()
    >>> fields = {"affiliation": "A", "name": "N", "common_id": "0123456789"}
    >>> "".join(fields[part] if i % 2 else part for i, part in enumerate(parts)) == (
    ...     utaccount.resend_request("A", "N", "0123456789"))
    True
    """
    marks = {"affiliation": "\ue000", "name": "\ue001", "common_id": "\ue002"}
    texts = set()
    for digit in "09":
        common_id = digit * utaccount.ID_LENGTH
        text = utaccount.resend_request(marks["affiliation"], marks["name"], common_id)
        texts.add(text.replace(common_id, marks["common_id"]))
    if len(texts) != 1:
        raise ValueError("the request mail does not hold the common ID as given")
    parts = re.split("([\ue000-\ue002])", texts.pop())
    fields = {mark: field for field, mark in marks.items()}
    parts[1::2] = [fields[mark] for mark in parts[1::2]]
    if set(parts[1::2]) != set(_MAIL_FIELDS):
        raise ValueError("the request mail lacks a field")
    return parts


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
        "template": mail_template(),
        "mailLanguage": utaccount.MAIL_LANGUAGE,
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
        lists = [child for child in box.children if isinstance(child, nodes.definition_list)]
        if len(lists) != 1 or box.children[-1] is not lists[0]:
            raise self.error("address-box: end with one definition list of the form's words")
        keys = []
        for item in lists[0].findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            definition = item.next_node(nodes.definition)
            if term is None or definition is None:
                raise self.error("address-box: every word needs a key and a text")
            # The key is a name, not a sentence: it stays out of the catalogs.
            term["translatable"] = False
            key = term.astext().strip()
            if len(definition.children) != 1 or not isinstance(
                definition.children[0], nodes.paragraph
            ):
                raise self.error(f"address-box: the text of {key!r} must be one paragraph")
            keys.append(key)
        missing = [key for key in MESSAGES if key not in keys]
        unknown = [key for key in keys if key not in MESSAGES]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if missing or unknown or twice:
            raise self.error(
                f"address-box: words missing {missing}, unknown {unknown}, given twice {twice}"
            )
        self.set_source_info(box)
        return [box]


def messages(box: address_box) -> dict[str, str]:
    """The (translated) words of a box, by key."""
    words = box.children[-1]
    result = {}
    for item in words.findall(nodes.definition_list_item):
        term = item.next_node(nodes.term)
        definition = item.next_node(nodes.definition)
        assert term is not None and definition is not None
        result[term.astext().strip()] = " ".join(definition.astext().split())
    return result


def placeholder_problems(words: dict[str, str]) -> list[str]:
    """What is wrong with the {placeholders} of the words (a translation may lose one).

    >>> words = {"error-id-length": "A common ID is 10 digits.",
    ...          "error-id-not-a-digit": "{char} ({position})",
    ...          "error-not-one-line": "{char} {count}"}
    >>> for problem in placeholder_problems(words):
    ...     print(problem)
    'error-id-length' needs {count}: 'A common ID is 10 digits.'
    'error-not-one-line' has {count}, which the script does not fill in: '{char} {count}'
    """
    problems = []
    for key, text in words.items():
        found = set(_PLACEHOLDER.findall(text))
        wanted = PLACEHOLDERS.get(key, set())
        problems += [f"{key!r} needs {{{name}}}: {text!r}" for name in sorted(wanted - found)]
        problems += [
            f"{key!r} has {{{name}}}, which the script does not fill in: {text!r}"
            for name in sorted(found - wanted)
        ]
    return problems


def _json_in_html(data: object) -> str:
    # "<" escaped, so that no text can close the <script> element.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _box_html(app: Sphinx, box: address_box) -> tuple[str, str]:
    """The HTML before and after the intro paragraphs of a box, from its template."""
    words = messages(box)
    context = {
        "prefix": box["prefix"],
        "words": words,
        "config_json": _json_in_html({"messages": words, "rules": rules()}),
        "mail_to": utaccount.RESEND_REQUEST_TO,
        "page_lang": app.config.language,
        "mail_lang": utaccount.MAIL_LANGUAGE,
    }
    # docs/_templates/address-box.html, found through templates_path like page.html.
    render = app.builder.templates.render
    return (
        render("address-box.html", {**context, "part": "head"}),
        render("address-box.html", {**context, "part": "tail"}),
    )


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for box in list(doctree.findall(address_box)):
        if app.builder.format == "html":
            problems = placeholder_problems(messages(box))
            if problems:
                for problem in problems:
                    logger.warning("address-box: %s", problem, location=box)
                box.parent.remove(box)
                continue
            head, tail = _box_html(app, box)
            intro = box.children[:-1]
            start = nodes.raw("", head, format="html")
            # (Not a class: the HTML writer would wrap a raw node with classes in a <div>.)
            start["address_box"] = True
            box.replace_self([
                start,
                *intro,
                nodes.raw("", tail, format="html"),
            ])
        elif app.builder.name != "gettext":
            # A form is of no use on paper or in plain text.
            box.parent.remove(box)


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None:
        return
    if any(raw.get("address_box") for raw in doctree.findall(nodes.raw)):
        # Where scripts run, the box takes its place from the first paint, so the
        # page does not shift when the deferred script shows it (guide.css); the
        # template puts this in the head, before anything is painted.
        context.setdefault("guide_head_scripts", []).append(
            "document.documentElement.classList.add('js')"
        )
        app.add_js_file("address-box.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(address_box)
    app.add_directive("address-box", AddressBox)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _add_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
