"""The PDF of every language (``make latexpdf``), checked with poppler-utils and pypdf."""

from __future__ import annotations

import re
import runpy
import statistics
import subprocess
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pypdf
from babel.dates import format_date

import utaccount
from conftest import root_toctrees
from zoomguide.i18n import translate
from zoomguide.latex import pdf_name
from zoomguide.mailtemplate import gloss_language
from zoomguide.project import DOCS, LANGUAGES, ROOT

A4_PT = (595.28, 841.89)
SVG_PX_TO_PT = 0.75  # 96 px to the inch (CSS), 72 pt to the inch
# A figure is drawn, a form of the right size, on a page (dvipdfmx: /Fm<n>).
FIGURE_SIZE_TOLERANCE_PT = 0.5


def run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} failed: {result.stderr}"
    return result.stdout


def pdf(pdf_dir: Path, lang: str) -> Path:
    path = pdf_dir / pdf_name(lang)
    assert path.is_file(), f"make latexpdf did not write {path}"
    return path


def pdf_text(pdf_dir: Path, lang: str, *options: str) -> str:
    return run("pdftotext", *options, str(pdf(pdf_dir, lang)), "-")


def lines(text: str) -> list[str]:
    """Non-empty lines, stripped, with typographic ligatures (ﬁ, ﬃ) spelled out
    as a reader's copy gives them; nothing else (full-width forms stay as they are)."""
    out = []
    for line in text.splitlines():
        line = "".join(
            unicodedata.normalize("NFKC", ch) if "\ufb00" <= ch <= "\ufb06" else ch for ch in line
        ).strip()
        if line:
            out.append(line)
    return out


def contains_lines(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


def toctree_pages() -> list[str]:
    """The pages of the root page's toctrees, in order: the chapters of the PDF."""
    return [page for group in root_toctrees() for page in group]


def page_title(page: str) -> str:
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.MULTILINE)
    assert match, f"docs/{page}.md has no title"
    return match.group(1).strip()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_count(pdf_dir: Path, lang: str) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(pdf(pdf_dir, lang))), re.MULTILINE)
    assert match
    return int(match.group(1))


# --- files ---------------------------------------------------------------------


def test_one_pdf_per_language_with_its_code_in_the_name(pdf_dir: Path) -> None:
    names = sorted(p.name for p in pdf_dir.glob("*.pdf"))
    assert names == sorted(pdf_name(lang) for lang in LANGUAGES)
    assert all(f"-{lang}." in pdf_name(lang) for lang in LANGUAGES)


# --- fonts, paper, pages ------------------------------------------------------------


def test_every_font_is_embedded(pdf_dir: Path, lang: str) -> None:
    report = run("pdffonts", str(pdf(pdf_dir, lang))).splitlines()
    assert report[0].split()[-5:] == ["emb", "sub", "uni", "object", "ID"]
    # name … emb sub uni object-number generation (names may overflow their column)
    fonts = [(row.split()[0], row.split()[-5]) for row in report[2:] if row.strip()]
    assert fonts, "pdffonts lists no font"
    assert [name for name, embedded in fonts if embedded != "yes"] == []
    # Every language shows the Japanese mail template: a Japanese font is in it.
    assert any("HaranoAji" in name for name, _ in fonts), fonts


def test_every_page_is_a4(pdf_dir: Path, lang: str) -> None:
    count = page_count(pdf_dir, lang)
    info = run("pdfinfo", "-f", "1", "-l", str(count), str(pdf(pdf_dir, lang)))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert len(sizes) == count
    for width, height in sizes:
        assert abs(float(width) - A4_PT[0]) < 1 and abs(float(height) - A4_PT[1]) < 1


def test_page_count_is_sane(pdf_dir: Path) -> None:
    chapters = len(toctree_pages())
    counts = {lang: page_count(pdf_dir, lang) for lang in LANGUAGES}
    for lang, count in counts.items():
        # Title page, table of contents, and each chapter on a page of its own;
        # a runaway (one word a line, a figure a page, a loop) passes 8 a chapter.
        assert 2 + chapters <= count <= 8 * chapters, (lang, count)
    # The same guide in each language: a page or text lost in one shows here.
    assert max(counts.values()) <= 1.5 * min(counts.values()), counts


def test_no_line_runs_off_the_page(pdf_dir: Path, lang: str) -> None:
    """Long addresses, URLs and code lines break: LaTeX reports no overfull line."""
    logs = list((pdf_dir.parent / "latex" / lang).glob("*.log"))
    assert logs
    overfull = [
        line for log in logs for line in log.read_text(errors="replace").splitlines()
        if line.startswith("Overfull \\hbox")
    ]
    assert overfull == []


