"""The request mail of recovery method 1 and ECCS addresses, made by :mod:`utaccount`.

``resend-request`` shows the mail that the reader sends: the subject line and the
text, always in :data:`utaccount.MAIL_LANGUAGE`, the language the office reads.
Without options it is the template with its blanks; with all of ``:affiliation:``,
``:name:`` and ``:common-id:`` it is filled in (``:mask:`` hides the ID, for
examples). Then comes a gloss, the same mail in the build's language, with the
directive's content as its label, in an ``only`` node for the tag ``gloss``, which
a build in any language other than the mail's has::

    ```{resend-request}
    :affiliation: 情報基盤センター
    :name: 本郷 花子
    :common-id: 0123456789
    :mask:

    参考訳（送らないでください。……）
    ```

The label of the subject line (:data:`SUBJECT_LABEL`) is page text: it is made with
the directive's place in the page, so that ``make gettext`` puts it into the page's
catalog. zoomguide.langspans gives the Japanese of the mail its ``lang`` on the
pages of other languages.

The role ``{eccs-address}`0123456789``` shows the ECCS address of an ID.

Docstrings that autodoc brings into a page stay in English in every language:
:class:`EnglishDocstrings` keeps them out of the catalogs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import OptionSpec

import utaccount

_FIELDS = ("affiliation", "name", "common-id")

#: The label of the subject line, before the subject (page text in the source language).
SUBJECT_LABEL = "件名："


def gloss_language(lang: str) -> str:
    """The language of the gloss on a page in ``lang`` (the first gloss there is if
    utaccount has none in ``lang``)."""
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


class ResendRequest(SphinxDirective):
    """``resend-request``: the mail of recovery method 1, from :mod:`utaccount`."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "affiliation": directives.unchanged_required,
        "name": directives.unchanged_required,
        "common-id": directives.unchanged_required,
        "mask": directives.flag,
    }

    def _subject(self, text: str, *classes: str) -> nodes.paragraph:
        """The label of the subject line (page text, translated), then ``text``.
        (A class ``language-xx`` becomes lang="xx" in HTML; zoomguide.langspans
        leaves what it marks alone, so the subject is marked as a whole.)"""
        label = nodes.strong(SUBJECT_LABEL, SUBJECT_LABEL, translatable=True)
        self.set_source_info(label)
        return nodes.paragraph("", "", label, nodes.Text(" "), nodes.inline("", text, classes=list(classes)),
                               classes=["resend-request-subject"], translatable=False)

    def run(self) -> list[nodes.Node]:
        try:
            mail = mail_text(self.options, utaccount.MAIL_LANGUAGE).rstrip("\n")
            gloss_lang = gloss_language(self.config.language)
            gloss = mail_text(self.options, gloss_lang).rstrip("\n")
        except utaccount.InvalidInputError as error:
            raise self.error(f"resend-request: {error}") from None
        # The subject once, from utaccount, after its label (page text, translated).
        subject = self._subject(utaccount.RESEND_REQUEST_SUBJECT,
                                f"language-{utaccount.MAIL_LANGUAGE}")
        # Shown where the tag "gloss" is set; every build reads it (the gettext build
        # finds the label there, and Sphinx drops it at the end where the tag is unset).
        translation = addnodes.only(expr="gloss")
        translation += self.parse_content_to_nodes()
        translation += self._subject(utaccount.resend_subject(lang=gloss_lang))
        # A translation to read, not to copy: lines of text, not a code block.
        # ("012....789" is not an ellipsis: no smart quotes.)
        translation += nodes.container("", nodes.line_block("", *(
            nodes.line("", "", nodes.Text(line), translatable=False) for line in gloss.split("\n")
        )), classes=["resend-request-gloss"], support_smartquotes=False)
        return [nodes.container("", subject, nodes.literal_block(mail, mail, language="none"),
                                translation, classes=["resend-request"])]


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


def _tag_gloss(app: Sphinx, config: Config) -> None:
    if config.language != utaccount.MAIL_LANGUAGE:
        app.tags.add("gloss")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _tag_gloss)
    app.add_directive("resend-request", ResendRequest)
    app.add_transform(EnglishDocstrings)
    app.add_role("eccs-address", EccsAddress())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
