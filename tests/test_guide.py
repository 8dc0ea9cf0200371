"""The guide as a reader gets it, in every language: the pages and their language,
the links between language twins, shared anchors, translations that leave nothing
behind, navigation and the theme's words. The tests read the built HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import polib
import pytest
from bs4 import Tag

from conftest import (COMMAND_TIMEOUT, DOCS, LANGUAGES, LOCALE, PAGES, SOURCE_LANGUAGE, TRANSLATIONS, article,
                      page_soup, resolve, tag)
import utaccount
from zoomguide.i18n import catalog_path
from zoomguide.mailtemplate import gloss_language


def test_every_page_is_in_every_language_with_the_same_anchors(html_dir: Path, lang: str) -> None:
    """Each page exists in the language and says so (``<html lang>``), and a link to
    one of its sections (``create-account.html#create-account``) works in every language."""
    for page in PAGES:
        doc = page_soup(html_dir, lang, page)
        assert doc.html is not None and doc.html.get("lang") == tag(lang), page
        source = article(page_soup(html_dir, SOURCE_LANGUAGE, page))
        sections = [section["id"] for section in article(doc).find_all("section")]
        assert sections and sections == [section["id"] for section in source.find_all("section")], page


def test_language_link_leads_to_the_twin_page(html_dir: Path, lang: str) -> None:
    """Every page links to the same page in each other language, named in that language."""
    for page in PAGES:
        nav = page_soup(html_dir, lang, page).find("nav", class_="language-switch")
        assert isinstance(nav, Tag), f"{lang}/{page}: no language link"
        links = {str(a["hreflang"]): a for a in nav.find_all("a")}
        others = {tag(other): other for other in LANGUAGES if other != lang}
        assert set(links) == set(others), page
        for other_tag, a in links.items():
            other = others[other_tag]
            assert a.get("lang") == other_tag and a.get_text(strip=True), page
            target = resolve(html_dir, html_dir / lang / f"{page}.html", str(a["href"]))
            assert target and target[0] == html_dir / other / f"{page}.html", page


@pytest.mark.parametrize("page", PAGES)
def test_translations_leave_no_source_language_prose(html_dir: Path, page: str) -> None:
    """No sentence of a catalog shows untranslated (that no source-language letters show
    outside parts marked as such: test_langspans.py)."""
    for lang in TRANSLATIONS:
        catalogs = (LOCALE / lang / "LC_MESSAGES").glob("*.po")
        messages = {e.msgid for path in catalogs for e in polib.pofile(str(path)) if len(e.msgid) > 8}
        body = article(page_soup(html_dir, lang, page))
        assert not [m for m in messages if m in body.get_text()], f"{lang}/{page}: untranslated"


@pytest.mark.parametrize("page", PAGES)
def test_links_and_zoom_labels_survive_translation(html_dir: Path, page: str) -> None:
    """A translation keeps every link target of the source page and every part in
    another language than the source's (Zoom's own button labels)."""
    source = article(page_soup(html_dir, SOURCE_LANGUAGE, page))
    facts = {unquote(str(a["href"])) for a in source.find_all("a", href=re.compile("^(https?|mailto):"))}
    facts |= {part.get_text() for part in source.find_all(True, attrs={"lang": True})
              if part["lang"] != SOURCE_LANGUAGE}
    for lang in TRANSLATIONS:
        body = article(page_soup(html_dir, lang, page))
        found = body.get_text() + "\n".join(unquote(str(a.get("href"))) for a in body.find_all("a"))
        # A site's page in the reader's language (https://host/en/path) stands for its source-language page.
        assert not [fact for fact in facts if fact not in found
                    and re.sub("^(https://[^/]+/)", rf"\g<1>{lang}/", fact) not in found], lang


def test_previous_and_next_stay_in_their_table_of_contents(html_dir: Path, lang: str) -> None:
    """"Next" on the readers' last page does not lead on into the help desk's pages
    (each group of the sidebar); any page may lead back to the first page."""
    groups = [[str(a["href"]).removesuffix(".html") for a in ul.find_all("a")]
              for ul in page_soup(html_dir, lang, "index").select(".sidebar-tree > ul")]
    assert len(groups) > 1
    for group in groups:
        for page in group:
            for link in page_soup(html_dir, lang, page).select("a.next-page, a.prev-page"):
                target = str(link["href"]).split("#")[0].removesuffix(".html")
                assert target in [*group, "index"], f"{lang}/{page} leads to {target}"
        if len(group) > 1:
            assert page_soup(html_dir, lang, group[0]).select_one("a.next-page"), group[0]


#: The pages of the spring 2020 procedure: each opens with the dated note (docs/_includes/spring-2020.md).
PROCEDURE = ["notices", "prepare", "create-account", "wrong-account", "help"]
#: Zoom's Japanese labels of 2020, as the university's Japanese page quoted them, and Zoom's English ones.
ZOOM_LABELS = {"Zoomアカウントのアクティベート": "Activate Zoom Account", "パスワードでサインアップ": "Sign up with password",
               "Googleでサインイン": "Sign in with Google", "続ける": "Continue", "マイアカウント": "My Account",
               "Zoomミーティングを今すぐ始める": "Start Zoom Meeting Now", "サインアウト": "Sign out",
               "サインイン": "Sign in", "パスワードをお忘れですか": "Forgot password?", "送信": "Send"}
LINK_2021 = r"\]\((https://[^)]*2021[^)]*)\)"  # in the note's Markdown


def change_2021_link(lang: str) -> str:
    """The university's page on the change of 2021 that the note links: the source's, or its catalog's."""
    link = re.search(LINK_2021, (DOCS / "_includes" / "spring-2020.md").read_text("utf-8"))
    assert link, "the dated note links no page of 2021"
    if lang == SOURCE_LANGUAGE:
        return link[1]
    catalog = polib.pofile(str(catalog_path(lang, "notices")))
    translated = re.search(LINK_2021, next(e.msgstr for e in catalog if link[1] in e.msgid))
    assert translated and translated[1] != link[1], (
        f"{lang}: in notices.po, the dated note links {link[1]}: link the page in {lang} instead, or utelecon's"
        " English page where it has none in that language")
    return translated[1]


def test_status_opens_every_page_of_2020_and_the_box_tells_today(html_dir: Path, lang: str) -> None:
    """Under the title, each page of the 2020 procedure says so and links the change of 2021 in the
    reader's language; first on the index, its box ("status") also gives today's sign-in name
    (common ID @utac) and the university's Zoom page."""
    for page in PROCEDURE:
        first = article(page_soup(html_dir, lang, page)).select_one("h1 + *")
        assert isinstance(first, Tag) and "spring-2020" in first["class"], f"{lang}/{page}"
        assert change_2021_link(lang) in [a.get("href") for a in first.find_all("a")], f"{lang}/{page}"
    box = article(page_soup(html_dir, lang, "index")).select_one("h1 + *")
    assert isinstance(box, Tag) and box.get("id") == "status" and "admonition" in box["class"]
    links = [a.get("href") for a in box.find_all("a")]
    assert "0123456789@utac.u-tokyo.ac.jp" in box.get_text()
    assert "https://u-tokyo-ac-jp.zoom.us/" in links and change_2021_link(lang) in links


def test_source_pages_quote_zoom_labels_of_2020(html_dir: Path) -> None:
    """The source language's pages quote Zoom's Japanese labels, each with the English one
    beside it where it first appears on a page; the reader's pages write 共通ID without a space."""
    texts = [article(page_soup(html_dir, SOURCE_LANGUAGE, page)).get_text() for page in ["index", *PROCEDURE]]
    for text in texts:
        assert "共通 ID" not in text
        for ja, en in ZOOM_LABELS.items():
            if (at := text.find(f"「{ja}」")) >= 0:
                assert f"「{en}」" in text[at:at + len(ja) + len(en) + 20], f"「{ja}」 first without 「{en}」"
    assert not [ja for ja in ZOOM_LABELS if not any(f"「{ja}」" in text for text in texts)]


def test_methods_come_before_the_address_box(html_dir: Path, lang: str) -> None:
    """On the wrong-account page the reader meets both methods before the box."""
    body = article(page_soup(html_dir, lang, "wrong-account"))
    order = body.find_all(True)
    box, *methods = (body.select_one(css) for css in ("[data-address-box]", "#recovery-method-1 h2",
                                                      "#recovery-method-2 h2"))
    assert box and all(h and order.index(h) < order.index(box) for h in methods), lang


def test_the_request_mail_is_sent_as_it_is_and_glossed_in_other_languages(html_dir: Path, lang: str) -> None:
    """Method 1's mail (the template with its subject, then the example) is in the office's
    language; on a page in another language each is followed by a gloss, and the
    template's gloss by the subject's; a page in the mail's language has none."""
    mails = article(page_soup(html_dir, lang, "wrong-account")).select(".resend-request")
    assert len(mails) == 2, lang
    assert mails[0].pre and mails[0].pre.get_text().strip() == utaccount.resend_template().strip()
    glossed = lang != utaccount.MAIL_LANGUAGE
    # The list after the template says which blank is which, in the mail's order.
    blanks = list(utaccount._BLANKS[utaccount.MAIL_LANGUAGE].values())
    explained = mails[0].find_next("ol")
    items = [li.get_text() for li in explained.find_all("li", recursive=False)] if explained else []
    assert len(items) == len(blanks) and all(blank in item for blank, item in zip(blanks, items)), items
    # The mail and its subject are in the mail's language, which the page's may not be.
    for part in (mails[0].select_one(".resend-request-subject dd p"), *(mail.pre for mail in mails)):
        assert part and next(e["lang"] for e in (part, *part.parents) if e.has_attr("lang")) == utaccount.MAIL_LANGUAGE
    subjects = [" ".join(dd.get_text().split()) for dd in mails[0].select(".resend-request-subject dd")]
    assert subjects == [utaccount.RESEND_REQUEST_SUBJECT] + [utaccount.resend_subject(lang=gloss_language(lang))] * glossed
    glosses = [[line.get_text() for line in mail.select(".resend-request-gloss .line")] for mail in mails]
    if glossed:
        assert glosses[0] == utaccount.resend_template(lang=gloss_language(lang)).splitlines(), glosses
        assert len(glosses[1]) == len(glosses[0]) and glosses[1] != glosses[0], glosses
    else:
        assert glosses == [[], []], lang


def test_theme_words_are_in_the_page_language(html_dir: Path, lang: str) -> None:
    """The theme's own English words (buttons, labels) are translated wherever the
    language's theme catalog (``sphinx.po``) translates them."""
    catalog = catalog_path(lang, "sphinx")
    assert catalog.exists(), f"no {catalog.relative_to(LOCALE)}: add it (README, Adding a language)"
    words = {e.msgid.strip() for e in polib.pofile(str(catalog))
             if e.msgstr.strip() not in ("", e.msgid.strip()) and "<" not in e.msgid}
    for page in PAGES:
        doc = page_soup(html_dir, lang, page)
        shown = {s.strip() for s in doc.body.find_all(string=True)} if doc.body else set()
        shown |= {str(t["aria-label"]) for t in doc.find_all(True, attrs={"aria-label": True})}
        assert not words & shown, f"{lang}/{page}: {sorted(words & shown)}"


@pytest.mark.parametrize("directive", ["resend-request", "address-box"])
def test_a_misspelled_word_key_stops_the_build_with_one_line(tmp_path: Path, directive: str) -> None:
    """A writer who misspells a key of a directive's words ("subjekt") learns which
    key to check from one line with the page's name, not from a traceback."""
    # (zoomguide reads the 404 page's name from sphinx-notfound-page's settings.)
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "notfound.extension", "zoomguide"]\n'
                                      f'language = guide_language = "{SOURCE_LANGUAGE}"\n'
                                      'myst_enable_extensions = ["deflist"]\n', "utf-8")
    (tmp_path / "index.md").write_text(f"# Title\n\n```{{{directive}}}\nsubjekt\n: words\n```\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "dummy", "-W", "-q", str(tmp_path),
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert result.returncode and "Traceback" not in result.stderr, result.stderr
    assert len(errors) == 1 and "index.md" in errors[0] and f"{directive}:" in errors[0], result.stderr
    assert "check" in errors[0] and "subjekt" in errors[0], result.stderr
