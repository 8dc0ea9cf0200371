"""The figures of Zoom's screens (docs/img/*.svg): each exists once, with the source
language's words (Zoom's labels as its readers saw them in 2020); each language's pages
and PDF show it with the words of its figures.po (zoomguide.figures). What is no word (zoom.us, the logo,
the markers' digits, which the caption names) is marked its:translate="no". A word
left untranslated fails the catalog gate like a sentence (test_catalogs covers
figures.po, and `make gettext` must not change it)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import polib
import pytest
import regex
from bs4 import Tag

from conftest import DOCS, FIGURES, LOCALE, SOURCE_LANGUAGE, article, page_soup, pdf_text
from zoomguide.langspans import letters, script

IMG = DOCS / "img"
SVG = "{http://www.w3.org/2000/svg}"
NO_TRANSLATE = "{http://www.w3.org/2005/11/its}translate"
MARK_RED = "#c5221f"  # the red marks and their numbered markers
CIRCLED = 0x245F  # ① is U+2460: the marker with digit n is chr(CIRCLED + n) in captions
MAX_GZIP = 10 * 1024

NAMES = sorted({name for _, name in FIGURES})


@cache
def source(name: str) -> ET.Element:
    return ET.parse(IMG / f"{name}.svg").getroot()


def texts(root: ET.Element) -> tuple[list[str], list[str]]:
    """The figure's words, and its other text (inside an element marked its:translate="no")."""
    quiet = {id(t) for el in root.iter() if el.get(NO_TRANSLATE) == "no" for t in el.iter(f"{SVG}text")}
    every = [(id(t) in quiet, (t.text or "").strip()) for t in root.iter(f"{SVG}text")]
    return [s for q, s in every if not q], [s for q, s in every if q]


@cache
def expected(name: str, lang: str) -> list[str]:
    """The words of figure ``name`` as ``lang``'s figures.po translates them (else as they are)."""
    po = LOCALE / lang / "LC_MESSAGES" / "figures.po"
    catalog = {e.msgid: e.msgstr for e in polib.pofile(str(po)) if e.translated()} if po.exists() else {}
    return [catalog.get(word, word) for word in texts(source(name))[0]]


def markers(name: str) -> set[int]:
    """The digits of the numbered markers (a digit on a red circle)."""
    circles = [(float(c.get("cx", 0)), float(c.get("cy", 0)))
               for c in source(name).iter(f"{SVG}circle") if c.get("fill") == MARK_RED]
    digits = [(t, (t.text or "").strip()) for t in source(name).iter(f"{SVG}text")]
    return {int(digit) for t, digit in digits if digit.isdigit() and any(
        abs(float(t.get("x", 0)) - x) < 1 and 0 <= float(t.get("y", 0)) - y < 14 for x, y in circles)}


def test_every_figure_file_is_used_and_present() -> None:
    assert NAMES, "no page shows a figure"
    assert sorted(p.name for p in IMG.iterdir()) == [f"{name}.svg" for name in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_small_wellformed_svg_in_the_source_language(name: str) -> None:
    root = source(name)
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.get("viewBox", "").split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0, "a viewBox, so that it scales"
    # Width and height equal the viewBox: the PDF and the page's <img> take their size from them.
    assert (float(root.get("width", 0)), float(root.get("height", 0))) == (box[2], box[3])
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "font", "font-face", "script", "foreignObject", "tspan"}, "no raster, fonts, scripts"
    assert len(gzip.compress((IMG / f"{name}.svg").read_bytes(), 9)) <= MAX_GZIP
    own = regex.compile(f"[{letters(script(SOURCE_LANGUAGE))}]")
    words, others = texts(root)
    assert words and all(own.search(w) for w in words), f"words not in {SOURCE_LANGUAGE}: {words}"
    assert all(others) and not [o for o in others if own.search(o)], f"{SOURCE_LANGUAGE} marked as no word"
    found = sorted(markers(name))
    assert found and found == list(range(found[0], found[-1] + 1)), "numbered red markers"


@cache
def figures(html_dir: Path, lang: str, page: str) -> dict[str, tuple[Tag, str]]:
    """The figures of a built page: name -> (its img, its caption's text)."""
    found = {}
    for figure in article(page_soup(html_dir, lang, page)).select("figure"):
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


@pytest.mark.parametrize(("page", "name"), FIGURES)
def test_figure_in_every_language(html_dir: Path, lang: str, page: str, name: str) -> None:
    shown = figures(html_dir, lang, page)
    assert name in shown, f"{lang}/{page}.html lacks {name}.svg"
    img, caption = shown[name]
    built = ET.parse(html_dir / lang / str(img["src"])).getroot()
    # The figure in the page's language; what is no word as it is.
    assert texts(built) == (expected(name, lang), texts(source(name))[1])
    # The size the file gives itself, so that the page does not shift while it loads.
    assert (img.get("width"), img.get("height")) == (built.get("width"), built.get("height")), (
        "give the figure `:scale: 100%`: Sphinx then writes its size")
    # Alt text says what the screen shows and what to do: a sentence or more, not a label.
    alt = str(img.get("alt", "")).strip()
    assert len(alt) >= 40, alt
    assert_in_language(alt, lang)
    assert_in_language(caption, lang)
    named = {ord(c) - CIRCLED for c in caption if 0x2460 <= ord(c) <= 0x2473}
    assert named == markers(name), f"caption {caption!r} names other markers than {sorted(markers(name))}"
    if lang != SOURCE_LANGUAGE:
        source_img, source_caption = figures(html_dir, SOURCE_LANGUAGE, page)[name]
        assert alt != source_img.get("alt") and caption != source_caption, "not translated"


@pytest.mark.pdf
def test_pdf_figures_in_its_language(pdf_dir: Path, pdf_file: Path, lang: str) -> None:
    """Each figure made for the PDF (rsvg-convert's, in the LaTeX folder) has the words
    of ``lang`` and none of the source words they replace; the PDF has them as text."""
    guide = pdf_text(pdf_file, flat=True)
    for name in NAMES:
        found, words = pdf_text(pdf_dir.parent / "latex" / lang / f"{name}.pdf", flat=True), expected(name, lang)
        assert [w for w in words if w.replace(" ", "") not in found or w.replace(" ", "") not in guide] == [], name
        replaced = set(texts(source(name))[0]) - set(words)
        assert [w for w in replaced if w.replace(" ", "") in found] == [], name
