"""The site in a real browser: Debian's Chromium, driven by Playwright.

Every page of every language, light and dark, at phone width (375 px) and desktop
width (1280 px): no console errors, no sideways scrolling, no code broken at a
hyphen and no e-mail address broken elsewhere than before its "@", readable
figures, and axe-core finds no WCAG 2.1 A/AA violation (its colour-contrast rule
is what checks the callouts: their text over their translucent backgrounds).
Besides: the language link opens the twin page, the legacy anchor brings its
section into view, and the search page finds a word of the language.

Screenshots: with GUIDE_SCREENSHOTS=<dir> (``make screenshots``), the every-page
test saves each view as ``<dir>/<lang>/<page>-<width>-<scheme>.png``; without it,
none are taken.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import regex
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.search import languages as search_languages
from sphinx.util._importer import import_object

from conftest import CONF, LANGUAGES, PAGES, PHONE, address_breaks, axe_violations, hyphen_breaks
from zoomguide.langspans import letters, script

WIDTHS = (PHONE, 1280)
HEIGHT = 800
SCHEMES = ("light", "dark")
#: What Sphinx adds to docs/*.md that readers reach (no link leads to genindex or py-modindex).
SPHINX_PAGES = ("search",)
LEGACY_PAGE = "wrong-account"
LEGACY_ANCHOR = next(iter(CONF["legacy_anchors"]))
#: WCAG 2.1 AA contrast for normal text.
MIN_CONTRAST = 4.5
SCREENSHOTS = Path(os.environ["GUIDE_SCREENSHOTS"]) if os.environ.get("GUIDE_SCREENSHOTS") else None


class Tab:
    """A browser tab reused from page to page; ``errors`` holds what the open page
    logged as an error, failed to load or threw."""

    def __init__(self, context: Any) -> None:
        context.set_default_timeout(5000)
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        # A request cut short because the tab moved on is no error of the page.
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}")
                     if r.failure != "net::ERR_ABORTED" else None)

    def open(self, url: str, width: int = PHONE) -> list[str]:
        """Open ``url`` afresh at ``width``; return the (live) list of its errors."""
        self.page.goto("about:blank")
        self.errors.clear()
        self.page.set_viewport_size({"width": width, "height": HEIGHT})
        response = self.page.goto(url, wait_until="load")
        if response is None or not response.ok:
            self.errors.append(f"HTTP {response.status if response else 'no response'} for {url}")
        return self.errors


@pytest.fixture(scope="session")
def tabs(browser: Any) -> Iterator[dict[str, Tab]]:
    """One tab per colour scheme for the whole session (of each xdist worker)."""
    made = {scheme: Tab(browser.new_context(color_scheme=scheme, reduced_motion="reduce")) for scheme in SCHEMES}
    yield made
    for tab in made.values():
        tab.page.context.close()


#: Figures shown wider than they are drawn (the SVG's width), and what scrolls
#: sideways around the article: the page, or a column that scrolls (furo's .content).
_LAYOUT = """() => {
  const out = [...document.querySelectorAll('article figure img[width]')]
    .filter(img => img.getBoundingClientRect().width > Number(img.getAttribute('width')) + 0.5)
    .map(img => `figure wider than drawn: ${img.getAttribute('src')} ${img.getBoundingClientRect().width} px`);
  for (let e = document.querySelector('article') || document.body; e; e = e.parentElement)
    if ((e === document.scrollingElement || /auto|scroll/.test(getComputedStyle(e).overflowX))
        && e.scrollWidth > e.clientWidth + 1)
      out.push(`scrolls sideways: ${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth} px in ${e.clientWidth} px`);
  return out;
}"""


def figure_contrast(png: bytes) -> float:
    """Contrast between a figure's commonest grey level (its background) and its
    darkest ink (the 1st percentile), as the reader sees them."""
    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    ink = next(level for level in range(256) if sum(histogram[:level + 1]) > sum(histogram) / 100)
    low, high = sorted(((v / 255 + 0.055) / 1.055) ** 2.4 for v in (ink, histogram.index(max(histogram))))
    return (high + 0.05) / (low + 0.05)


def view_problems(page: Any, width: int, scheme: str) -> list[str]:
    """What is wrong with the open page at ``width`` (the viewport is set to it)."""
    page.set_viewport_size({"width": width, "height": HEIGHT})
    problems: list[str] = page.evaluate(_LAYOUT)
    problems += [f"breaks at a hyphen: {lines}" for lines in hyphen_breaks(page, "article code.literal")]
    problems += [f"address broken elsewhere than before its @: {lines}"
                 for lines in address_breaks(page, "article a[href^='mailto:']")]
    if width == WIDTHS[-1] and scheme == "dark":
        # Figures keep their own light background in dark mode.
        for img in page.query_selector_all("article figure img"):  # (a missing one: a console error)
            if (ratio := figure_contrast(img.screenshot())) < MIN_CONTRAST:
                problems.append(f"figure {img.get_attribute('src')}: contrast {ratio:.2f}")
        page.evaluate("() => window.scrollTo(0, 0)")
    return problems + axe_violations(page)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", [*PAGES, *SPHINX_PAGES])
def test_every_page(tabs: dict[str, Tab], served_site: str, lang: str, name: str, scheme: str) -> None:
    tab = tabs[scheme]
    errors = tab.open(f"{served_site}{lang}/{name}.html", WIDTHS[0])
    problems = []
    for width in WIDTHS:
        problems += [f"{width} px: {p}" for p in view_problems(tab.page, width, scheme)]
        if SCREENSHOTS:
            shot = SCREENSHOTS / lang / f"{name}-{width}-{scheme}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            tab.page.screenshot(path=str(shot), full_page=True)
    problems += errors
    assert not problems, f"{lang}/{name}.html, {scheme}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_the_page_checks_find_what_a_reader_would_notice(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body style="background: #131416"><main><article>'
        '<div class="admonition" style="background: rgba(255, 255, 255, 0.05)">'
        '<p style="color: #fff">Readable</p><p style="color: #3a3b3d">Unreadable</p></div>'
        '<div style="width: 9ch; font-family: monospace; color: #fff">'
        '<code class="literal">xx@u-tokyo.ac.jp</code><br><code class="literal">--help</code><br>'
        '<a href="mailto:name.name@u-tokyo.ac.jp">name.name@u-tokyo.ac.jp</a><br>'
        '<a href="mailto:x@y.jp"><span style="white-space: nowrap">name.name</span><wbr>'
        '<span style="white-space: nowrap">@u.ac.jp</span></a></div>'
        # Dark ink on a dark ground: a transparent figure in dark mode.
        '<figure><img width="10" style="width: 2000px" src="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\''
        ' viewBox=\'0 0 10 10\'><rect width=\'10\' height=\'10\' fill=\'%23131416\'/><rect y=\'4\' width=\'10\''
        ' height=\'2\'/></svg>"></figure></article></main></body></html>')
    found = "\n".join(view_problems(page, WIDTHS[-1], "dark"))
    page.close()
    for expected in ("figure wider than drawn: data:", "scrolls sideways: html", "figure data:image/svg+xml",
                     "breaks at a hyphen: ['xx@u-', 'tokyo.ac.jp']",  # ("--help" fits on its line)
                     "address broken elsewhere than before its @: ['name.name@u-', 'tokyo.ac.jp']",
                     "axe image-alt ", "axe color-contrast "):
        assert found.count(expected) == 1, f"{expected!r} not found once in:\n{found}"
    # The unreadable text of the callout (and the unreadable links) only, not the readable one.
    assert "p:nth-child(2)" in found and "p:nth-child(1)" not in found and found.count("breaks at a hyphen") == 1, found


# -- Language link, legacy anchor, search -------------------------------------------------


@pytest.mark.browser
def test_language_link_opens_the_twin_page(tabs: dict[str, Tab], served_site: str, lang: str) -> None:
    tab = tabs["light"]
    for other in LANGUAGES:
        if other != lang:
            assert tab.open(f"{served_site}{lang}/{LEGACY_PAGE}.html") == []
            with tab.page.expect_navigation(wait_until="load"):
                tab.page.click(f".language-switch a[hreflang='{other}']")
            assert tab.page.url == f"{served_site}{other}/{LEGACY_PAGE}.html"
            assert tab.page.evaluate("() => document.documentElement.lang") == other
            assert tab.errors == []


#: Where the legacy anchor's section heading is, and whether it is the :target.
_ANCHOR_STATE = """(id) => {
  const target = document.getElementById(id);
  const heading = target && target.closest('section')?.querySelector('h1, h2, h3, h4');
  if (!heading) return null;
  const r = heading.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + 5, 0), innerWidth - 1), y = r.top + r.height / 2;
  const hit = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
  return {top: r.top, bottom: r.bottom, isTarget: target.matches(':target'),
          visible: r.top >= 0 && r.bottom <= innerHeight && !!hit && heading.contains(hit)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_legacy_anchor_brings_its_section_into_view(tabs: dict[str, Tab], served_site: str,
                                                    lang: str, width: int) -> None:
    tab = tabs["light"]
    url = f"{served_site}{lang}/{LEGACY_PAGE}.html"
    assert tab.open(f"{url}#{LEGACY_ANCHOR}", width) == []
    state = tab.page.evaluate(_ANCHOR_STATE, LEGACY_ANCHOR)
    assert state is not None, f"no element with id {LEGACY_ANCHOR!r} in a section on {url}"
    assert state["isTarget"] and state["visible"], state
    # From the end of the page, following the old link scrolls back to the section.
    assert tab.open(url, width) == []
    tab.page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    assert not tab.page.evaluate(_ANCHOR_STATE, LEGACY_ANCHOR)["visible"], "the page is too short to tell"
    tab.page.evaluate("(id) => { location.hash = '#' + id; }", LEGACY_ANCHOR)
    tab.page.wait_for_function(f"(id) => ({_ANCHOR_STATE})(id).visible", arg=LEGACY_ANCHOR)


def search_word(html_dir: Path, lang: str) -> str:
    """The longest word of the legacy page's title written in the language's own
    script, as the language's search splits it."""
    soup = BeautifulSoup((html_dir / lang / f"{LEGACY_PAGE}.html").read_text("utf-8"), "html.parser")
    title = soup.select_one("article h1").get_text(" ", strip=True).rstrip("#¶ ")  # type: ignore[union-attr]
    splitter = import_object(search_languages[lang]) if isinstance(search_languages[lang], str) \
        else search_languages[lang]
    own = regex.compile(f"[{letters(script(lang))}]{{3,}}")
    words = [w for w in splitter({}).split(title) if own.fullmatch(w)]
    assert words, f"no word of {lang} in the title {title!r}"
    return max(words, key=len)


@pytest.mark.browser
def test_search_finds_a_word_of_the_language(tabs: dict[str, Tab], served_site: str,
                                             html_dir: Path, lang: str) -> None:
    word = search_word(html_dir, lang)
    tab = tabs["light"]
    errors = tab.open(f"{served_site}{lang}/search.html?q={quote(word)}", WIDTHS[-1])
    # Sphinx's search sets the heading to "Search Results" (translated) when it is done.
    tab.page.wait_for_function("() => document.querySelector('#search-results h2')?.textContent"
                               " === Documentation.gettext('Search Results')")
    found = tab.page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.pathname)")
    summary = tab.page.text_content("#search-results .search-summary") or ""
    assert errors == []
    assert any(path.endswith(f"/{lang}/{LEGACY_PAGE}.html") for path in found), (word, found)
    assert summary.strip(), "the search says nothing about what it found (no translation of its summary?)"
