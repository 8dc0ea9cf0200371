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
reads. A build in that language shows it as a literal block; a build in another
language shows the same block marked with its language (``lang`` in HTML). The
template is followed there by a gloss in the build's language from
:func:`utaccount.resend_template` (a language that has no gloss there gets the first
gloss there is); a filled-in example is not, since its gloss would be the
template's gloss with names the reader cannot read. Everything is in a
``resend-request`` container.

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


class ResendRequest(SphinxDirective):
    """``resend-request``: the mail of recovery method 1, from :mod:`utaccount`."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "affiliation": directives.unchanged_required,
        "name": directives.unchanged_required,
        "common-id": directives.unchanged_required,
        "mask": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        lang = self.config.language
        try:
            mail = mail_text(self.options, utaccount.MAIL_LANGUAGE).rstrip("\n")
            gloss = mail_text(self.options, gloss_language(lang)).rstrip("\n")
        except utaccount.InvalidInputError as error:
            raise self.error(f"resend-request: {error}") from None
        block = nodes.container(classes=["resend-request"])
        if lang == utaccount.MAIL_LANGUAGE:
            block += _literal(mail)
            return [block]
        original = nodes.container(classes=[_LANG_CLASS])
        original += _literal(mail)
        if self.options:
            block += original
            return [block]
        translation = nodes.container(classes=["resend-request-gloss"])
        # "012....789" is not an ellipsis.
        translation["support_smartquotes"] = False
        translation += nodes.line_block(
            "", *(nodes.line("", "", nodes.Text(line)) for line in gloss.split("\n"))
        )
        block += [original, translation]
        return [block]


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
    app.add_directive("resend-request", ResendRequest)
    app.add_transform(EnglishDocstrings)
    app.add_role("eccs-address", EccsAddress())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
