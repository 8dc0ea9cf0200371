"""The request mail of recovery method 1 and ECCS addresses, made by :mod:`utaccount`.

``resend-request`` shows the mail that the reader sends. Without options it is the
template with its blanks; with all of ``:affiliation:``, ``:name:`` and
``:common-id:`` it is filled in (``:mask:`` hides the ID, for examples)::

    ```{resend-request}
    :affiliation: 情報基盤センター
    :name: 本郷 花子
    :common-id: 0123456789
    :mask:
    ```

The mail is always in :data:`utaccount.MAIL_LANGUAGE`, the language the office
reads: its subject (:data:`utaccount.RESEND_REQUEST_SUBJECT`, after the label
:data:`SUBJECT_LABEL`) and its text as a literal block. A build in another language
marks both with the mail's language (``lang`` in HTML) and follows them with a gloss
in the build's language from :func:`utaccount.resend_template` (a language that has
no gloss there gets the first gloss there is), under the label :data:`GLOSS_LABEL`;
the template's gloss then pairs each blank of the mail with the gloss's name for it
(:func:`utaccount.resend_blanks`), after :data:`BLANKS_LABEL`. Everything is in a
``resend-request`` container.

The labels are page text, translated in the page's catalog like every sentence: the
directive makes them in the source language with the directive's place in the page,
so that ``make gettext`` finds them there. The gloss and its labels are made in every
build (the gettext build must see them) and taken out of the HTML, PDF and text of
the mail's own language, where the mail needs no gloss.

The role ``{eccs-address}`0123456789``` shows the ECCS address of an ID.

Docstrings that autodoc brings into a page stay in English in every language:
:class:`EnglishDocstrings` keeps them out of the catalogs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import OptionSpec

import utaccount

_FIELDS = ("affiliation", "name", "common-id")

#: The label of the subject line, before the subject (page text in the source language).
SUBJECT_LABEL = "件名："
#: The label of the gloss: a translation to read, not to send.
GLOSS_LABEL = "参考訳（送らないでください。送るのは上の日本語の文面です）"
#: Before the pairs of blanks (of the mail and of the gloss) of the template.
BLANKS_LABEL = "日本語の文面の空欄："


def gloss_language(lang: str) -> str:
    """The language of the gloss shown beside the mail on a page in ``lang``."""
    glosses = [code for code in utaccount.LANGUAGES if code != utaccount.MAIL_LANGUAGE]
    return lang if lang in glosses else glosses[0]


def mail_text(options: dict[str, Any], lang: str) -> str:
    """The mail (or its gloss) in ``lang`` for the directive's options."""
    given = [field for field in _FIELDS if field in options]
    if not given:
        return utaccount.resend_template(lang=lang)
    if len(given) < len(_FIELDS):
        missing = ", ".join(f":{field}:" for field in _FIELDS if field not in options)
        raise utaccount.InvalidInputError(f"give all of the fields or none; missing {missing}")
    return utaccount.resend_request(
        options["affiliation"], options["name"], options["common-id"],
        lang=lang, mask="mask" in options,
    )


# The docutils HTML writer turns this class into lang="…".
_LANG_CLASS = f"language-{utaccount.MAIL_LANGUAGE}"


def _literal(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text)
    block["language"] = "none"
    return block


