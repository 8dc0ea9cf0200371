"""The site in a real browser (Debian's Chromium through Playwright): every page of
every language, light and dark, at 375 px and 1280 px, has no console error, does
not scroll sideways, breaks no code at a hyphen nor an e-mail address but before its
"@", leaves no bracket, comma or Japanese small kana apart from its word, splits no
word of a signature, shows its figures readably, and
passes axe-core (WCAG 2.1 AA; its colour-contrast rule is what checks the callouts).
On a wide screen the language link stands beside furo's buttons. (The search page:
tests/test_search.py.)

With GUIDE_SCREENSHOTS=<dir> (``make screenshots``) the every-page test saves each
view as ``<dir>/<lang>/<page>-<width>-<scheme>.png``; otherwise it takes none.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import PAGES, PHONE, Tab, axe_violations, bad_breaks

WIDTHS = (PHONE, 1280)
HEIGHT = 800
SCHEMES = ("light", "dark")
MIN_CONTRAST = 4.5  # (WCAG 2.1 AA, normal text)
#: What furo shows at desktop width only (at phone width, off-canvas or in its stead the header).
DESKTOP_ONLY = ".sidebar-drawer, .toc-drawer, .content-icon-container"
#: Where each kind of bad line break (conftest.BAD_BREAKS) is looked for.
BREAKS = [("breaks at a hyphen", "article code.literal"),
          ("address broken elsewhere than before its @", "article a[href^='mailto:']"),
          ("a bracket, comma or mark apart from its word", "article p"),
          ("a word broken in two", "article dt.sig")]
SCREENSHOTS = Path(os.environ["GUIDE_SCREENSHOTS"]) if os.environ.get("GUIDE_SCREENSHOTS") else None


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


def figure_contrast(image: Image.Image) -> float:
    """Contrast between a figure's commonest grey level (its background) and its
    darkest ink (the 1st percentile), as the reader sees them."""
    histogram = image.convert("L").histogram()
    ink = next(level for level in range(256) if sum(histogram[:level + 1]) > sum(histogram) / 100)
    low, high = sorted(((v / 255 + 0.055) / 1.055) ** 2.4 for v in (ink, histogram.index(max(histogram))))
    return float((high + 0.05) / (low + 0.05))


def view_problems(page: Any, width: int, scheme: str) -> list[str]:
    """What is wrong with the open page at ``width`` in ``scheme`` (set here)."""
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.emulate_media(color_scheme=scheme)
    problems: list[str] = page.evaluate(_LAYOUT)
    problems += [f"{kind}: {lines}" for kind, selector in BREAKS for lines in bad_breaks(page, selector, kind)]
    if width == WIDTHS[0] and scheme == "dark":
        # Figures keep their own light background in dark mode.
        figures = page.evaluate("""() => [...document.querySelectorAll('article figure img')].map((img) => {
          const r = img.getBoundingClientRect();
          return [img.getAttribute('src'), r.left, r.top + scrollY, r.right, r.bottom + scrollY]; })""")
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True))) if figures else None
        for src, *box in figures:  # (a figure that is missing: a console error)
            if shot and (ratio := figure_contrast(shot.crop(tuple(box)))) < MIN_CONTRAST:
                problems.append(f"figure {src}: contrast {ratio:.2f}")
    # axe over the whole page once (at phone width), and over what only the desktop shows.
    return problems + axe_violations(page, None if width == WIDTHS[0] else DESKTOP_ONLY)


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_every_page(tab: Tab, served_site: str, lang: str, name: str) -> None:
    # Loaded once, then seen at each width in each scheme (as when a reader turns those).
    errors = tab.open(f"{served_site}{lang}/{name}.html")
    problems = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            problems += [f"{width} px, {scheme}: {p}" for p in view_problems(tab.page, width, scheme)]
            if SCREENSHOTS:  # (Playwright makes the folders)
                tab.page.screenshot(path=SCREENSHOTS / lang / f"{name}-{width}-{scheme}.png", full_page=True)
    problems += errors
    assert not problems, f"{lang}/{name}.html:\n" + "\n".join(problems)


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
        # An address that does not fit, between brackets: the closing one starts a line.
        '<p style="width: 16ch; color: #fff">Write to (<code class="literal" style="overflow-wrap: anywhere">'
        '<span class="pre" style="white-space:'
        ' nowrap">hanako.hongo@example.org</span></code>) today</p>'
        # Japanese that breaks before its prolonged sound mark; a signature broken inside a name.
        '<p lang="ja" style="width: 5em; color: #fff">アクティベーション</p>'
        '<dl><dt class="sig" style="width: 12ch; font-family: monospace; overflow-wrap: break-word; color: #fff">'
        'common_id_from_address(address: str)</dt><dd></dd></dl>'
        # Dark ink on a dark ground: a transparent figure in dark mode.
        '<figure><img width="10" style="width: 2000px" src="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\''
        ' viewBox=\'0 0 10 10\'><rect width=\'10\' height=\'10\' fill=\'%23131416\'/><rect y=\'4\' width=\'10\''
        ' height=\'2\'/></svg>"></figure></article></main></body></html>')
    found = "\n".join(view_problems(page, PHONE, "dark"))
    page.close()
    for expected in ("figure wider than drawn: data:", "scrolls sideways: html", "figure data:image/svg+xml",
                     "breaks at a hyphen: ['xx@u-', 'tokyo.ac.jp']",  # ("--help" fits on its line)
                     "address broken elsewhere than before its @: ['name.name@u-', 'tokyo.ac.jp']",
                     "a bracket, comma or mark apart from its word: ['Write to ', '(hanako.hongo@example.org', ') today']",
                     "a bracket, comma or mark apart from its word: ['アクティベ', 'ーション']",
                     "a word broken in two: ['common_id_fr', 'om_address(a', 'ddress: str)']",
                     "axe image-alt ", "axe color-contrast "):
        assert found.count(expected) == 1, f"{expected!r} not found once in:\n{found}"
    # The unreadable text of the callout (and the unreadable links) only, not the readable one.
    assert "p:nth-child(2)" in found and "p:nth-child(1)" not in found and found.count("breaks at a hyphen") == 1, found


@pytest.mark.browser
def test_on_a_wide_screen_the_language_link_stands_beside_the_theme_buttons(tab: Tab, served_site: str,
                                                                           lang: str) -> None:
    """Where furo shows its buttons beside the article, the link to the other
    languages is on their line, left of them (not above them, at the window's edge)."""
    errors = tab.open(f"{served_site}{lang}/index.html", width=1280)
    link, buttons = (tab.page.locator(selector).first.bounding_box()
                     for selector in (".language-switch a", ".content-icon-container"))
    assert link and buttons and not errors
    middle = {name: box["y"] + box["height"] / 2 for name, box in (("link", link), ("buttons", buttons))}
    assert abs(middle["link"] - middle["buttons"]) < link["height"] / 4, (link, buttons)
    assert link["x"] + link["width"] < buttons["x"], (link, buttons)
