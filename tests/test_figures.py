"""The figures of Zoom's screens: one per step of the source, in every language.

The figures (docs/img/*.svg) are language-neutral: the only words in them are
Zoom's own English labels; what a reader must understand is in the alt text and
the caption, which are translated through the catalogs. Numbered red markers in
a figure are named in its caption as ①, ②, …
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from conftest import SOURCE_PAGES, make
from zoomguide.langspans import LETTERS, script
from zoomguide.project import DOCS, LANGUAGES, SOURCE_LANGUAGE

IMG = DOCS / "img"
SVG = "{http://www.w3.org/2000/svg}"

#: The screenshots of the source page (seed/NOTES.md), by the page that shows them.
FIGURES = {
    "create-account": [
        "zoom_account_email",
        "zoom_account_browser1",
        "zoom_account_browser2",
        "zoom_account_browser3",
    ],
    "wrong-account": ["recover_1", "recover_2", "recover_3", "recover_4", "recover_5"],
}
ALL = [name for names in FIGURES.values() for name in names]
PAIRS = [(page, name) for page, names in FIGURES.items() for name in names]

#: The colour of the red marks and of their numbered markers.
MARK_RED = "#c5221f"
#: ① is U+2460: the marker with digit n is named chr(CIRCLED + n) in captions.
CIRCLED = 0x245F
MAX_GZIP = 10 * 1024


# --- the SVG files ------------------------------------------------------------------

def svg_root(name: str) -> ET.Element:
    return ET.parse(IMG / f"{name}.svg").getroot()


def markers(name: str) -> set[int]:
    """The digits of the numbered markers (red circles with a digit on them)."""
    root = svg_root(name)
    circles = [
        (float(c.get("cx", 0)), float(c.get("cy", 0)))
        for c in root.iter(f"{SVG}circle")
        if c.get("fill") == MARK_RED
    ]
    found = set()
    for text in root.iter(f"{SVG}text"):
        content = (text.text or "").strip()
        x, y = float(text.get("x", 0)), float(text.get("y", 0))
        if content.isdigit() and any(abs(x - cx) < 1 and 0 <= y - cy < 14 for cx, cy in circles):
            found.add(int(content))
    return found


def test_every_figure_file_is_used_and_present() -> None:
    on_disk = sorted(p.stem for p in IMG.glob("*.svg"))
    assert on_disk == sorted(ALL)
    assert not [p.name for p in IMG.iterdir() if p.suffix != ".svg"], "only SVG figures in docs/img"


@pytest.mark.parametrize("name", ALL)
def test_figure_is_small_wellformed_svg(name: str) -> None:
    path = IMG / f"{name}.svg"
    root = svg_root(name)
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.get("viewBox", "").split()]
    assert len(box) == 4 and box[2] > 0 and box[3] > 0, "a viewBox, so that it scales"
    # Width and height equal the viewBox: the PDF converters size the page from them.
    assert (float(root.get("width", 0)), float(root.get("height", 0))) == (box[2], box[3])
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "font", "font-face", "script", "foreignObject"}, "no raster, fonts or scripts"
    assert len(gzip.compress(path.read_bytes(), 9)) <= MAX_GZIP


@pytest.mark.parametrize("name", ALL)
def test_figure_words_are_zoom_labels_only(name: str) -> None:
    """Language-neutral: no words of the guide's languages, only Zoom's (ASCII) labels."""
    texts = [(t.text or "").strip() for t in svg_root(name).iter(f"{SVG}text")]
    assert texts and all(texts)
    assert [t for t in texts if not t.isascii()] == []
    assert markers(name), "at least one numbered red marker"
    assert sorted(markers(name)) == list(range(min(markers(name)), max(markers(name)) + 1))


@pytest.fixture(scope="session")
def rsvg_convert(builddir: Path) -> str:
    """rsvg-convert, installed by the PDF build's tool target when missing."""
    if not shutil.which("rsvg-convert"):
        make("pdf-tools", builddir)
    path = shutil.which("rsvg-convert")
    assert path, "rsvg-convert is missing (Debian: librsvg2-bin)"
    return path


