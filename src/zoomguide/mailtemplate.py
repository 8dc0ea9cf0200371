"""The request mail of recovery method 1, made by :mod:`utaccount`.

``resend-request`` shows the mail that the reader sends, always in
:data:`utaccount.MAIL_LANGUAGE`, the language the office reads. Without options it
is the template with its blanks; with all of ``:affiliation:``, ``:name:`` and
``:common-id:`` it is filled in (``:mask:`` hides the ID, for examples). A gloss
follows, the same mail in the build's language, in an ``only`` node for the tag
``gloss``, which a build in any language but the mail's has.

The directive's content, given once on a page (to the first mail), is its words, a
definition list of the labels ``subject`` and ``gloss``: the mail then starts with
its subject line (from utaccount) and the gloss with its label and the subject's
gloss. The words are page text, translated in the page's catalog::

    ```{resend-request}
    subject
    : 件名

    gloss
    : 参考訳（……）
    ```

On the pages of other languages the mail and its subject get the mail's ``lang``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

import utaccount
from zoomguide.i18n import page_words
from zoomguide.langspans import CLASS_PREFIX

_FIELDS = ("affiliation", "name", "common-id")

#: The keys of the directive's words.
WORDS = ("subject", "gloss")


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

    @staticmethod
    def _subject(label: nodes.paragraph, subject: str, *classes: str) -> nodes.definition_list:
        """The subject line: the label (page text, translated) and the subject."""
        term = nodes.term(label.rawsource, "", *label.deepcopy().children)
        term.source, term.line = label.source, label.line
        text = nodes.paragraph(subject, subject, classes=list(classes), translatable=False)
        return nodes.definition_list("", nodes.definition_list_item("", term, nodes.definition("", text)),
                                     classes=["resend-request-subject"])

    def run(self) -> list[nodes.Node]:
        try:
            mail = mail_text(self.options, utaccount.MAIL_LANGUAGE).rstrip("\n")
            gloss_lang = gloss_language(self.config.language)
            gloss = mail_text(self.options, gloss_lang).rstrip("\n")
        except utaccount.InvalidInputError as error:
            raise self.error(f"resend-request: {error}") from None
        found = self.parse_content_to_nodes() if self.content else []
        if len(found) > 1:
            raise self.error("resend-request: give only the definition list of its words")
        try:
            words = page_words(found, WORDS) if found else {}
        except ValueError as error:
            raise self.error(f"resend-request: {error}") from None
        block = nodes.container(classes=["resend-request"])
        # Shown where the tag "gloss" is set; every build reads it (the gettext build
        # finds the label there, and Sphinx drops it at the end where the tag is unset).
        translation = addnodes.only(expr="gloss")
        # On a page in another language, the subject and the mail are marked as a whole
        # as the mail's ("Zoom" included): zoomguide.langspans leaves what is marked alone.
        marked = [] if self.config.language == utaccount.MAIL_LANGUAGE else [CLASS_PREFIX + utaccount.MAIL_LANGUAGE]
        if words:
            block += self._subject(words["subject"], utaccount.RESEND_REQUEST_SUBJECT, *marked)
            translation += [words["gloss"], self._subject(words["subject"], utaccount.resend_subject(lang=gloss_lang))]
        block += nodes.literal_block(mail, mail, language="none", classes=marked)
        # A translation to read, not to copy: lines of text, not a code block.
        # ("012....789" is not an ellipsis: no smart quotes.)
        translation += nodes.container("", nodes.line_block("", *(
            nodes.line("", "", nodes.Text(line), translatable=False) for line in gloss.split("\n")
        )), classes=["resend-request-gloss"], support_smartquotes=False)
        block += translation
        return [block]


def _tag_gloss(app: Sphinx, config: Config) -> None:
    if config.language != utaccount.MAIL_LANGUAGE:
        app.tags.add("gloss")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _tag_gloss)
    app.add_directive("resend-request", ResendRequest)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
