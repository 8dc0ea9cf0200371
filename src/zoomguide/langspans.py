"""Words of another language get their own ``lang`` (WCAG 3.1.2, language of parts).

The English guide quotes Japanese: the error message 「ユーザが存在しません」 that
Zoom shows, and the Japanese mail the reader must send. The Japanese guide quotes
Zoom's English buttons: 「Sign up with password」. A screen reader reads such a part
in the page's language unless the part says otherwise, so the translated doctree
is marked here, after the catalogs have been applied:

* In a page, a run of the script of another of the guide's languages becomes
  ``<span lang="xx">`` when that script is not Latin (a Japanese run in an English
  page is always Japanese); where the scripts share letters (Han), a run needs a
  letter that the page's script lacks (kana in a Chinese page, hangul in a Japanese
  one). (A block wholly in another language says so itself: the mail template
  of zoomguide.mailtemplate.)
* In highlighted code (an example's Japanese strings), such runs are marked in
  the HTML that Pygments writes.
* Latin-script words inside a non-Latin page are mostly names and terms ("Zoom",
  "ECCS"), which WCAG exempts; only a whole quotation in the page's own quote
  marks (「Forgot password?」) is marked, with the first of the guide's languages
  written in Latin script.

Which language writes which script comes from CLDR's likely subtags (Babel), a
script's letters from Unicode's Script property (``regex``), so the languages stay
those of pyproject.toml; one they do not know stops the build with one line.
Docutils' HTML writer turns the class ``language-xx`` into ``lang="xx"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex
from babel.core import get_global, parse_locale
from docutils import nodes
from sphinx.application import Sphinx

from zoomguide.i18n import language_tag
from zoomguide.project import LANGUAGES

#: Writing systems (ISO 15924) of several Unicode scripts; any other code is one script.
SCRIPTS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"), "Hanb": ("Hani", "Bopo"),
           "Hans": ("Hani",), "Hant": ("Hani",), "Jamo": ("Hang",), "Latf": ("Latn",), "Latg": ("Latn",)}
#: Letters of no one Unicode script (Common, Inherited): the prolonged sound mark, voiced marks.
EXTRA_LETTERS = {"Hira": "\u3099-\u309c", "Kana": "\u30fc\uff70"}
_CJK = "\u3000-\u303f\uff01-\uff65"
#: Punctuation that belongs to a script's text (quote marks, full stops, full-width forms).
PUNCTUATION = {"Hani": _CJK, "Hang": _CJK, "Kana": "\u30fb"}
#: The quote marks of a script's prose, (opening, closing); OTHER_QUOTES for any other.
QUOTES = {"Jpan": ("「『", "」』"), "Hant": ("「『\u201c\u2018", "」』\u201d\u2019")}
OTHER_QUOTES = ("\u201c\u2018\u201e\u00ab\"", "\u201d\u2019\u201c\u00bb\"")

#: Elements whose text is not prose or cannot hold a <span> (code blocks are
#: highlighted from their plain text: see mark_html).
SKIP = (nodes.literal_block, nodes.doctest_block, nodes.math_block, nodes.math, nodes.raw,
        nodes.comment, nodes.substitution_definition)
CLASS_PREFIX = "language-"


def script(lang: str) -> str:
    """The script a language is written in (CLDR likely subtags), e.g. "Jpan" or "Latn".

    >>> script("ko"), script("zh"), script("zh_TW"), script("pt-BR"), script("sr-Latn")
    ('Kore', 'Hans', 'Hant', 'Latn', 'Latn')
    """
    likely = get_global("likely_subtags")
    try:
        language, territory, found = parse_locale(lang.replace("-", "_"))[:3]
        found = found or parse_locale(likely.get(f"{language}_{territory}") or likely[language])[2]
    except (KeyError, ValueError):
        found = None
    if not found:
        raise ValueError(f"CLDR knows no script of language {lang!r}: correct the code in "
                         "pyproject.toml, or add its script as in 'sr-Latn'")
    try:
        regex.compile(f"[{letters(found)}]")
    except regex.error:
        raise ValueError(f"language {lang!r} is written in {found}, which regex does not know: "
                         "add its Unicode scripts to zoomguide.langspans.SCRIPTS") from None
    return found


def letters(code: str, without: str = "") -> str:
    """The letters of script ``code`` that script ``without`` lacks, as regex class contents.

    >>> regex.findall(f"[{letters('Kore')}]+", "Zoom 계정 (作成)")
    ['계정', '作成']
    """
    theirs = [s for s in _parts(code) if s not in _parts(without)]
    return "".join(rf"\p{{sc={s}}}{EXTRA_LETTERS.get(s, '')}" for s in theirs)


def _parts(code: str) -> tuple[str, ...]:
    return SCRIPTS.get(code, (code,))


@dataclass(frozen=True)
class Rule:
    """How runs of one foreign language are found in a page of another."""

    #: The language's tag ("zh-TW"), which the parts get as their ``lang``.
    lang: str
    pattern: regex.Pattern[str]
    #: True when only quotations are marked (Latin script), not every run.
    quoted: bool


def rules(page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> list[Rule]:
    """The foreign-language rules for a page in ``page_lang``, first match wins."""
    own = script(page_lang)
    # One rule for each set of letters that the page's script lacks.
    result: dict[str, Rule] = {}
    for other in languages:
        theirs = script(other)
        lacking = letters(theirs, without=own)
        if not lacking or lacking in result:
            continue
        they = letters(theirs)
        quoted = _parts(theirs) == ("Latn",)
        if quoted:
            # A quotation entirely in Latin script (printable ASCII and Latin
            # letters), without its quote marks, holding at least one letter.
            opening, closing = QUOTES.get(own, OTHER_QUOTES)
            body = f"[ -~\u00a0\u2019{they}]"
            pattern = rf"(?<=[{opening}]){body}*[{they}]{body}*(?=[{closing}])"
        else:
            marks = "".join(PUNCTUATION.get(s, "") for s in _parts(theirs))
            marks = f"[{marks}]*" if marks else ""
            # A run holds words with a letter the page's script lacks, and the marks
            # between them; digits written against it belong to it ("2020年3月16日"),
            # and spaces and digits may join two parts.
            word = f"[{they}]*[{lacking}][{they}]*"
            run = f"[0-9]*(?:{marks}{word})+{marks}"
            pattern = rf"{run}(?:[\s0-9]+{run})*"
        result[lacking] = Rule(language_tag(other), regex.compile(pattern), quoted)
    return list(result.values())


def _left_alone(element: nodes.Element | None) -> bool:
    """Whether ``element``, or one it is in, is no prose or is marked already."""
    if element is None:
        return False
    return (isinstance(element, SKIP) or any(cls.startswith(CLASS_PREFIX) for cls in element["classes"])
            or _left_alone(element.parent))


def _pieces(text: str, page_rules: list[Rule]) -> list[tuple[str, str | None]]:
    """``text`` cut into the runs that ``page_rules`` find, each with its language, and the
    text between them (language None); where runs overlap, the earlier rule's is kept."""
    found: list[tuple[int, int, str]] = []
    for rule in page_rules:
        found += [(m.start(), m.end(), rule.lang) for m in rule.pattern.finditer(text)
                  if not any(s < m.end() and m.start() < e for s, e, _ in found)]
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, lang in sorted(found):
        pieces += [(text[pos:start], None), (text[start:end], lang)]
        pos = end
    return [piece for piece in [*pieces, (text[pos:], None)] if piece[0]]


