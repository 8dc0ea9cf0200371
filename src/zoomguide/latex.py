"""Per-language settings of the PDF (Sphinx's LaTeX builder).

conf.py holds the decisions that are the same in every language (engine, paper,
fonts); what depends on the language is set here, in ``config-inited``, once
``-D language=xx`` is known: the document's title (from the root page's
catalog, like ``project``), its author, the file name (with the language code),
the date on the title page, and a few lines of preamble that depend on whether
Sphinx sets the language with a Japanese document class. Signatures in the
reference keep a bare ``*`` (:class:`PlainSignatures`).

The date is never the day of the build: it is ``SOURCE_DATE_EPOCH`` (the Makefile
exports the time of the last commit), else the last commit's time from git (only
outside both does Sphinx fall back to the build day).
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import default_latex_docclass
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from zoomguide.i18n import long_date
from zoomguide.project import ROOT

#: The PDF's base name; the file is ``<BASENAME>-<lang>.pdf``.
BASENAME = "zoom-account-guide"

#: Added to the preamble of a language that Sphinx does not set with a Japanese
#: class: General Punctuation (‘ ’ “ ” – — …) and Latin-1 (the no-break space
#: after ① in the figure captions, which would be a full-width space) are Western
#: there. Other shared symbols (◯ and ① of the mail template and the figure
#: captions) stay Japanese: the Western fonts do not have them.
NON_JAPANESE_PREAMBLE = r"""
\usepackage{pxcjkcat}
\cjkcategory{sym04,latn1}{noncjk}
"""


#: Added to the preamble of a language that Sphinx sets with a Japanese class:
#: a cross-reference is not emphasised. It already stands in 「」, and the
#: class's emphasis would set its Latin letters in italics ("*ECCS* クラウドメール").
JAPANESE_PREAMBLE = r"""
\protected\def\sphinxcrossref#1{#1}
"""


def pdf_name(lang: str) -> str:
    """The PDF's file name in ``lang``.

    >>> pdf_name("xx")
    'zoom-account-guide-xx.pdf'
    """
    return f"{BASENAME}-{lang}.pdf"


def source_date(environ: dict[str, str] | None = None) -> date | None:
    """The date the guide's text was last changed, never the day of the build.

    ``SOURCE_DATE_EPOCH`` (seconds, UTC) when it is set, else the time of the
    repository's last commit, else ``None``.

    >>> source_date({"SOURCE_DATE_EPOCH": "1584316800"})
    datetime.date(2020, 3, 16)
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        try:
            epoch = subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                cwd=ROOT, capture_output=True, text=True, check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


def _per_language(app: Sphinx, config: Config) -> None:
    lang = config.language
    engine = config.latex_engine
    # Translated by zoomguide.i18n (priority 500).
    title, author = config.project, config.author
    config.latex_documents = [
        (
            config.root_doc,
            pdf_name(lang).removesuffix(".pdf") + ".tex",
            texescape.escape(title, engine),
            texescape.escape(author, engine),
            "manual",
        )
    ]
    if engine == "uplatex":
        # See JAPANESE_PREAMBLE and NON_JAPANESE_PREAMBLE.
        japanese = bool(default_latex_docclass(config))
        elements = dict(config.latex_elements)
        elements["preamble"] = elements.get("preamble", "") + (
            JAPANESE_PREAMBLE if japanese else NON_JAPANESE_PREAMBLE)
        config.latex_elements = elements
    # Sphinx puts ``today`` on the title page (and in ``|today|``); when it is
    # empty, Sphinx would write the day of the build.
    day = source_date()
    if day is not None:
        config.today = long_date(day, lang)


class PlainSignatures(SphinxPostTransform):
    """A signature's ``*`` (keyword-only parameters follow) stays a ``*``: on
    paper Sphinx would spell out its tooltip, "* (Keyword-only parameters
    separator (PEP 3102))", in the middle of the signature."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for signature in self.document.findall(addnodes.desc_signature):
            for abbreviation in signature.findall(nodes.abbreviation):
                abbreviation.attributes.pop("explanation", None)


def setup(app: Sphinx) -> None:
    app.add_post_transform(PlainSignatures)
    # After zoomguide.i18n (priority 500) has translated ``project``.
    app.connect("config-inited", _per_language, priority=600)