# --- text -------------------------------------------------------------------------


def test_title_page(pdf_dir: Path, lang: str, pdf_source_date_epoch: int) -> None:
    title = translate(str(runpy.run_path(str(ROOT / "conf.py"))["project"]), lang, "index")
    first_page = collapse(pdf_text(pdf_dir, lang, "-f", "1", "-l", "1"))
    assert title in first_page
    # The date of the release's source (SOURCE_DATE_EPOCH), written the way the
    # language writes dates, never the day of the build.
    source_day = datetime.fromtimestamp(pdf_source_date_epoch, tz=UTC).date()
    assert format_date(source_day, format="long", locale=lang) in first_page
    today = datetime.now(tz=UTC).date()
    assert format_date(today, format="long", locale=lang) not in first_page


def test_no_release_number_for_the_reader(pdf_dir: Path, lang: str) -> None:
    """Neither the title page nor the running head shows the project's version
    ("Release 2020.4"): it means nothing to a reader; the title page has the date."""
    release = str(runpy.run_path(str(ROOT / "conf.py"))["release"])
    assert release and release not in pdf_text(pdf_dir, lang)


def test_every_chapter_title_is_in_the_pdf(pdf_dir: Path, lang: str) -> None:
    text = collapse(pdf_text(pdf_dir, lang))
    missing = [
        title for page in toctree_pages()
        if (title := translate(page_title(page), lang, page)) not in text
    ]
    assert missing == []


def test_the_mail_template_copies_out_intact(pdf_dir: Path, lang: str) -> None:
    """A reader who copies the mail template out of the PDF gets its exact text."""
    text = lines(pdf_text(pdf_dir, lang))
    mail = lines(utaccount.resend_template(lang=utaccount.MAIL_LANGUAGE))
    assert len(mail) >= 2
    assert contains_lines(text, mail), f"not found as lines in the PDF: {mail}"
    if lang != utaccount.MAIL_LANGUAGE:
        gloss = lines(utaccount.resend_template(lang=gloss_language(lang)))
        assert contains_lines(text, gloss), f"not found as lines in the PDF: {gloss}"


# --- figures ----------------------------------------------------------------------


def figures_in_pages() -> list[Path]:
    """The SVG figures that the pages (any language: one source) show."""
    found = sorted({
        DOCS / name
        for page in DOCS.glob("*.md")
        for name in re.findall(r"\bimg/[\w.-]+\.svg\b", page.read_text(encoding="utf-8"))
    })
    for path in found:
        assert path.is_file(), f"{path} is referenced but does not exist"
    return found


def svg_size_pt(path: Path) -> tuple[float, float]:
    root = ElementTree.parse(path).getroot()
    width, height = root.get("width"), root.get("height")
    if width and height:
        px = (float(re.sub(r"px$", "", width)), float(re.sub(r"px$", "", height)))
    else:
        box = root.get("viewBox")
        assert box, f"{path}: no width/height and no viewBox"
        px = tuple(float(v) for v in box.replace(",", " ").split()[2:4])  # type: ignore[assignment]
    return (px[0] * SVG_PX_TO_PT, px[1] * SVG_PX_TO_PT)


def drawn_forms(path: Path) -> list[tuple[float, float]]:
    """Width and height of each distinct form XObject drawn on a page of the PDF."""
    sizes: dict[int, tuple[float, float]] = {}
    for page in pypdf.PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                x0, y0, x1, y1 = (float(v) for v in xobject["/BBox"])
                sizes[ref.idnum] = (x1 - x0, y1 - y0)
    return list(sizes.values())


def test_every_figure_is_in_the_pdf(pdf_dir: Path, lang: str) -> None:
    figures = figures_in_pages()
    assert figures, "the pages show no SVG figure"
    expected = Counter(
        (round(w / FIGURE_SIZE_TOLERANCE_PT), round(h / FIGURE_SIZE_TOLERANCE_PT))
        for w, h in map(svg_size_pt, figures)
    )
    found = Counter(
        (round(w / FIGURE_SIZE_TOLERANCE_PT), round(h / FIGURE_SIZE_TOLERANCE_PT))
        for w, h in drawn_forms(pdf(pdf_dir, lang))
    )
    assert found == expected, f"figures of {[f.name for f in figures]}: {expected}, drawn: {found}"


