"""The site in a real browser: Debian's Chromium, driven by Playwright.

Every page of every language is visited at phone width (375 px) and desktop width
(1280 px), in light and dark mode. On each visit: no console errors, no
horizontal scrolling, no code broken at a hyphen and no e-mail address broken
elsewhere than before its "@" (phone), axe-core finds no WCAG 2.1 A/AA
violation, callouts and figures are readable. Besides: the language link opens
the twin page, the legacy anchor brings its section into view, and the search
page finds a word of the language.

Screenshots of every visit go to _build/screenshots/test_browser/ for a person to
look at after a run.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.search import languages as search_languages

from conftest import PHONE, address_breaks, axe_violations, hyphen_breaks, page_with
from zoomguide.langspans import LETTERS, script
from zoomguide.project import LANGUAGES, ROOT

SCREENSHOTS = ROOT / "_build" / "screenshots" / "test_browser"
LEGACY_PAGE = "wrong-account.html"
LEGACY_ANCHOR = "if_you_create_a_wrong_account"
#: WCAG 2.1 AA contrast for normal text.
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class View:
    width: int
    scheme: str

    @property
    def name(self) -> str:
        return f"{self.width}-{self.scheme}"


VIEWS = [View(width, scheme) for width in (PHONE, 1280) for scheme in ("light", "dark")]


def site_pages(html_dir: Path, lang: str) -> list[str]:
    """The pages of one language, relative to its folder: "index.html", ..."""
    folder = html_dir / lang
    pages = sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(folder).parts)
    )
    assert "index.html" in pages and LEGACY_PAGE in pages, pages
    return pages


@pytest.fixture
def context_factory(browser: Any) -> Iterator[Any]:
    """New browser contexts for a view, closed after the test."""
    contexts: list[Any] = []

    def new(view: View) -> Any:
        context = browser.new_context(
            viewport={"width": view.width, "height": 800}, color_scheme=view.scheme,
            reduced_motion="reduce",
        )
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()


class Visit:
    """One browser tab that records console errors of each page it opens."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        # A request cut short because the test moved on to the next page is no error.
        self.page.on("requestfailed", lambda req: self.errors.append(f"request failed: {req.url} {req.failure}")
                     if req.failure != "net::ERR_ABORTED" else None)

    def open(self, url: str) -> list[str]:
        """Open ``url``; return the console errors it caused."""
        self.errors.clear()
        response = self.page.goto(url, wait_until="load")
        if response is None or response.status >= 400:
            self.errors.append(f"HTTP {response.status if response else 'no response'}")
        return list(self.errors)


# -- JavaScript run in the page ------------------------------------------------------

#: Contrast of each callout's title and body text against what is behind it.
_CALLOUT_CONTRAST = """
() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  function rgba(color) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgba(0,0,0,0)';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    if (layers.length && layers[layers.length - 1][3] >= 1) result = layers.pop();
    while (layers.length) result = over(layers.pop(), result);
    return result;
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(el) {
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  }
  const out = [];
  for (const box of document.querySelectorAll('article .admonition')) {
    const title = box.querySelector(':scope > .admonition-title');
    const parts = title ? [['title', title]] : [];
    for (const p of box.querySelectorAll(':scope > p:not(.admonition-title), :scope li, :scope dd'))
      parts.push(['body', p]);
    for (const [kind, el] of parts)
      if (el.textContent.trim())
        out.push({box: box.className, kind: kind, text: el.textContent.trim().slice(0, 40),
                  ratio: contrast(el)});
  }
  return out;
}
"""

