"""Words of another language carry their own ``lang`` (WCAG 3.1.2): zoomguide.langspans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from zoomguide.langspans import LETTERS, mark, mark_html, rules, script
from zoomguide.project import LANGUAGES

BOTH = ("ja", "en")


def paragraph(text: str) -> tuple[nodes.document, nodes.paragraph]:
    document = new_document("test", get_default_settings(Parser()))
    para = nodes.paragraph(text, text)
    document += para
    return document, para


def marked(node: nodes.Node) -> list[tuple[str, str]]:
    return [
        (child["classes"][0], child.astext())
        for child in node.findall(nodes.inline) if child["classes"]
    ]


# -- the transform on doctrees -------------------------------------------------------


def test_japanese_in_an_english_page_is_marked() -> None:
    text = "Zoom says 「ユーザが存在しません」 (the user does not exist); write 2020年3月16日 as a date."
    document, para = paragraph(text)
    assert mark(document, "en", BOTH) == 2
    assert marked(para) == [("language-ja", "「ユーザが存在しません」"), ("language-ja", "2020年3月16日")]
    assert para.astext() == text


def test_a_japanese_phrase_with_spaces_is_one_part() -> None:
    document, para = paragraph("Write 情報戦略チーム 御中 at the top.")
    mark(document, "en", BOTH)
    assert marked(para) == [("language-ja", "情報戦略チーム 御中")]


def test_quoted_english_in_a_japanese_page_is_marked_names_are_not() -> None:
    text = "Zoom のホームページで「Sign in」を押し、「Forgot password?」をクリックします。「ユーザ」は日本語です。"
    document, para = paragraph(text)
    assert mark(document, "ja", BOTH) == 2
    assert marked(para) == [("language-en", "Sign in"), ("language-en", "Forgot password?")]
    assert para.astext() == text


def test_marking_twice_changes_nothing() -> None:
    document, para = paragraph("Zoom says 「ユーザが存在しません」.")
    mark(document, "en", BOTH)
    before = para.pformat()
    assert mark(document, "en", BOTH) == 0
    assert para.pformat() == before


def test_text_of_the_page_language_only_is_left_alone() -> None:
    document, para = paragraph("Open the invitation email and click Activate Zoom Account.")
    assert mark(document, "en", BOTH) == 0
    assert para.children == [nodes.Text("Open the invitation email and click Activate Zoom Account.")]


def test_a_block_mostly_in_another_language_gets_its_lang_and_code_does_not() -> None:
    document = new_document("test", get_default_settings(Parser()))
    mail = nodes.literal_block("", "情報戦略チーム 御中\n\nアクティベーションのメールを再送してください。\n共通ID：0123456789")
    code = nodes.literal_block("", '>>> utaccount.normalize_id("０１２３４５６７８９")\n\'0123456789\'  # 全角')
    raw = nodes.raw("", "<p>日本語</p>", format="html")
    document += [mail, code, raw]
    mark(document, "en", BOTH)
    assert mail["classes"] == ["language-ja"]
    assert code["classes"] == []
    assert raw.astext() == "<p>日本語</p>" and not list(raw.findall(nodes.inline))


def test_highlighted_code_marks_runs_in_its_text_not_in_its_tags() -> None:
    code = '<span class="s2">&quot;本郷 花子&quot;</span><span class="c1"># 例: 2020年</span>'
    assert mark_html(code, "en", BOTH) == (
        '<span class="s2">&quot;<span lang="ja">本郷 花子</span>&quot;</span>'
        '<span class="c1"># <span lang="ja">例</span>: <span lang="ja">2020年</span></span>'
    )
    # Latin in Japanese code stays as it is: only quotations in prose are marked.
    assert mark_html('<span class="s2">"Sign in"</span>', "ja", BOTH) == '<span class="s2">"Sign in"</span>'


def test_rules_follow_the_scripts_of_the_languages() -> None:
    assert script("ja") == "Jpan" and script("en") == "Latn"
    # A third language in Latin script: no rule between the two Latin languages,
    # and a quoted Latin phrase in Japanese is taken for the first of them.
    assert [r.lang for r in rules("fr", ("ja", "en", "fr"))] == ["ja"]
    assert [(r.lang, r.quoted) for r in rules("ja", ("ja", "en", "fr"))] == [("en", True)]
    with pytest.raises(ValueError, match="LETTERS"):
        script("ar")


# -- the built site --------------------------------------------------------------------


def _declared_lang(node: NavigableString) -> str:
    for parent in node.parents:
        if isinstance(parent, Tag) and parent.get("lang"):
            return str(parent["lang"])
    return ""


def unmarked(html: str, lang: str) -> list[str]:
    """Runs of another language's script in ``html`` (a page in ``lang``) that are
    not inside an element of that language."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body
    assert body is not None
    problems = []
    for rule in rules(lang):
        for text in body.find_all(string=True):
            if text.parent is None or text.parent.name in ("script", "style", "noscript"):
                continue
            if rule.quoted:
                found = [m.group() for m in rule.pattern.finditer(str(text))]
            else:
                found = re.findall(f"[{LETTERS[script(rule.lang)]}]+", str(text))
            if found and not _declared_lang(text).startswith(rule.lang):
                problems.append(f"{found[0]!r} in {str(text).strip()[:60]!r}")
    return problems


def test_unmarked_finds_what_is_not_marked() -> None:
    page = '<html lang="en"><body><p>Say <span lang="ja">「はい」</span> or 「いいえ」.</p></body></html>'
    assert unmarked(page, "en") == ["'いいえ' in 'or 「いいえ」.'"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_marks_the_other_languages(html_dir: Path, lang: str) -> None:
    problems = []
    pages = sorted((html_dir / lang).rglob("*.html"))
    for page in pages:
        problems += [f"{page.relative_to(html_dir)}: {p}" for p in unmarked(page.read_text(encoding="utf-8"), lang)]
    assert not problems, "\n".join(problems)


def test_the_site_has_parts_in_another_language(html_dir: Path) -> None:
    # The English guide quotes Japanese, the Japanese guide Zoom's English buttons:
    # each language's pages hold parts marked with another language.
    for lang in LANGUAGES:
        others = {
            str(tag["lang"])
            for page in (html_dir / lang).glob("*.html")
            for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article [lang]")
        }
        assert others - {lang}, f"no part of another language marked in {lang}"
