"""Words of another language carry their own ``lang`` (WCAG 3.1.2): zoomguide.langspans."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from conftest import LANGUAGES, unmarked
from zoomguide.langspans import _builder_inited, mark, mark_html, rules, script

BOTH = ("ja", "en")
FOUR = ("ja", "en", "ko", "zh")


def paragraph(text: str) -> tuple[nodes.document, nodes.paragraph]:
    document = new_document("test", get_default_settings(Parser()))
    para = nodes.paragraph(text, text)
    document += para
    return document, para


def marked(node: nodes.Node) -> list[tuple[str, str]]:
    return [(child["classes"][0], child.astext()) for child in node.findall(nodes.inline) if child["classes"]]


@pytest.mark.parametrize(("page_lang", "text", "parts"), [
    ("en", "Zoom says 「ユーザが存在しません」 (the user does not exist); write 2020年3月16日 as a date.",
     [("ja", "「ユーザが存在しません」"), ("ja", "2020年3月16日")]),
    ("en", "Write 情報戦略チーム 御中 at the top.", [("ja", "情報戦略チーム 御中")]),
    ("en", "Open the invitation email and click Activate Zoom Account.", []),
    # Quoted English in Japanese is marked; names and terms are not.
    ("ja", "Zoom のホームページで「Sign in」を押し、「Forgot password?」をクリックします。「ユーザ」は日本語です。",
     [("en", "Sign in"), ("en", "Forgot password?")]),
    # Han is Korean and Chinese too: a Japanese run is found by its kana, with its Han.
    ("ko", "활성화하면 「ユーザが存在しません」라는 오류가 나옵니다. 2020年 “Sign in”",
     [("ja", "「ユーザが存在しません」"), ("en", "Sign in")]),
    ("zh", "激活时显示「ユーザが存在しません」的错误，用户 2020年3月16日。韩语是「사용자 없음」",
     [("ja", "「ユーザが存在しません」"), ("ko", "「사용자 없음」")]),
    ("ja", "韓国語では「사용자가 존재하지 않습니다」と表示されます。中文の「用户」も漢字です。",
     [("ko", "「사용자가 존재하지 않습니다」")]),
])
def test_parts_in_another_language_are_marked(page_lang: str, text: str, parts: list[tuple[str, str]]) -> None:
    document, para = paragraph(text)
    assert mark(document, page_lang, FOUR) == len(parts)
    assert marked(para) == [(f"language-{lang}", part) for lang, part in parts]
    assert para.astext() == text


def test_code_and_raw_html_are_left_alone() -> None:
    document = new_document("test", get_default_settings(Parser()))
    code = nodes.literal_block("", '>>> utaccount.normalize_id("０１２３４５６７８９")\n\'0123456789\'  # 全角')
    raw = nodes.raw("", "<p>日本語</p>", format="html")
    document += [code, raw]
    assert mark(document, "en", BOTH) == 0
    assert code["classes"] == [] and code.astext().startswith(">>>")
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
    # No rule between two Latin languages, nor for Chinese in a Japanese or Korean page
    # (its Han are theirs too); a quoted Latin phrase is the first Latin language's.
    assert [r.lang for r in rules("fr", ("ja", "en", "fr"))] == ["ja"]
    assert [(r.lang, r.quoted) for r in rules("ja", ("ja", "en", "fr", "zh"))] == [("en", True)]
    assert [r.lang for r in rules("ko", FOUR)] == ["ja", "en"]
    # Any script Unicode has: Russian in an Arabic page; English quoted in its quote marks.
    document, para = paragraph("قال «Привет» ثم “hello”")
    assert mark(document, "ar", ("ar", "ru", "en")) == 2
    assert marked(para) == [("language-ru", "Привет"), ("language-en", "hello")]


def test_a_language_without_a_known_script_stops_the_build_with_one_line() -> None:
    app: Any = SimpleNamespace(builder=SimpleNamespace(name="html"), config=SimpleNamespace(language="xx"))
    with pytest.raises(SystemExit) as stop:
        _builder_inited(app)
    assert str(stop.value.code).startswith("error: CLDR knows no script of language 'xx': correct the code")
    assert "\n" not in str(stop.value.code)
    with pytest.raises(ValueError, match="is written in Qaaa.*add its Unicode scripts to zoomguide.langspans.SCRIPTS"):
        script("en-Qaaa")


# -- the built site --------------------------------------------------------------------


def test_unmarked_finds_what_is_not_marked() -> None:
    page = '<html lang="en"><body><p>Say <span lang="ja">「はい」</span> or 「いいえ」.</p></body></html>'
    assert unmarked(page, "en") == ["'いいえ' in 'or 「いいえ」.'"]
    page = '<html lang="zh"><body><p>用户「<span lang="ja">ユーザ</span>」，ユーザ名</p></body></html>'
    assert unmarked(page, "zh", FOUR) == ["'ユーザ' in '」，ユーザ名'"]
    page = '<html lang="en"><body><p><span lang="ja">情報基盤センター</span>, <span lang="ja">계정</span></p></body></html>'
    assert unmarked(page, "en", FOUR) == ["'계정' in '계정'"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_marks_the_other_languages(html_dir: Path, lang: str) -> None:
    problems = []
    pages = sorted((html_dir / lang).rglob("*.html"))
    for page in pages:
        problems += [f"{page.relative_to(html_dir)}: {p}" for p in unmarked(page.read_text(encoding="utf-8"), lang)]
    assert not problems, "\n".join(problems)
