"""The one home of what the tests share: the pages, the configuration, the built
site and PDFs, link resolution, the local host and the browser.

``make check`` and ``make test`` build the site (and the PDFs) once into
``GUIDE_BUILD`` and run pytest on it; run alone (``.venv/bin/python -m pytest
tests/test_x.py``), the tests build what they need into a temporary folder.
Tests marked ``browser`` need Chromium, ``pdf`` need TeX: ``make check`` leaves
both out, ``make test`` and CI run everything and a missing tool fails.
"""

from __future__ import annotations

import os
import posixpath
import re
import runpy
import tomllib
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import polib
import pytest
import regex
from bs4 import BeautifulSoup, Tag
from sphinx.util.i18n import format_date
from hypothesis import settings

from localhost import launch_chromium, serve
from zoomguide.i18n import catalog_path
from zoomguide.i18n import language_tag as tag  # ("zh-TW" for the code "zh_TW", in lang and hreflang)
from zoomguide.langspans import letters, rules, script
from zoomguide.project import DOCS, LANGUAGES, LOCALE, ROOT, SOURCE_LANGUAGE, TRANSLATIONS

__all__ = ["COMMAND_TIMEOUT", "CONF", "DOCS", "FIGURES", "INDEXED", "LANGUAGES", "LOCALE", "PAGES", "ROOT", "SITE",
           "SITE_PATH", "SOURCE_LANGUAGE", "TRANSLATIONS", "Tab", "article", "long_date", "tag", "make", "page_soup",
           "pdf_name", "pdf_text", "resolve", "soup", "unmarked", "urls"]

# Property tests: no per-example deadline on a shared, noisy machine.
settings.register_profile("guide", deadline=None)
settings.load_profile("guide")

#: conf.py as the source language's build reads it (the one place tests read it).
CONF: dict[str, Any] = runpy.run_path(str(ROOT / "conf.py"))
#: The site's address (SITE_URL) and its path on the host: absolute links start
#: with it, and the tests serve the site there.
SITE: str = CONF["site_url"]
SITE_PATH: str = urlsplit(SITE).path
#: The pages: every docs/*.md, as docnames (the 404 page included). Each is
#: ``<lang>/<docname>.html`` in the built site, in every language.
PAGES: list[str] = sorted(p.stem for p in DOCS.glob("*.md"))
#: The pages for search engines and for search: all but the 404 page.
INDEXED: list[str] = [page for page in PAGES if page != "404"]
#: (page, name) for every figure a page shows (``docs/img/<name>.svg``), from the sources.
FIGURES: list[tuple[str, str]] = [(page, name) for page in PAGES for name in re.findall(
    r"\bimg/([\w.-]+)\.svg\b", (DOCS / f"{page}.md").read_text("utf-8"))]
#: The width of a phone (an iPhone SE/mini-class screen) for the browser tests.
PHONE = 375
#: SOURCE_DATE_EPOCH of the tests' builds (2020-03-16 UTC): a day that is never the
#: day a test runs, so that a date taken from the build day is caught.
SOURCE_DATE_EPOCH = 1584316800
#: The guard on a command a test runs: 30 s below pytest-timeout's limit
#: (pyproject.toml), so that a hung command fails its test with its own name.
COMMAND_TIMEOUT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"][
    "timeout"] - 30


def pdf_name(lang: str) -> str:
    """The PDF of ``lang`` as conf.py names it."""
    return posixpath.basename(str(CONF["latex_documents"][0][1])).replace(
        f"-{SOURCE_LANGUAGE}.tex", f"-{lang}.pdf")


