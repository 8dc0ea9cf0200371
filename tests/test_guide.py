"""The bilingual guide as a reader gets it: every page in every language, linked.

Each language is built once per session (the ``html_dir`` fixture); the tests
read the HTML, the way a browser or a search engine would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup, Tag

from conftest import SITE_PATH as BASE_PATH
from conftest import root_toctrees
from conftest import SOURCE_PAGES as PAGES
from zoomguide.project import DOCS, LANGUAGES, LOCALE, SOURCE_LANGUAGE, TRANSLATIONS

# Kana occur in Japanese only: a run of them on a translated page is untranslated text.
KANA = re.compile(r"[\u3040-\u30ff][\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]*")
CJK_RUN = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef][\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef\s・]*")




def resolve(html_dir: Path, lang: str, page: str, href: str) -> Path:
    """The file a link on ``lang``/``page`` leads to, wherever the site is served."""
    if href.startswith(("https://", "http://", "/")):
        path = urlsplit(href).path
        assert path.startswith(BASE_PATH), href
        return (html_dir / path.removeprefix(BASE_PATH)).resolve()
    return (html_dir / lang / page).parent.joinpath(href).resolve()


def soup(html_dir: Path, lang: str, page: str) -> BeautifulSoup:
    return BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")


def article(doc: BeautifulSoup) -> Tag:
    found = doc.find("article", attrs={"role": "main"})
    assert isinstance(found, Tag)
    return found


def test_every_page_exists_in_every_language(html_dir: Path) -> None:
    assert PAGES, "no pages under docs/"
    for lang in LANGUAGES:
        missing = [p for p in PAGES if not (html_dir / lang / f"{p}.html").is_file()]
        assert not missing, f"{lang}: missing {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_html_lang(html_dir: Path, lang: str, page: str) -> None:
    # (The hreflang alternates are checked with the canonical URLs, in test_site.py.)
    doc = soup(html_dir, lang, page)
    assert doc.html is not None and doc.html.get("lang") == lang


@pytest.mark.parametrize("page", PAGES)
def test_visible_link_to_each_twin(html_dir: Path, lang: str, page: str) -> None:
    nav = soup(html_dir, lang, page).find("nav", class_="language-switch")
    assert isinstance(nav, Tag), "no language switch on the page"
    links = {str(a["hreflang"]): a for a in nav.find_all("a")}
    assert set(links) == set(LANGUAGES) - {lang}
    for code, a in links.items():
        assert a.get("lang") == code, "a language's name is marked as that language"
        assert a.get_text(strip=True), "the link has visible text"
        target = resolve(html_dir, lang, page, str(a["href"]))
        assert target == (html_dir / code / f"{page}.html").resolve()


def _section_ids(doc: BeautifulSoup) -> list[str]:
    return [str(s["id"]) for s in article(doc).find_all("section")]


@pytest.mark.parametrize("page", PAGES)
def test_section_anchors_are_readable_and_shared(html_dir: Path, page: str) -> None:
    ids = {lang: _section_ids(soup(html_dir, lang, page)) for lang in LANGUAGES}
    source = ids[SOURCE_LANGUAGE]
    assert source, "the page has no section"
    for sid in source:
        assert re.fullmatch(r"[a-z][a-z0-9-]*", sid) and not re.fullmatch(r"id\d+", sid), sid
    for lang in TRANSLATIONS:
        assert ids[lang] == source, f"{lang} anchors differ from {SOURCE_LANGUAGE}"


def test_legacy_anchor_lands_on_the_wrong_account_section(html_dir: Path, lang: str) -> None:
    doc = soup(html_dir, lang, "wrong-account")
    legacy = doc.find(id="if_you_create_a_wrong_account")
    assert isinstance(legacy, Tag), "legacy anchor missing"
    section = doc.find("section", id="if-you-create-a-wrong-account")
    assert isinstance(section, Tag)
    # Nothing of the page's text stands between the anchor and the section heading.
    heading = section.find("h1")
    assert isinstance(heading, Tag)
    between = []
    for node in legacy.next_elements:
        if node is heading:
            break
        if isinstance(node, str) and node.strip():
            between.append(node.strip())
    assert between == [], between


def _source_messages() -> set[str]:
    """Source-language sentences of the pages, as the catalogs list them."""
    messages: set[str] = set()
    for lang in TRANSLATIONS:
        for path in (LOCALE / lang / "LC_MESSAGES").glob("*.po"):
            messages |= {e.msgid for e in polib.pofile(str(path)) if len(e.msgid) > 8}
    return messages


def _prose(doc: BeautifulSoup) -> Tag:
    """The article without what may hold source-language words on purpose:
    the language link, the mail template and code (examples of the helper)."""
    body = article(doc)
    for tag in body.select("nav.language-switch, .resend-request [lang], pre, code, .sig"):
        tag.decompose()
    return body


@pytest.mark.parametrize("page", PAGES)
def test_translations_show_no_source_language_prose(html_dir: Path, page: str) -> None:
    """No untranslated sentence, and Japanese only as short quoted UI text."""
    messages = _source_messages()
    for lang in TRANSLATIONS:
        text = _prose(soup(html_dir, lang, page)).get_text()
        leaked = [m for m in messages if m in text]
        assert not leaked, f"{lang}/{page}: untranslated: {leaked[:3]}"
        for match in KANA.finditer(text):
            before = text[max(0, match.start() - 1): match.start()]
            assert before in {'"', "“", "「"} and len(match.group()) <= 20, (
                f"{lang}/{page}: Japanese outside a quotation: {match.group()!r}"
            )


# The facts of the source page that must survive in every language: numbers,
# addresses, links and Zoom's own button labels read the same in any language.
FACTS = {
    "index": ["2020", "2021", "15", "UTokyo Account"],
    "notices": [
        "16", "24", "25", "30", "500", "Zoom Pro", "G Suite for Education",
        "utelecon-inquiries@googlegroups.com",
        "ユーザが存在しません",
    ],
    "prepare": ["xxxx@g.ecc.u-tokyo.ac.jp", "G Suite for Education", "UTokyo Account"],
    "create-account": [
        "16", "24", "25", "Activate Zoom Account", "Sign up with password",
        "Sign in with Google", "Continue", "Start Zoom Meeting Now", "My Account",
    ],
    "wrong-account": [
        "Sign in with Google", "jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp", "My Account",
        "Sign out", "Sign in", "Forgot password?", "Send", "@g.ecc.u-tokyo.ac.jp",
        "xxxx@g.ecc.u-tokyo.ac.jp",
    ],
    "help": ["utelecon-inquiries@googlegroups.com", "jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp"],
}
LINKS = {
    "notices": [
        "https://tinyurl.com/v5pvzb5",
        "https://zoom.us/pricing",
        "mailto:utelecon-inquiries@googlegroups.com",
    ],
    "prepare": [
        "https://www.ecc.u-tokyo.ac.jp/announcement/2016/02/08_2116.html",
        "https://utacm.adm.u-tokyo.ac.jp/webmtn/LoginServlet",
        "https://hwb.ecc.u-tokyo.ac.jp/wp/literacy/email/initialize/",
    ],
    "wrong-account": [
        "mailto:jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp",
        "https://zoom.us/",
        "https://www.ecc.u-tokyo.ac.jp/announcement/2020/03/12_3139.html",
    ],
}


@pytest.mark.parametrize("page", sorted(FACTS))
def test_key_facts_in_every_language(html_dir: Path, lang: str, page: str) -> None:
    body = article(soup(html_dir, lang, page))
    text = body.get_text()
    missing = [fact for fact in FACTS[page] if fact not in text]
    assert not missing, f"{lang}/{page}: missing {missing}"
    hrefs = {unquote(str(a.get("href"))) for a in body.find_all("a")}
    assert not [h for h in LINKS.get(page, []) if h not in hrefs], f"{lang}/{page}: links lost"


def test_previous_and_next_stay_within_their_table_of_contents(html_dir: Path, lang: str) -> None:
    """The readers' pages do not lead on into the help desk's (and back); any
    page may lead back to the root page (index.md, where the toctrees are)."""
    groups = root_toctrees()
    assert len(groups) > 1, groups
    for group in groups:
        for page in group:
            doc = BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")
            for link in doc.select("a.next-page, a.prev-page"):
                target = str(link["href"]).split("#")[0].removesuffix(".html")
                assert target in [*group, "index"], f"{lang}/{page}: {link['class']} leads to {target}"
        first = group[0]
        if len(group) > 1:
            doc = BeautifulSoup((html_dir / lang / f"{first}.html").read_text("utf-8"), "html.parser")
            assert doc.select_one("a.next-page"), f"{lang}/{first}: no link to the next page"


def test_no_tracking_parameters_or_raw_font(html_dir: Path, lang: str) -> None:
    for page in PAGES:
        html = (html_dir / lang / f"{page}.html").read_text("utf-8")
        assert not re.search(r"[?&](zcid|gclid|creative|keyword|matchtype)=", html), page
        assert "<font" not in html.lower(), page
    for source in DOCS.rglob("*.md"):
        assert "<font" not in source.read_text("utf-8").lower(), source


def test_status_note_is_the_first_thing_on_the_guide(html_dir: Path, lang: str) -> None:
    body = article(soup(html_dir, lang, "index"))
    first = body.find(class_="admonition")
    assert isinstance(first, Tag) and "important" in first["class"]
    assert first.find_previous("p") is None or first.find_previous("p") not in body.find_all("p")
    assert "2021" in first.get_text() and "2020" in first.get_text()


def test_theme_words_are_in_the_page_language(html_dir: Path) -> None:
    """furo's own words (English) are translated wherever a theme catalog exists."""
    for lang in LANGUAGES:
        catalog = LOCALE / lang / "LC_MESSAGES" / "sphinx.po"
        if not catalog.exists():
            continue
        words = [e.msgid.strip() for e in polib.pofile(str(catalog))
                 if e.msgstr and e.msgstr.strip() != e.msgid.strip() and "<" not in e.msgid]
        for page in PAGES:
            doc = soup(html_dir, lang, page)
            visible = doc.body.get_text("\n") if doc.body else ""
            labels = [str(t["aria-label"]) for t in doc.find_all(True, attrs={"aria-label": True})]
            for word in words:
                assert word not in visible.split("\n") and word not in labels, f"{lang}/{page}: {word!r}"