def test_every_figure_has_a_number_of_its_own(pdf_dir: Path, lang: str) -> None:
    """Captions are numbered through the book (per chapter: "3.1"), so that no
    two figures of one PDF have the same number."""
    numbers = re.findall(r"^\S+ (\d+(?:\.\d+)*): ", pdf_text(pdf_dir, lang), re.MULTILINE)
    assert len(numbers) == len(figures_in_pages()), numbers
    assert len(set(numbers)) == len(numbers), numbers



#: An e-mail address (as the guide's sources write them).
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def hyphenated_addresses() -> set[str]:
    """The guide's e-mail addresses that have a hyphen, in both languages' sources."""
    sources = [*DOCS.glob("*.md"), *(ROOT / "locale").glob("*/LC_MESSAGES/*.po")]
    found = {a for path in sources for a in ADDRESS.findall(path.read_text("utf-8"))}
    return {a.rstrip(".") for a in found if "-" in a.split("@")[1] or "-" in a.split("@")[0]}


def test_guide_has_hyphenated_addresses() -> None:
    # The check below would pass vacuously without them.
    assert "jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp" in hyphenated_addresses()


def test_addresses_never_break_after_their_hyphen(pdf_dir: Path, lang: str) -> None:
    """A printed "u-" at a line's end reads as a hyphenated "utokyo", and text
    copied from the PDF drops that hyphen (as pdftotext does)."""
    laid_out = "\n".join(lines(pdf_text(pdf_dir, lang, "-layout")))
    copied = pdf_text(pdf_dir, lang)
    broken = []
    for address in sorted(hyphenated_addresses()):
        for i in (i for i, ch in enumerate(address) if ch == "-"):
            head, tail = address[: i + 1], address[i + 1 :]
            if re.search(re.escape(head) + r"\n" + re.escape(tail), laid_out):
                broken.append(f"{head}⏎{tail}")
            if re.search(r"(?<![\w.+-])" + re.escape(address[:i] + tail) + r"(?![\w-])", copied):
                broken.append(f"copied as {address[:i] + tail}")
    assert not broken, broken


def word_gaps(pdf_dir: Path, lang: str) -> list[tuple[str, str, float]]:
    """(word, next word, space between them in pt) for neighbours on a line."""
    root = ElementTree.fromstring(pdf_text(pdf_dir, lang, "-bbox").replace("&nbsp;", " "))
    words = [w for w in root.iter() if w.tag.endswith("word")]
    gaps = []
    for a, b in zip(words, words[1:]):
        same_line = abs(float(a.get("yMax", 0)) - float(b.get("yMax", 0))) < 2
        gap = float(b.get("xMin", 0)) - float(a.get("xMax", 0))
        if same_line and gap > 0:
            gaps.append((a.text or "", b.text or "", gap))
    return gaps


def test_step_numbers_are_spaced_like_words(pdf_dir: Path) -> None:
    """The figures' step numbers ① ② are Japanese characters in every PDF; the
    space after one in running text is a word space, not a full-width gap."""
    after_number = []
    for lang in LANGUAGES:
        gaps = word_gaps(pdf_dir, lang)
        usual = statistics.median(g for _, _, g in gaps)
        after_number += [(lang, b, round(g / usual, 1)) for a, b, g in gaps
                         if re.fullmatch("[\u2460-\u2473]", a)]
    assert after_number, "no step number followed by a word: nothing was checked"
    assert all(ratio < 2 for _, _, ratio in after_number), after_number


def test_signatures_read_as_code(pdf_dir: Path, lang: str) -> None:
    """The reference's signatures keep a bare ``*`` (Sphinx would spell out its
    tooltip on paper: "* (Keyword-only parameters separator (PEP 3102))")."""
    text = collapse(pdf_text(pdf_dir, lang))
    assert "common_id: str, *, lang: str" in text
    assert "PEP 3102" not in text


def test_help_desk_pages_are_appendices(pdf_dir: Path, lang: str) -> None:
    """Each page is in the PDF once; the readers' pages are its chapters, and
    the pages of the captioned (help-desk) toctree come after them, as appendices."""
    tex = next((pdf_dir.parent / "latex" / lang).glob("*.tex")).read_text("utf-8")
    groups = root_toctrees()
    assert len(groups) == 2, groups
    where = {}
    for page in [*groups[0], *groups[1]]:
        label = rf"\label{{\detokenize{{{page}::doc}}}}"
        assert tex.count(label) == 1, f"{page}: {tex.count(label)} times in the PDF"
        where[page] = tex.index(label)
    appendix = tex.index("\\appendix")
    assert max(where[p] for p in groups[0]) < appendix < min(where[p] for p in groups[1])