def make(target: str, builddir: Path, *extra: str, cwd: Path = ROOT) -> None:
    """``make TARGET BUILDDIR=builddir`` in ``cwd``; fail with its output."""
    env = dict(os.environ, SPHINXOPTS="", SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH))
    result = subprocess.run(["make", "--no-print-directory", target, f"BUILDDIR={builddir}", *extra],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    if result.returncode:
        pytest.fail(f"make {target} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


def long_date(day: date, lang: str) -> str:
    """``day`` as the guide writes dates in ``lang``: Sphinx's format "%b %d, %Y" as the
    language's theme catalog (sphinx.po) translates it."""
    path = catalog_path(lang, "sphinx")
    assert path.exists(), f"no {path.relative_to(ROOT)}: add it (README, Adding a language)"
    found = polib.pofile(str(path)).find("%b %d, %Y")
    assert found and found.msgstr, f"{lang}: give Sphinx's date format a translation in sphinx.po"
    return format_date(found.msgstr, date=datetime(day.year, day.month, day.day), language=lang)


def pdf_text(path: Path, *options: str, flat: bool = False) -> str:
    """The text a reader copies out of a PDF (pdftotext); ``flat``: without the white
    space, which is layout (lines break anywhere)."""
    text = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split()) if flat else text


def soup(page: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def page_soup(html_dir: Path, lang: str, page: str) -> BeautifulSoup:
    """The built page ``page`` of ``lang``, parsed."""
    return soup(html_dir / lang / f"{page}.html")


def article(doc: BeautifulSoup) -> Tag:
    """A page's own content (furo's main article), without the theme around it."""
    found = doc.find("article", attrs={"role": "main"})
    assert isinstance(found, Tag), "no main article"
    return found


def unmarked(html: str, lang: str, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """What a page in ``lang`` leaves unmarked (zoomguide.langspans): runs of letters of
    another language's script that the page's script lacks, and quotations outside
    code, not inside an element of a language that writes them (Han in a Japanese part
    of an English page is Japanese, though Korean writes Han too)."""
    body = BeautifulSoup(html, "html.parser").body
    assert body is not None
    problems = []
    for rule in rules(lang, languages):
        for text in body.find_all(string=True):
            if text.parent is None or text.parent.name in ("script", "style", "noscript") or (
                    rule.quoted and text.find_parent("pre")):
                continue
            if rule.quoted:
                found = [m.group() for m in rule.pattern.finditer(str(text))]
            else:
                found = regex.findall(f"[{letters(script(rule.lang), without=script(lang))}]+", str(text))
            declared = text.find_parent(lang=True)
            if found and not (declared and _writes(str(declared["lang"]), rule.lang if rule.quoted else found)):
                problems.append(f"{found[0]!r} in {str(text).strip()[:60]!r}")
    return problems


def _writes(declared: str, what: str | list[str]) -> bool:
    """Whether an element in the language ``declared`` holds ``what``: a quotation's
    language (a tag), or runs of letters that the language's script has."""
    if isinstance(what, str):
        return declared.startswith(what)
    return all(regex.fullmatch(f"[{letters(script(declared))}]+", run) for run in what)


def urls(page: Path) -> list[str]:
    """Every address ``page`` points at: links, scripts, images, and its meta refresh."""
    doc = soup(page)
    found = [str(tag[attr]).strip() for attr in ("href", "src", "xlink:href")
             for tag in doc.find_all(True, attrs={attr: True})]
    for meta in doc.find_all("meta", attrs={"http-equiv": "refresh"}):
        found.append(str(meta["content"]).split("url=", 1)[1].strip())
    return found


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """Where ``href`` on ``page`` (a file of the built ``site``) leads, as served:
    the file and the fragment; None for a link that leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(SITE_PATH):
            return None
        target = site / path[len(SITE_PATH):]
    else:
        target = page.parent / path if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return Path(os.path.normpath(target)), unquote(parts.fragment)


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the tests' build: GUIDE_BUILD (made by make check / make test), else new."""
    if os.environ.get("GUIDE_BUILD"):
        return Path(os.environ["GUIDE_BUILD"]).resolve()
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def html_dir(build: Path) -> Path:
    """The whole site: ``<dir>/<lang>/…`` and the site's root."""
    if not (build / "html" / "index.html").exists():
        make("html", build)
    return build / "html"


@pytest.fixture(scope="session")
def pdf_dir(build: Path) -> Path:
    """The PDF of every language (``pdf_name``); LaTeX sources in ``<dir>/../latex/<lang>/``."""
    if not all((build / "pdf" / pdf_name(lang)).exists() for lang in LANGUAGES):
        make("latexpdf", build)
    return build / "pdf"


@pytest.fixture(scope="session", params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def pdf_file(pdf_dir: Path, lang: str) -> Path:
    """The PDF of ``lang``."""
    path = pdf_dir / pdf_name(lang)
    assert path.is_file(), f"make latexpdf did not write {path}"
    return path


# -- The built site over HTTP, and a browser ------------------------------------------


@pytest.fixture(scope="session")
def served_site(html_dir: Path) -> Iterator[str]:
    """``html_dir`` as GitHub Pages serves it, at SITE_PATH on 127.0.0.1: the site's URL."""
    with serve(html_dir, SITE_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


class Tab:
    """A browser tab reused from page to page (``options``: of the browser context, such
    as ``locale``, the reader's preferred language). ``errors`` holds what the open page
    logged as an error, threw or failed to load; a missing page itself is for the test
    to check, and so is a request cut short because the tab moved on."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}")
                     if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status} for {r.url}")
                     if r.status >= 400 and r.request.resource_type != "document" else None)
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}")
                     if r.failure != "net::ERR_ABORTED" else None)

    def open(self, url: str, width: int = PHONE, height: int = 800) -> list[str]:
        """Open ``url`` afresh at ``width``, light; return the (live) list of its errors,
        a page that is not there among them."""
        self.page.goto("about:blank")
        self.errors.clear()
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.emulate_media(color_scheme="light")
        response = self.page.goto(url, wait_until="load")
        if response is None or not response.ok:
            self.errors.append(f"HTTP {response.status if response else 'no response'} for {url}")
        return self.errors


@pytest.fixture(scope="session")
def tab(browser: Any) -> Iterator[Tab]:
    """One tab for the whole session (of each xdist worker), without animations, that
    may use the clipboard (the address box's copy buttons)."""
    opened = Tab(browser, reduced_motion="reduce", permissions=["clipboard-read", "clipboard-write"])
    yield opened
    opened.context.close()


#: axe-core (package-lock.json, installed by `make check-tools`) and the WCAG
#: levels the pages must meet.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any, scope: str | None = None) -> list[str]:
    """What axe-core finds on the open page (or in the elements ``scope``
    selects): one line per violation, with up to five of its elements."""
    assert AXE.exists(), "axe-core is missing: run `make check-tools` (npm ci)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "([scope, tags]) => axe.run(scope || document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [scope, AXE_TAGS],
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                    for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def line_breaks(page: Any, selector: str) -> list[list[str]]:
    """The elements ``selector`` selects on the open page that the browser set on
    more than one line: each as the text of its lines."""
    return list(page.evaluate("""(selector) => {
      const found = [];
      const range = document.createRange();
      for (const el of document.querySelectorAll(selector)) {
        const lines = [];
        let top = null;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (top === null || Math.abs(rect.top - top) > rect.height / 2) lines.push('');
            top = rect.top;
            lines[lines.length - 1] += node.data[i];
          }
        }
        if (lines.length > 1) found.push(lines);
      }
      return found;
    }""", selector))


#: Where a line must not end (an opening bracket or quote) or start (a closing one, a comma,
#: a stop, and in Japanese a small kana, the prolonged sound mark or an iteration mark).
_NOT_AT_END = tuple("(（「“")
_NOT_AT_START = tuple(")）」”、。,;ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーｰ々ゝゞヽヾ")
_WORD = "[A-Za-z0-9_]"

#: Line breaks a reader trips over, by what a test reports: each a test of the text
#: before a break and the text after it.
BAD_BREAKS: dict[str, Any] = {
    # "u-" / "tokyo", "--" / "help"
    "breaks at a hyphen": lambda before, after: before.strip().endswith("-"),
    # (for e-mail addresses) "name.name@u-" / "tokyo.ac.jp"
    "address broken elsewhere than before its @": lambda before, after: not after.startswith("@"),
    # "(" / "jouhou…", "…ac.jp" / ", with", "アクティベ" / "ーション"
    "a bracket, comma or mark apart from its word": lambda before, after: (
        before.rstrip().endswith(_NOT_AT_END) or after.lstrip().startswith(_NOT_AT_START)),
    # "addres" / "s: str"
    "a word broken in two": lambda before, after: bool(regex.search(_WORD + "$", before) and regex.match(_WORD, after)),
}


def bad_breaks(page: Any, selector: str, kind: str) -> list[list[str]]:
    """Those of ``line_breaks`` with a break of the ``kind`` of ``BAD_BREAKS``."""
    return [lines for lines in line_breaks(page, selector)
            if any(BAD_BREAKS[kind](before, after) for before, after in zip(lines, lines[1:]))]