def mark(doctree: nodes.Node, page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Mark the foreign-language parts of ``doctree``; return how many were marked.

    Marking twice changes nothing: text already inside a ``language-*`` element is
    left alone.
    """
    page_rules = rules(page_lang, languages)
    count = 0
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or _left_alone(parent):
            continue
        pieces = _pieces(str(text), page_rules)
        if runs := sum(lang is not None for _, lang in pieces):
            parent.replace(text, [nodes.inline(piece, piece, classes=[CLASS_PREFIX + lang]) if lang
                                  else nodes.Text(piece) for piece, lang in pieces])
            count += runs
    return count


def mark_html(html: str, page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """``html`` (markup without scripts, such as highlighted code) with each run of a
    non-Latin foreign script in its text wrapped in ``<span lang="xx">``."""
    page_rules = [rule for rule in rules(page_lang, languages) if not rule.quoted]

    def marked(text: str) -> str:
        return "".join(f'<span lang="{lang}">{piece}</span>' if lang else piece
                       for piece, lang in _pieces(text, page_rules))

    parts = regex.split(r"(<[^>]*>)", html)
    return "".join(part if i % 2 else marked(part) for i, part in enumerate(parts))


def _marking_formatter(base: type[Any], page_lang: str) -> type[Any]:
    class Formatter(base):  # type: ignore[misc]
        """Pygments' HTML formatter, marking foreign runs in each line of code."""

        def wrap(self, source: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
            for kind, line in super().wrap(source):
                yield kind, mark_html(line, page_lang) if kind == 1 else line

    return Formatter


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        return
    try:
        rules(app.config.language)
    except ValueError as error:
        # Sphinx reports any exception of an extension with a traceback: one line instead.
        raise SystemExit(f"error: {error}") from None
    # Sphinx has no setting for its HTML formatter (sphinx-doc/sphinx#747): this build's
    # highlighter (PygmentsBridge) gets a subclass of the one it has, which only wraps
    # lines (test_every_page_marks_the_other_languages fails if that stops working).
    highlighter = getattr(app.builder, "highlighter", None)
    if app.builder.format == "html" and highlighter is not None:
        highlighter.formatter = _marking_formatter(highlighter.formatter, app.config.language)


def _mark(app: Sphinx, doctree: nodes.document, *docname: str) -> None:
    # For the web pages only (each builder has its doctrees: Makefile): message
    # catalogs are extracted from the untouched source text, and LaTeX has no use
    # for the marks (and warns of a marked document title).
    if app.builder.format == "html":
        mark(doctree, app.config.language)


def setup(app: Sphinx) -> dict[str, bool]:
    # Before the table of contents is collected (priority 500), so that titles in
    # the navigation carry their marks too.
    app.connect("doctree-read", _mark, priority=400)
    # Link texts taken from section titles are filled in only when a page is written.
    app.connect("doctree-resolved", _mark)
    app.connect("builder-inited", _builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

