"""The figures of Zoom's screens (docs/img/*.svg), as files and in the built pages.

A figure's only words are Zoom's English labels and the digits of red markers,
which the caption names (①, ②); alt text and caption are translated.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import regex
from bs4 import BeautifulSoup, Tag

from conftest import DOCS, PAGES, SOURCE_LANGUAGE
from zoomguide.langspans import letters, script

IMG = DOCS / "img"
SVG = "{http://www.w3.org/2000/svg}"
#: The colour of the red marks and of their numbered markers.
MARK_RED = "#c5221f"
#: ① is U+2460: the marker with digit n is chr(CIRCLED + n) in captions.
CIRCLED = 0x245F
MAX_GZIP = 10 * 1024

#: (page, figure) for every figure a page shows, from the sources.
SHOWN = [(page, name) for page in PAGES
         for name in re.findall(r"\bimg/([\w.-]+)\.svg\b", (DOCS / f"{page}.md").read_text("utf-8"))]
NAMES = sorted({name for _, name in SHOWN})


def svg(name: str) -> ET.Element:
    return ET.parse(IMG / f"{name}.svg").getroot()


def markers(name: str) -> set[int]:
    """The digits of the numbered markers (a digit on a red circle)."""
    root = svg(name)
    circles = [(float(c.get("cx", 0)), float(c.get("cy", 0)))
               for c in root.iter(f"{SVG}circle") if c.get("fill") == MARK_RED]
    digits = [(t, (t.text or "").strip()) for t in root.iter(f"{SVG}text")]
    return {int(digit) for t, digit in digits if digit.isdigit() and any(
        abs(float(t.get("x", 0)) - x) < 1 and 0 <= float(t.get("y", 0)) - y < 14 for x, y in circles)}


def test_every_figure_file_is_used_and_present() -> None:
    assert NAMES, "no page shows a figure"
    assert sorted(p.name for p in IMG.iterdir()) == [f"{name}.svg" for name in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_small_wellformed_language_neutral_svg(name: str) -> None:
    root = svg(name)
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.get("viewBox", "").split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0, "a viewBox, so that it scales"
    # Width and height equal the viewBox: the PDF and the page's <img> take their size from them.
    assert (float(root.get("width", 0)), float(root.get("height", 0))) == (box[2], box[3])
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "font", "font-face", "script", "foreignObject"}, "no raster, fonts or scripts"
    assert len(gzip.compress((IMG / f"{name}.svg").read_bytes(), 9)) <= MAX_GZIP
    words = [(t.text or "").strip() for t in root.iter(f"{SVG}text")]
    assert words and all(words) and [w for w in words if not w.isascii()] == [], "Zoom's labels only"
    found = sorted(markers(name))
    assert found and found == list(range(found[0], found[-1] + 1)), "numbered red markers"


@cache
def figures(html_dir: Path, lang: str, page: str) -> dict[str, tuple[Tag, str]]:
    """The figures of a built page: name -> (its img, its caption's text)."""
    doc = BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")
    found = {}
    for figure in doc.select("article[role=main] figure"):
        img, caption = figure.find("img"), figure.find("figcaption")
        assert isinstance(img, Tag) and isinstance(caption, Tag)
        found[Path(str(img["src"])).stem] = (img, caption.get_text(" ", strip=True).rstrip("¶").strip())
    return found


def assert_in_language(text: str, lang: str) -> None:
    """``text`` is in ``lang``: it has letters of its script, and any other letters
    are Latin (Zoom's labels, "Zoom", "ID" are in every language)."""
    own, latin = regex.compile(f"[{letters(script(lang))}]"), regex.compile(f"[{letters('Latn')}]")
    assert own.search(text), f"no {lang} letters in {text!r}"
    foreign = [c for c in text if c.isalpha() and not own.match(c) and not latin.match(c)]
    assert not foreign, f"letters foreign to {lang} in {text!r}: {''.join(foreign)}"


@pytest.mark.parametrize(("page", "name"), SHOWN)
def test_figure_in_every_language(html_dir: Path, lang: str, page: str, name: str) -> None:
    shown = figures(html_dir, lang, page)
    assert name in shown, f"{lang}/{page}.html lacks {name}.svg"
    img, caption = shown[name]
    assert (html_dir / lang / str(img["src"])).is_file()
    # The size the file gives itself, so that the page does not shift while it loads.
    assert (img.get("width"), img.get("height")) == (svg(name).get("width"), svg(name).get("height"))
    alt = str(img.get("alt", "")).strip()
    # Alt text says what the screen shows and what to do: a sentence or more, not a label.
    assert len(alt) >= 40, alt
    assert_in_language(alt, lang)
    assert_in_language(caption, lang)
    named = {ord(c) - CIRCLED for c in caption if 0x2460 <= ord(c) <= 0x2473}
    assert named == markers(name), f"caption {caption!r} names other markers than {sorted(markers(name))}"
    if lang != SOURCE_LANGUAGE:
        source_img, source_caption = figures(html_dir, SOURCE_LANGUAGE, page)[name]
        assert alt != source_img.get("alt") and caption != source_caption, "not translated"

