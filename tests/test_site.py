"""Publishing: what search engines, link previews and visitors get besides the pages
(addresses, sitemaps, icon, PDF, dates, the site's root and old addresses, with and
without JavaScript), SITE_URL, ``make live`` and Read the Docs."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from babel.dates import get_timezone
from bs4 import BeautifulSoup

from conftest import (COMMAND_TIMEOUT, CONF, DOCS, INDEXED, LANGUAGES, LOCALE, PAGES, ROOT, SITE, SOURCE_LANGUAGE,
                      TRANSLATIONS, Tab, article, long_date, make, page_soup, pdf_name, resolve, soup, tag, urls)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
#: The old single page and its anchor, which other sites link to, and where they are now.
OLD_PAGE, OLD_ANCHOR = "zoom/create_account.html", "if_you_create_a_wrong_account"
NEW_PAGE, ANCHOR_PAGE = "create-account.html", "wrong-account.html"
#: A language that browsers may prefer and the guide does not have.
UNKNOWN = "eo"


def meta(doc: BeautifulSoup, key: str) -> list[str]:
    """The content of each ``<meta name=key>`` or ``<meta property=key>``."""
    tags = doc.find_all("meta", attrs={"name": key}) + doc.find_all("meta", attrs={"property": key})
    return [str(tag["content"]) for tag in tags]


def test_each_page_gives_its_address_twins_and_description(html_dir: Path, lang: str) -> None:
    """Search engines and link previews get each page's own absolute address, that of
    its twin in every language (the source language as the default), and one
    description, translated on a translation."""
    for page in INDEXED:
        doc = page_soup(html_dir, lang, page)
        url = f"{SITE}{lang}/{page}.html"
        assert [link["href"] for link in doc.find_all("link", rel="canonical")] == meta(doc, "og:url") == [url], page
        alternates = {str(link["hreflang"]): str(link["href"])
                      for link in doc.find_all("link", rel="alternate", hreflang=True)}
        assert alternates == {**{tag(other): f"{SITE}{other}/{page}.html" for other in LANGUAGES},
                              "x-default": f"{SITE}{SOURCE_LANGUAGE}/{page}.html"}, page
        description = meta(doc, "description")
        assert len(description) == 1 and description[0].strip() and meta(doc, "og:description") == description, page
        if lang != SOURCE_LANGUAGE:
            assert description != meta(page_soup(html_dir, SOURCE_LANGUAGE, page), "description"), page


def sitemap(path: Path) -> dict[str, dict[str, str]]:
    """A language's sitemap: each address, with its alternates by language (each has a lastmod)."""
    listed = {}
    for url in ElementTree.parse(path).getroot().iter(f"{SITEMAP}url"):
        lastmod = url.findtext(f"{SITEMAP}lastmod", "")
        # (A page that git does not know yet has no date: commit it.)
        assert lastmod and datetime.fromisoformat(lastmod), f"{url.findtext(f'{SITEMAP}loc')}: no lastmod"
        listed[url.findtext(f"{SITEMAP}loc", "")] = {
            str(link.get("hreflang")): str(link.get("href")) for link in url.iter(f"{XHTML}link")}
    return listed