def test_root_index_sends_visitors_to_a_language(html_dir: Path) -> None:
    doc = BeautifulSoup((html_dir / "index.html").read_text("utf-8"), "html.parser")
    refresh = doc.find("meta", attrs={"http-equiv": "refresh"})
    assert isinstance(refresh, Tag)
    assert str(refresh["content"]).endswith(f"url={SOURCE_LANGUAGE}/index.html")
    links = {str(a["hreflang"]): str(a["href"]) for a in doc.find_all("a")}
    assert set(links) == set(LANGUAGES)
    for code, href in links.items():
        assert (html_dir / href).resolve() == (html_dir / code / "index.html").resolve()


def test_search_finds_a_word_of_the_page_in_every_language(html_dir: Path) -> None:
    """A word of a page, split and stemmed as that language's search does, finds it."""
    from sphinx.search import languages
    from sphinx.util._importer import import_object

    for lang in LANGUAGES:
        raw = (html_dir / lang / "searchindex.js").read_text("utf-8")
        index = json.loads(raw[raw.index("(") + 1: raw.rindex(")")])
        page = index["docnames"].index("notices")
        language = languages[lang]
        searcher = (import_object(language) if isinstance(language, str) else language)({})
        paragraph = article(soup(html_dir, lang, "notices")).find("p")
        assert isinstance(paragraph, Tag)
        words = [w for w in searcher.split(paragraph.get_text()) if len(w) > 3 and not w.isascii() or len(w) > 6]
        found = []
        for word in words:
            postings = index["terms"].get(searcher.stem(word.lower()), [])
            if page in (postings if isinstance(postings, list) else [postings]):
                found.append(word)
        assert found, f"{lang}: no word of the notices page finds it in the search index"
