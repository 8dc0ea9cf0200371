"""Words of another language get their own ``lang`` (WCAG 3.1.2, language of parts).

The English guide quotes Japanese: the error message 「ユーザが存在しません」 that
Zoom shows, and the Japanese mail the reader must send. The Japanese guide quotes
Zoom's English buttons: 「Sign up with password」. A screen reader reads such a part
in the page's language unless the part says otherwise, so the translated doctree
is marked here, after the catalogs have been applied:

* In a page, a run of the script of another of the guide's languages becomes
  ``<span lang="xx">`` when that script is not Latin (a Japanese run in an English
  page is always Japanese). A literal block that is mostly such text (the mail
  template) gets the ``lang`` as a whole.
* In highlighted code (an example's Japanese strings), such runs are marked in
  the HTML that Pygments writes.
* Latin-script words inside a non-Latin page are mostly names and terms ("Zoom",
  "ECCS"), which WCAG exempts; only a whole quotation in the page's own quote
  marks (「Forgot password?」) is marked, with the first of the guide's languages
  written in Latin script.

Which language writes which script comes from CLDR's likely subtags (Babel), so
the languages stay those of pyproject.toml. Docutils' HTML writer turns the class
``language-xx`` into ``lang="xx"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from babel.core import get_global, parse_locale
from docutils import nodes
from sphinx.application import Sphinx

from zoomguide.project import LANGUAGES

#: Letters of each script this module knows, as regex character-class contents.
LETTERS = {
    "Jpan": "\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f",
    "Latn": "A-Za-z\u00c0-\u024f",
}
#: Punctuation that belongs to a script's text (quote marks, full stops, full-width forms).
PUNCTUATION = {
    "Jpan": "\u3000-\u303f\u30fb\u30fc\uff01-\uff65",
    "Latn": "",
}
#: The quote marks of a script's prose: (opening, closing) characters.
QUOTES = {
    "Jpan": ("「『", "」』"),
    "Latn": ("\u201c\u2018\"", "\u201d\u2019\""),
}

#: Elements whose text is not prose or cannot hold a <span> (code blocks are
#: highlighted from their plain text: see mark_html).
SKIP = (nodes.literal_block, nodes.doctest_block, nodes.math_block, nodes.math, nodes.raw,
        nodes.comment, nodes.substitution_definition)
CLASS_PREFIX = "language-"


def script(lang: str) -> str:
    """The script a language is written in, e.g. "Jpan" or "Latn" (CLDR likely subtags)."""
    likely = get_global("likely_subtags").get(lang.replace("-", "_"))
    if not likely:
        raise ValueError(f"no likely script known for language {lang!r}")
    found = parse_locale(likely)[2]
    if found not in LETTERS:
        raise ValueError(
            f"language {lang!r} is written in {found}: add its letters to zoomguide.langspans.LETTERS"
        )
    return str(found)


@dataclass(frozen=True)
class Rule:
    """How runs of one foreign language are found in a page of another."""

    lang: str
    pattern: re.Pattern[str]
    #: True when only quotations are marked (Latin script), not every run.
    quoted: bool


def rules(page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> list[Rule]:
    """The foreign-language rules for a page in ``page_lang``, first match wins."""
    own = script(page_lang)
    result: list[Rule] = []
    seen: set[str] = set()
    for other in languages:
        theirs = script(other)
        if other == page_lang or theirs == own or theirs in seen:
            continue
        seen.add(theirs)
        letters = LETTERS[theirs]
        quoted = theirs == "Latn"
        if quoted:
            # A quotation entirely in Latin script (printable ASCII and Latin
            # letters), without its quote marks, holding at least one letter.
            opening, closing = QUOTES[own]
            body = f"[ -~\u00a0\u2019{letters}]"
            pattern = rf"(?<=[{opening}]){body}*[{letters}]{body}*(?=[{closing}])"
        else:
            body = f"[{letters}{PUNCTUATION[theirs]}]"
            # A run holds at least one letter; digits written against it belong to
            # it ("2020年3月16日"), and spaces and digits may join two parts.
            run = f"[0-9]*{body}*[{letters}]{body}*"
            pattern = rf"{run}(?:[\s0-9]+{run})*"
        result.append(Rule(other, re.compile(pattern), quoted))
    return result


def _lang_of(node: nodes.Node) -> str | None:
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, nodes.Element):
            classes: list[str] = parent.get("classes", [])
            for cls in classes:
                if cls.startswith(CLASS_PREFIX):
                    return cls[len(CLASS_PREFIX):]
        parent = parent.parent
    return None


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _split(text: str, found: list[tuple[int, int, str]]) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    pos = 0
    for start, end, lang in found:
        if start > pos:
            parts.append(nodes.Text(text[pos:start]))
        parts.append(nodes.inline(text[start:end], text[start:end], classes=[CLASS_PREFIX + lang]))
        pos = end
    if pos < len(text):
        parts.append(nodes.Text(text[pos:]))
    return parts


def _matches(text: str, page_rules: list[Rule]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for rule in page_rules:
        for m in rule.pattern.finditer(text):
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), rule.lang))
    return sorted(found)


def mark(doctree: nodes.Node, page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Mark the foreign-language parts of ``doctree``; return how many were marked.

    Marking twice changes nothing: text already inside a ``language-*`` element is
    left alone.
    """
    page_rules = rules(page_lang, languages)
    if not page_rules:
        return 0
    count = 0
    for block in list(doctree.findall(nodes.literal_block)):
        if _lang_of(block) is not None:
            continue
        # A block mostly in another language (the mail template) is in that language.
        text = block.astext()
        for rule in page_rules:
            if rule.quoted:
                continue
            covered = sum(len("".join(m.group().split())) for m in rule.pattern.finditer(text))
            if covered and covered * 2 >= len("".join(text.split())):
                block["classes"].append(CLASS_PREFIX + rule.lang)
                count += 1
                break
    for text_node in list(doctree.findall(nodes.Text)):
        parent = text_node.parent
        if parent is None or isinstance(parent, SKIP) or _inside(text_node, SKIP):
            continue
        if _lang_of(text_node) is not None:
            continue
        found = _matches(str(text_node), page_rules)
        if not found:
            continue
        parent.replace(text_node, _split(str(text_node), found))
        count += len(found)
    return count