def test_robots_txt_and_sitemap_list_every_page_of_every_language(html_dir: Path) -> None:
    """robots.txt lets search engines in and names the sitemap, an index of each
    language's sitemap, which lists every page with its twins."""
    robots = (html_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and f"Sitemap: {SITE}sitemap.xml" in robots and "Disallow: /" not in robots
    index = ElementTree.parse(html_dir / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [s.findtext(f"{SITEMAP}loc") for s in index] == [f"{SITE}{lang}/sitemap.xml" for lang in LANGUAGES]
    for lang in LANGUAGES:
        assert sitemap(html_dir / lang / "sitemap.xml") == {
            f"{SITE}{lang}/{page}.html": {tag(other): f"{SITE}{other}/{page}.html" for other in LANGUAGES}
            for page in INDEXED}


def test_sitemap_stays_whole_after_a_rebuild_of_one_page(html_dir: Path, tmp_path: Path) -> None:
    """A rebuild that finds one page changed still lists every page (sphinx-sitemap
    lists the pages a build writes: jdillard/sphinx-sitemap#13)."""
    lang, page = SOURCE_LANGUAGE, INDEXED[0]
    for part in ("html", "doctrees"):
        shutil.copytree(html_dir.parent / part / lang, tmp_path / part / lang)
    (tmp_path / "doctrees" / lang / f"{page}.doctree").unlink()  # so Sphinx reads that page again
    make(f"html-{lang}", tmp_path)
    assert sitemap(tmp_path / "html" / lang / "sitemap.xml") == sitemap(html_dir / lang / "sitemap.xml")


def test_404_page_is_no_page_for_search_engines(html_dir: Path, lang: str) -> None:
    """Search engines neither index the 404 page nor take it for a page of the guide
    (that it works at any depth: test_one_setting_moves_the_whole_site and the browser)."""
    doc = page_soup(html_dir, lang, "404")
    assert meta(doc, "robots") == ["noindex"] and not doc.find_all("link", rel="canonical")


def test_every_page_has_the_icon_and_the_pdf_of_its_language(html_dir: Path, lang: str) -> None:
    """Browsers find the icon in each page's head (and at /favicon.ico); the sidebar's
    PDF link leads to the language's PDF where ``make site`` puts it."""
    assert (html_dir / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    for page in PAGES:
        path = html_dir / lang / f"{page}.html"
        doc = soup(path)
        icons = [resolve(html_dir, path, str(link["href"])) for link in doc.find_all("link", rel="icon")]
        assert icons and all(icon and icon[0].is_file() for icon in icons), page
        pdfs = [resolve(html_dir, path, str(a["href"])) for a in doc.find_all("a", attrs={"type": "application/pdf"})]
        assert pdfs == [(html_dir / "pdf" / pdf_name(lang), "")], page


def last_change(*paths: Path) -> date | None:
    """The day of the last commit of ``paths``, in the guide's time zone."""
    out = subprocess.run(["git", "log", "-1", "--format=%at", "--", *map(str, paths)],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return datetime.fromtimestamp(int(out), get_timezone(CONF["git_last_updated_timezone"])).date() if out else None


def test_each_page_shows_the_day_it_last_changed_in_its_language(html_dir: Path, lang: str) -> None:
    """The footer's date is when the page (or its catalog) last changed in git, as the
    language writes a date in full: not the build day, nor SOURCE_DATE_EPOCH's day."""
    # The format is the prose's own: the root page dates the switch to UTokyo Account.
    prose = " ".join(article(page_soup(html_dir, lang, "index")).get_text().split())
    assert long_date(date(2021, 3, 15), lang) in prose
    translated = [LOCALE / lang] if lang != SOURCE_LANGUAGE else []
    newest = last_change(DOCS, *translated)  # what any page of the language can depend on
    assert newest
    for page in INDEXED:
        own = [path / "LC_MESSAGES" / f"{page}.po" for path in translated]
        oldest = last_change(DOCS / f"{page}.md", *own) or newest
        days = {long_date(oldest + timedelta(n), lang) for n in range((newest - oldest).days + 1)}
        footer = page_soup(html_dir, lang, page).select_one(".last-updated")
        shown = " ".join(footer.get_text().split()) if footer else ""
        assert any(day in shown for day in days), f"{lang}/{page}: {shown!r}, not one of {sorted(days)}"


@pytest.mark.parametrize(("old", "lang", "new"), [
    ("index.html", SOURCE_LANGUAGE, "index.html"), (OLD_PAGE, SOURCE_LANGUAGE, NEW_PAGE),
    *[(f"{lang}/{OLD_PAGE}", lang, NEW_PAGE) for lang in LANGUAGES]])
def test_without_javascript_the_root_and_old_addresses_lead_on(html_dir: Path, old: str, lang: str,
                                                               new: str) -> None:
    """With no script, the site's root and the old address open the page by a meta
    refresh and offer a link to it (outside a language folder: in the source language)."""
    path = html_dir / old
    doc = soup(path)
    refresh = doc.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh, "no meta refresh"
    target = resolve(html_dir, path, str(refresh["content"]).split("url=", 1)[1])
    linked = {found[0] for a in doc.find_all("a") if (found := resolve(html_dir, path, str(a["href"])))}
    assert target and target[0] == html_dir / lang / new and target[0] in linked
    if old == "index.html":
        assert linked == {html_dir / other / "index.html" for other in LANGUAGES}


def test_one_setting_moves_the_whole_site(tmp_path: Path) -> None:
    """With SITE_URL set, every address of the site starts there, the default is nowhere,
    and the 404 pages' links and assets start at its path (so they work at any depth)."""
    other = "https://guide.example.net/sub/"
    make("html", tmp_path, f"SITE_URL={other}")
    out = tmp_path / "html"
    for lang in LANGUAGES:
        doc = soup(out / lang / "index.html")
        canonical = [link["href"] for link in doc.find_all("link", rel="canonical")]
        assert canonical == meta(doc, "og:url") == [f"{other}{lang}/index.html"]
    for page in [out / "404.html", *(out / lang / "404.html" for lang in LANGUAGES)]:
        local = [url for url in urls(page) if not urlsplit(url).scheme and not url.startswith("#")]
        assert local and [url for url in local if not url.startswith("/sub/")] == [], page
    assert f"Sitemap: {other}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    assert f"<loc>{other}{SOURCE_LANGUAGE}/sitemap.xml</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    stale = [str(p.relative_to(out)) for p in out.rglob("*") if p.suffix in {".html", ".xml", ".txt", ".js"}
             and SITE in p.read_text(encoding="utf-8")]
    assert stale == []


class Reader(Tab):
    """The tab of a reader whose browser prefers a language (``Reader(browser, locale=…)``)."""

    def follow(self, url: str, then: str) -> None:
        """Load ``url``, and wait until the browser is at ``then`` (and it has loaded)."""
        self.errors.clear()
        self.page.goto(url)
        self.page.wait_for_url(then)
        assert self.errors == [], url

    def missing(self, url: str, html_dir: Path, lang: str) -> None:
        """A missing address shows ``lang``'s 404 page: its heading, its scripts run
        once (their language is the page's; no "already been declared"), links to
        the other languages, and nothing fails."""
        self.errors.clear()
        assert self.page.goto(url).status == 404
        self.page.wait_for_function("typeof DOCUMENTATION_OPTIONS !== 'undefined' && document.readyState === 'complete'")
        shown = self.page.evaluate("""() => [document.documentElement.lang, DOCUMENTATION_OPTIONS.LANGUAGE,
          document.querySelector('h1').textContent.split(/\\s+/).join(' ').trim(),
          getComputedStyle(document.documentElement).visibility,
          [...document.querySelectorAll('.language-switch a')].map(a => a.hreflang)]""")
        heading = page_soup(html_dir, lang, "404").h1
        assert shown == [tag(lang), tag(lang), " ".join(heading.get_text().split()) if heading else None,
                         "visible", [tag(other) for other in LANGUAGES if other != lang]]
        assert self.errors == [], url

    def old_address(self, url: str, new: str) -> None:
        """The old address ``url`` opens the new page of the folder ``new``, and with
        its old anchor the page that holds that section now; any other fragment,
        malformed percent-encoding included, is kept."""
        for fragment in ["", "#%", "#%E3%81"]:
            self.follow(f"{url}{fragment}", then=f"{new}{NEW_PAGE}{fragment}")
        self.follow(f"{url}#{OLD_ANCHOR}", then=f"{new}{ANCHOR_PAGE}")


@pytest.fixture(scope="module")
def tabs(browser: Any) -> Iterator[dict[str, Reader]]:
    """The tab of a reader who prefers each language, and of one the guide lacks."""
    opened = {locale: Reader(browser, locale=tag(locale)) for locale in [*LANGUAGES, UNKNOWN]}
    yield opened
    for tab in opened.values():
        tab.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", [*LANGUAGES, UNKNOWN])
def test_outside_the_language_folders_the_browser_language_wins(served_site: str, tabs: dict[str, Reader],
                                                                 html_dir: Path, locale: str) -> None:
    """The site's root, a missing address and the old address open the reader's
    language (the source language when the guide lacks theirs)."""
    lang = locale if locale in LANGUAGES else SOURCE_LANGUAGE
    tab = tabs[locale]
    tab.follow(served_site, then=f"{served_site}{lang}/index.html")
    tab.missing(f"{served_site}no/such/page.html", html_dir, lang)
    tab.old_address(f"{served_site}{OLD_PAGE}", new=f"{served_site}{lang}/")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_in_a_language_folder_its_language_wins(served_site: str, tabs: dict[str, Reader], html_dir: Path,
                                                lang: str) -> None:
    """Under ``<lang>/``, whatever the browser prefers, a missing address at any
    depth shows that language's 404 page, and the old address opens its new page."""
    tab = tabs[next((other for other in LANGUAGES if other != lang), UNKNOWN)]
    tab.missing(f"{served_site}{lang}/no/such/deep/page.html", html_dir, lang)
    tab.old_address(f"{served_site}{lang}/{OLD_PAGE}", new=f"{served_site}{lang}/")


#: The browser's preferred languages, the guide's codes, and what the root pages choose.
PREFERENCES = [
    (["zh-TW", "en"], ["ja", "en", "zh_TW"], "zh_TW"),  # by the whole tag
    (["fr-CA", "EN-us"], ["ja", "en"], "en"),  # else by the primary subtag, in any case
    (["zh-HK"], ["ja", "zh_TW"], "zh_TW"),
    (["de", "fr"], ["ja", "en"], None),
]


@pytest.mark.browser
def test_the_root_pages_choose_the_first_preferred_language_there_is(tab: Tab) -> None:
    template = (DOCS / "_templates" / "preferred-language.js").read_text("utf-8")
    choose = re.sub(r"\{#-.*?-#\}", "", template, flags=re.DOTALL)
    for wanted, codes, chosen in PREFERENCES:
        got = tab.page.evaluate(f"""([wanted, codes]) => {{
          Object.defineProperty(navigator, "languages", {{value: wanted, configurable: true}});
          return ({choose})(codes);
        }}""", [wanted, codes])
        assert got == chosen, (wanted, codes)


@pytest.mark.parametrize("choice", [None, *TRANSLATIONS[-1:]])
def test_make_live_serves_one_language(tmp_path: Path, choice: str | None) -> None:
    """``make live`` previews the source language, or the one of ``LANG=xx`` on its
    command line (LANG in the environment is the locale, not a choice)."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    log = tmp_path / "live.log"
    args = ["make", "--no-print-directory", "live", f"BUILDDIR={tmp_path}", f"LIVE_PORT={port}"]
    with log.open("w") as out:
        live = subprocess.Popen([*args, *([f"LANG={choice}"] if choice else [])], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, env=dict(os.environ, LANG="C.UTF-8"),
                                start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert live.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
                    page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
                break
            except OSError:
                time.sleep(0.3)
        assert page.html is not None and page.html["lang"] == tag(choice or SOURCE_LANGUAGE)
    finally:
        os.killpg(live.pid, signal.SIGKILL)  # make, sphinx-autobuild and its builds: our own group
        live.wait()


@pytest.mark.pdf
def test_read_the_docs_builds_the_language_of_the_project(tmp_path: Path) -> None:
    """``.readthedocs.yaml``'s commands, run as Read the Docs runs them for a
    translation's project (in a copy of the repository), give that language's pages
    at the project's address, with its PDF and a link to Read the Docs' download."""
    lang, repo, output = LANGUAGES[-1], tmp_path / "repo", tmp_path / "output"
    shutil.copytree(ROOT, repo, symlinks=True,
                    ignore=shutil.ignore_patterns("_build", ".venv", "node_modules", "__pycache__"))
    (repo / ".venv").mkdir()  # the project's venv, with stamps that say it is set up
    for entry in (ROOT / ".venv").iterdir():
        if not entry.name.startswith("."):
            (repo / ".venv" / entry.name).symlink_to(entry)
    for stamp in (".build", ".test"):
        (repo / ".venv" / stamp).touch()
    url = f"https://guide.readthedocs.io/{lang}/latest/"
    env = {k: v for k, v in os.environ.items() if k not in ("GUIDE_LANGUAGE", "SITE_URL")}
    env |= {"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": lang, "READTHEDOCS_VERSION": "latest",
            "READTHEDOCS_CANONICAL_URL": url, "READTHEDOCS_OUTPUT": str(output)}
    for command in yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))["build"]["commands"]:
        done = subprocess.run(["bash", "-ec", command], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=COMMAND_TIMEOUT)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    doc = soup(output / "html" / "index.html")
    assert doc.html is not None and doc.html["lang"] == tag(lang)
    assert [link["href"] for link in doc.find_all("link", rel="canonical")] == [f"{url}index.html"]
    pdf_link = doc.find("a", attrs={"type": "application/pdf"})
    assert pdf_link and urljoin(f"{url}index.html", str(pdf_link["href"])) == urljoin(
        url, f"/_/downloads/{lang}/latest/pdf/")
    assert [p.name for p in (output / "pdf").iterdir()] == [pdf_name(lang)]