@pytest.mark.parametrize("name", ALL)
def test_the_pdf_converter_draws_the_figure_at_its_size(name: str, rsvg_convert: str) -> None:
    """rsvg-convert (the PDF build's converter) reads the figure and draws it at the
    size the file gives itself, with something on it besides the background."""
    path = IMG / f"{name}.svg"
    drawn = subprocess.run([rsvg_convert, "-f", "png", str(path)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(drawn)).convert("L")
    root = ET.parse(path).getroot()
    assert image.size == (int(root.get("width", 0)), int(root.get("height", 0)))
    darkest, _ = image.getextrema()
    assert isinstance(darkest, int) and darkest < 155, "the drawing is blank"


# --- the figures in the pages -------------------------------------------------------

def assert_in_language(text: str, lang: str) -> None:
    """``text`` is written in ``lang``: it has letters of its script, and any other
    letters are Latin (Zoom's labels, "Zoom", "ID" occur in every language)."""
    own = re.compile(f"[{LETTERS[script(lang)]}]")
    latin = re.compile(f"[{LETTERS['Latn']}]")
    assert own.search(text), f"no {lang} letters in {text!r}"
    foreign = [c for c in text if c.isalpha() and not own.match(c) and not latin.match(c)]
    assert not foreign, f"letters foreign to {lang} in {text!r}: {''.join(foreign)}"


def figures_of(html_dir: Path, lang: str, page: str) -> dict[str, Tag]:
    doc = BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")
    article = doc.find("article", attrs={"role": "main"})
    assert isinstance(article, Tag)
    found = {}
    for figure in article.find_all("figure"):
        img = figure.find("img")
        assert isinstance(img, Tag)
        found[Path(str(img["src"])).stem] = figure
    return found


@pytest.mark.parametrize(("page", "name"), PAIRS)
def test_step_figure_in_every_language(html_dir: Path, lang: str, page: str, name: str) -> None:
    figures = figures_of(html_dir, lang, page)
    assert name in figures, f"{lang}/{page}.html lacks {name}.svg"
    img = figures[name].find("img")
    assert isinstance(img, Tag)
    assert (html_dir / lang / page).parent.joinpath(str(img["src"])).is_file()
    alt = str(img.get("alt", "")).strip()
    caption = figures[name].find("figcaption")
    assert isinstance(caption, Tag)
    caption_text = caption.get_text(" ", strip=True).rstrip("¶").strip()
    # Alt text says what the screen shows and what to do: a sentence or more, not a label.
    assert len(alt) >= 40, alt
    assert_in_language(alt, lang)
    assert_in_language(caption_text, lang)
    # The caption names exactly the markers the figure has.
    named = {ord(c) - CIRCLED for c in caption_text if 0x2460 <= ord(c) <= 0x2473}
    assert named == markers(name), f"caption {caption_text!r} vs markers {sorted(markers(name))}"


@pytest.mark.parametrize(("page", "name"), PAIRS)
def test_figure_text_is_translated(html_dir: Path, page: str, name: str) -> None:
    """Each translation has its own alt text and caption, not the source's."""
    def texts(lang: str) -> tuple[str, str]:
        figure = figures_of(html_dir, lang, page)[name]
        img, caption = figure.find("img"), figure.find("figcaption")
        assert isinstance(img, Tag) and isinstance(caption, Tag)
        return str(img.get("alt", "")), caption.get_text(" ", strip=True)

    source = texts(SOURCE_LANGUAGE)
    for lang in LANGUAGES:
        if lang != SOURCE_LANGUAGE:
            translated = texts(lang)
            assert translated[0] != source[0] and translated[1] != source[1], lang


def test_no_image_without_alt_text(html_dir: Path, lang: str) -> None:
    """No image in any page of the guide lacks alt text."""
    missing = []
    for page in SOURCE_PAGES:
        doc = BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")
        article = doc.find("article", attrs={"role": "main"})
        assert isinstance(article, Tag)
        for img in article.find_all("img"):
            if not str(img.get("alt", "")).strip():
                missing.append(f"{page}: {img.get('src')}")
    assert missing == []


def test_svg_images_reserve_their_space(html_dir: Path, lang: str) -> None:
    """Every SVG ``<img>`` has the width and height its file gives itself, so the
    page does not shift while it loads (zoomguide.images)."""
    seen = 0
    for page in sorted((html_dir / lang).glob("*.html")):
        for img in BeautifulSoup(page.read_text("utf-8"), "html.parser").find_all("img"):
            src = str(img.get("src", ""))
            if not src.endswith(".svg") or "_static" in src:
                continue
            root = ET.parse(DOCS / "img" / Path(src).name).getroot()
            assert (img.get("width"), img.get("height")) == (root.get("width"), root.get("height")), f"{page.name}: {src}"
            seen += 1
    assert seen >= 9, "the step figures were not found"