_TAG = re.compile(r"(<[^>]*>)")


def mark_html(html: str, page_lang: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """``html`` (markup without scripts, such as highlighted code) with each run of a
    non-Latin foreign script in its text wrapped in ``<span lang="xx">``."""
    page_rules = [rule for rule in rules(page_lang, languages) if not rule.quoted]
    if not page_rules:
        return html
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):
        found = _matches(parts[i], page_rules)
        for start, end, lang in reversed(found):
            text = parts[i]
            parts[i] = f'{text[:start]}<span lang="{lang}">{text[start:end]}</span>{text[end:]}'
    return "".join(parts)


def _marking_formatter(base: type[Any], page_lang: str) -> type[Any]:
    class Formatter(base):  # type: ignore[misc]
        """Pygments' HTML formatter, marking foreign runs in each line of code."""

        def wrap(self, source: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
            for kind, line in super().wrap(source):
                yield kind, mark_html(line, page_lang) if kind == 1 else line

    return Formatter


def _builder_inited(app: Sphinx) -> None:
    highlighter = getattr(app.builder, "highlighter", None)
    if app.builder.format == "html" and highlighter is not None:
        highlighter.formatter = _marking_formatter(highlighter.formatter, app.config.language)


def _skip(app: Sphinx) -> bool:
    # Message catalogs are extracted from the untouched source text.
    return app.builder.name == "gettext"


def _doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not _skip(app):
        mark(doctree, app.config.language)


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # Link texts taken from section titles are filled in only when a page is written.
    if not _skip(app):
        mark(doctree, app.config.language)


def setup(app: Sphinx) -> dict[str, bool]:
    # Before the table of contents is collected (priority 500), so that titles in
    # the navigation carry their marks too.
    app.connect("doctree-read", _doctree_read, priority=400)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("builder-inited", _builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