class resend_gloss(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The gloss of the mail, with its labels: left out where the mail needs none."""


class ResendRequest(SphinxDirective):
    """``resend-request``: the mail of recovery method 1, from :mod:`utaccount`."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "affiliation": directives.unchanged_required,
        "name": directives.unchanged_required,
        "common-id": directives.unchanged_required,
        "mask": directives.flag,
    }

    def _label(self, text: str, node: type[nodes.TextElement] = nodes.paragraph) -> nodes.TextElement:
        """Page text of the directive's own, translated in the page's catalog."""
        label = node(text, text, classes=["resend-request-label"])
        label["translatable"] = True
        self.set_source_info(label)
        return label

    def _original(self, element: nodes.Element) -> nodes.Element:
        """``element`` marked with the mail's language where the page is in another."""
        if self.config.language == utaccount.MAIL_LANGUAGE:
            return element
        element["classes"].append(_LANG_CLASS)
        return element

    def run(self) -> list[nodes.Node]:
        lang = self.config.language
        try:
            mail = mail_text(self.options, utaccount.MAIL_LANGUAGE).rstrip("\n")
            gloss_lang = gloss_language(lang)
            gloss = mail_text(self.options, gloss_lang).rstrip("\n")
        except utaccount.InvalidInputError as error:
            raise self.error(f"resend-request: {error}") from None
        block = nodes.container(classes=["resend-request"])
        # The subject once, from utaccount: "件名：" (translated) and the subject (never).
        subject = nodes.paragraph(classes=["resend-request-subject"])
        subject["translatable"] = False
        # (strong, not inline: Sphinx unwraps an inline that has "translatable".)
        subject += self._label(SUBJECT_LABEL, nodes.strong)
        if lang != utaccount.MAIL_LANGUAGE:
            subject += nodes.Text(" ")
        subject += self._original(nodes.inline(
            utaccount.RESEND_REQUEST_SUBJECT, utaccount.RESEND_REQUEST_SUBJECT))
        block += [subject, self._original(nodes.container("", _literal(mail)))]
        translation = resend_gloss()
        translation += self._label(GLOSS_LABEL)
        lines = nodes.container(classes=["resend-request-gloss"])
        # "012....789" is not an ellipsis.
        lines["support_smartquotes"] = False
        # From utaccount in the build's language already: not page text to translate.
        lines += nodes.line_block("", *(
            nodes.line("", "", nodes.Text(line), translatable=False) for line in gloss.split("\n")
        ))
        translation += lines
        if not any(field in self.options for field in _FIELDS):
            # Which blank is which: each blank of the mail, and the gloss's name for it.
            translation += self._label(BLANKS_LABEL)
            pairs = nodes.bullet_list(classes=["resend-request-blanks"])
            for (_, blank), (_, name) in zip(utaccount.resend_blanks(),
                                             utaccount.resend_blanks(lang=gloss_lang), strict=True):
                item = nodes.paragraph(translatable=False)
                item += self._original(nodes.literal(blank, blank))
                item += nodes.Text(f" = {name}")
                pairs += nodes.list_item("", item)
            translation += pairs
        block += translation
        return [block]


def _drop_glosses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the mail's own language the gloss is of no use (the gettext build keeps it)."""
    if app.config.language == utaccount.MAIL_LANGUAGE and app.builder.name != "gettext":
        for gloss in list(doctree.findall(resend_gloss)):
            gloss.parent.remove(gloss)
    else:
        for gloss in list(doctree.findall(resend_gloss)):
            gloss.replace_self(nodes.container("", *gloss.children, classes=["resend-request-translation"]))


class EccsAddress(SphinxRole):
    """``eccs-address``: the ECCS Cloud Email address of a common ID, as code."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            address = utaccount.eccs_address(self.text)
        except utaccount.InvalidInputError as error:
            message = self.inliner.reporter.error(f"eccs-address: {error}", line=self.lineno)
            problem = self.inliner.problematic(self.rawtext, self.rawtext, message)
            return [problem], [message]
        return [nodes.literal(self.rawtext, address, classes=["eccs-address"])], []


class EnglishDocstrings(SphinxTransform):
    """Mark the text of docstrings (from autodoc) as not to be translated."""

    # Before sphinx.transforms.i18n.Locale (20) translates the page.
    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.TextElement):
            if ":docstring of " in (node.source or ""):
                node["translatable"] = False


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(resend_gloss)
    app.add_directive("resend-request", ResendRequest)
    app.connect("doctree-resolved", _drop_glosses)
    app.add_transform(EnglishDocstrings)
    app.add_role("eccs-address", EccsAddress())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