#: Where the legacy anchor's section heading is, and whether it is the :target.
_ANCHOR_STATE = """
(id) => {
  const target = document.getElementById(id);
  const section = target && target.closest('section');
  const heading = section && section.querySelector('h1, h2, h3, h4');
  if (!heading) return null;
  const r = heading.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + 5, 0), innerWidth - 1), y = r.top + r.height / 2;
  const hit = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
  return {top: r.top, bottom: r.bottom, height: innerHeight, isTarget: target.matches(':target'),
          visible: r.top >= 0 && r.bottom <= innerHeight && !!hit && heading.contains(hit),
          scrollY: scrollY};
}
"""


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    lin = [v / 255 / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def figure_contrast(png: bytes) -> float:
    """Contrast between a figure's most common colour (its background) and its
    darkest ink (the 1st percentile of luminance), as the reader sees them."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    found = image.getcolors(maxcolors=image.width * image.height)
    assert found
    colours = [(count, (int(rgb[0]), int(rgb[1]), int(rgb[2])))
               for count, rgb in found if isinstance(rgb, tuple)]
    background = luminance(max(colours)[1])
    by_luminance = sorted((luminance(rgb), count) for count, rgb in colours)
    darkest_share, seen = image.width * image.height // 100, 0
    for ink, count in by_luminance:
        seen += count
        if seen > darkest_share:
            break
    high, low = max(background, ink), min(background, ink)
    return (high + 0.05) / (low + 0.05)


def check_page(visit: Visit, base: str, html_dir: Path, lang: str, name: str, view: View) -> list[str]:
    """Open one page in one view; return what is wrong with it."""
    url = f"{base}{lang}/{name}"
    problems = visit.open(url)
    page = visit.page
    if page.url.split("#")[0] != url:
        # An old address that sends the reader on: it must land in the same
        # language; the page it lands on is checked under its own name.
        if page.evaluate("() => document.documentElement.lang") != lang:
            problems.append(f"sends the reader to {page.url}, not a page in {lang}")
        return [f"{lang}/{name} at {view.name}: {p}" for p in problems]
    if view.width == PHONE:
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            problems.append(f"scrolls sideways: content {widths[0]} px wide in a {widths[1]} px window")
        for lines in hyphen_breaks(page, "article code.literal"):
            problems.append(f"breaks at a hyphen: {lines}")
        for lines in address_breaks(page, "article a[href^='mailto:']"):
            problems.append(f"address broken elsewhere than before its @: {lines}")
    for part in page.evaluate(_CALLOUT_CONTRAST):
        if part["ratio"] < MIN_CONTRAST:
            problems.append(f"callout {part['box']!r} {part['kind']} {part['text']!r}: contrast {part['ratio']:.2f}")
    # A figure is never shown wider than it is drawn (the SVG's width).
    too_wide = page.evaluate("""() => [...document.querySelectorAll('article figure img[width]')]
        .filter(img => img.getBoundingClientRect().width > Number(img.getAttribute('width')) + 0.5)
        .map(img => img.getAttribute('src') + ' ' + img.getBoundingClientRect().width)""")
    problems += [f"figure wider than drawn: {f}" for f in too_wide]
    # Figures keep their own light background in dark mode (in light mode they are
    # drawn light anyway).
    figures = page.query_selector_all("article figure img") if view.scheme == "dark" else []
    for number, img in enumerate(figures, 1):
        img.scroll_into_view_if_needed()
        if not page.evaluate("(img) => img.complete && img.naturalWidth > 0", img):
            problems.append(f"figure {number} did not load: {img.get_attribute('src')}")
            continue
        ratio = figure_contrast(img.screenshot())
        if ratio < MIN_CONTRAST:
            problems.append(f"figure {number} ({img.get_attribute('src')}): contrast {ratio:.2f}")
    page.evaluate("() => window.scrollTo(0, 0)")
    shot = SCREENSHOTS / lang / f"{Path(name).with_suffix('')}-{view.name}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    problems += axe_violations(page)
    return [f"{lang}/{name} at {view.name}: {p}" for p in problems]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page(served_site: str, html_dir: Path, context_factory: Any, lang: str, view: View) -> None:
    visit = Visit(context_factory(view))
    problems = []
    for name in site_pages(html_dir, lang):
        problems += check_page(visit, served_site, html_dir, lang, name, view)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_link_opens_the_twin_page(served_site: str, html_dir: Path, context_factory: Any,
                                            lang: str) -> None:
    visit = Visit(context_factory(VIEWS[-1]))
    for other in LANGUAGES:
        if other == lang:
            continue
        visit.open(f"{served_site}{lang}/{LEGACY_PAGE}")
        visit.page.click(f".language-switch a[hreflang='{other}']")
        visit.page.wait_for_load_state("load")
        assert visit.page.url == f"{served_site}{other}/{LEGACY_PAGE}"
        assert visit.page.evaluate("() => document.documentElement.lang") == other


@pytest.mark.parametrize("width", sorted({v.width for v in VIEWS}))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_legacy_anchor_brings_its_section_into_view(served_site: str, context_factory: Any,
                                                    lang: str, width: int) -> None:
    visit = Visit(context_factory(View(width, "light")))
    url = f"{served_site}{lang}/{LEGACY_PAGE}"
    assert visit.open(f"{url}#{LEGACY_ANCHOR}") == []
    state = visit.page.evaluate(_ANCHOR_STATE, LEGACY_ANCHOR)
    assert state is not None, f"no element with id {LEGACY_ANCHOR!r} in a section on {url}"
    assert state["isTarget"] and state["visible"], state
    # From the end of the page, following the old link scrolls back to the section.
    assert visit.open(url) == []
    visit.page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    before = visit.page.evaluate(_ANCHOR_STATE, LEGACY_ANCHOR)
    assert not before["visible"], f"the page is too short to tell: {before}"
    visit.page.evaluate(f"() => {{ location.hash = '#{LEGACY_ANCHOR}'; }}")
    visit.page.wait_for_function(f"() => ({_ANCHOR_STATE})('{LEGACY_ANCHOR}').visible")
    after = visit.page.evaluate(_ANCHOR_STATE, LEGACY_ANCHOR)
    assert after["visible"], after


def search_word(html_dir: Path, lang: str) -> str:
    """A word of the language from the title of the legacy page, as the language's
    search splits it: the longest one written in the language's own script."""
    soup = BeautifulSoup((html_dir / lang / LEGACY_PAGE).read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article h1")
    assert heading is not None
    title = heading.get_text(" ", strip=True).rstrip("#¶ ")
    found = search_languages[lang]
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    splitter = found({})
    own = f"[{LETTERS[script(lang)]}]"
    words = [w for w in splitter.split(title) if len(w) >= 3 and re.fullmatch(f"{own}+", w)]
    assert words, f"no word of {lang} in the title {title!r}"
    return max(words, key=len)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_the_language(served_site: str, html_dir: Path, context_factory: Any,
                                             lang: str) -> None:
    word = search_word(html_dir, lang)
    visit = Visit(context_factory(VIEWS[-1]))
    errors = visit.open(f"{served_site}{lang}/search.html?q={quote(word)}")
    # Sphinx's search sets the heading to "Search Results" (translated) when it is done.
    visit.page.wait_for_function(
        "() => { const t = document.querySelector('#search-results h2');"
        " return t && t.textContent === Documentation.gettext('Search Results'); }"
    )
    found = visit.page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
    summary = visit.page.text_content("#search-results .search-summary") or ""
    assert errors == []
    assert any(href.split("#")[0].split("?")[0].endswith(f"/{lang}/{LEGACY_PAGE}") for href in found), (word, found)
    assert summary.strip(), "the search says nothing about what it found (no translation of its summary?)"


# -- the measures themselves ----------------------------------------------------------


def _png(background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (100, 50), background)
    for x in range(10, 60):
        for y in range(20, 24):
            image.putpixel((x, y), ink)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_figure_contrast_tells_readable_from_unreadable() -> None:
    assert figure_contrast(_png((255, 255, 255), (0, 0, 0))) > 20
    # Dark ink on a dark page: what a transparent figure looks like in dark mode.
    assert figure_contrast(_png((19, 20, 23), (0, 0, 0))) < MIN_CONTRAST


def test_callout_contrast_tells_readable_from_unreadable(browser: Any) -> None:
    html = ('<body style="background: #131416"><article>'
            '<div class="admonition" style="background: rgba(255, 255, 255, 0.05)">'
            '<p class="admonition-title" style="color: #ffffff">Readable</p>'
            '<p style="color: #3a3b3d">Unreadable</p></div></article></body>')
    with page_with(browser, html) as page:
        parts = {part["text"]: part["ratio"] for part in page.evaluate(_CALLOUT_CONTRAST)}
    assert parts["Readable"] > 15 and parts["Unreadable"] < 2, parts


def test_bad_breaks_are_found(browser: Any) -> None:
    html = ('<article style="width: 9ch; font-family: monospace">'
            '<code class="literal">xx@u-tokyo.ac.jp</code><br>'
            '<code class="literal">--help</code><br>'
            '<a href="mailto:name.name@u-tokyo.ac.jp">name.name@u-tokyo.ac.jp</a><br>'
            '<a href="mailto:x@y.jp"><span class="address-part" style="white-space: nowrap">'
            'name.name</span><wbr><span style="white-space: nowrap">@u.ac.jp</span></a></article>')
    with page_with(browser, html) as page:
        hyphens = hyphen_breaks(page, "article code")
        addresses = address_breaks(page, "article a")
    assert [line.strip() for line in hyphens[0]][0].endswith("-"), hyphens
    assert len(hyphens) == 1, hyphens  # "--help" fits on its line
    assert len(addresses) == 1 and "".join(addresses[0]) == "name.name@u-tokyo.ac.jp", addresses


def test_axe_reports_a_violation(browser: Any) -> None:
    html = '<html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>'
    with page_with(browser, html) as page:
        found = axe_violations(page)
    assert any(v.startswith("axe image-alt ") for v in found), found


def test_a_japanese_font_is_installed() -> None:
    # Without one every Japanese glyph is a box in the browser and in screenshots.
    result = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True)
    assert result.stdout.strip(), "no Japanese font: run `make check-tools` (fonts-noto-cjk)"

