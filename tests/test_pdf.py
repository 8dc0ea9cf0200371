"""The PDF of every language (``make latexpdf``), read with poppler-utils and pypdf."""

from __future__ import annotations

import re
import statistics
import subprocess
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pypdf
import pytest

import utaccount
from conftest import CONF, DOCS, FIGURES, LANGUAGES, LOCALE, PAGES, SOURCE_DATE_EPOCH, long_date, pdf_name, pdf_text
from zoomguide.i18n import translate
from zoomguide.mailtemplate import gloss_language

pytestmark = pytest.mark.pdf

A4_PT = (595, 842)  # 210 mm x 297 mm


def run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} failed: {result.stderr}"
    return result.stdout


#: Latin ligatures (ﬁ, ﬃ) spelled out, as a reader's copy gives them.
LIGATURES = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})


def lines(text: str) -> list[str]:
    """Non-empty lines, stripped, ligatures spelled out; nothing else (full-width forms stay)."""
    return [line.translate(LIGATURES).strip() for line in text.splitlines() if line.strip()]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def latex_source(pdf_dir: Path, lang: str, suffix: str) -> str:
    return "\n".join(p.read_text("utf-8", errors="replace")
                     for p in (pdf_dir.parent / "latex" / lang).glob(f"*.{suffix}"))


def is_orphan(page: str) -> bool:
    source = (DOCS / f"{page}.md").read_text("utf-8")
    return source.startswith("---\n") and "\norphan: true\n" in source[:source.find("\n---", 3) + 1]


def mail_languages(lang: str) -> list[str]:
    """The languages of the request mail in ``lang``'s PDF: the mail's, and its gloss's."""
    return [utaccount.MAIL_LANGUAGE] + ([gloss_language(lang)] if lang != utaccount.MAIL_LANGUAGE else [])


#: The pages that are chapters (or appendices) of the PDF: all but the root and orphans.
CHAPTERS = [page for page in PAGES if page != CONF["root_doc"] and not is_orphan(page)]
#: The SVG files of the figures.
SVGS = sorted({DOCS / "img" / f"{name}.svg" for _, name in FIGURES})


def test_every_font_is_embedded(pdf_file: Path) -> None:
    report = run("pdffonts", str(pdf_file)).splitlines()
    assert report[0].split()[-5:] == ["emb", "sub", "uni", "object", "ID"]
    fonts = [(row.split()[0], row.split()[-5]) for row in report[2:] if row.strip()]
    assert fonts and [name for name, embedded in fonts if embedded != "yes"] == []


def test_every_page_is_a4(pdf_file: Path) -> None:
    pages = pypdf.PdfReader(pdf_file).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {A4_PT}


def test_no_line_runs_off_the_page(pdf_dir: Path, lang: str) -> None:
    """Long addresses, URLs and code lines break: LaTeX reports no overfull line."""
    log = latex_source(pdf_dir, lang, "log")
    assert log and [line for line in log.splitlines() if line.startswith("Overfull \\hbox")] == []


def test_title_page(pdf_file: Path, lang: str) -> None:
    """The title and SOURCE_DATE_EPOCH's day as the language writes it in full, never
    the build day; no "Release 2020.4" there or in the running head (it means nothing to a reader)."""
    first_page = collapse(pdf_text(pdf_file, "-f", "1", "-l", "1"))
    assert CONF["project"] and translate(CONF["project"], lang, CONF["root_doc"]) in first_page
    day = datetime.fromtimestamp(SOURCE_DATE_EPOCH, tz=UTC).date()
    assert long_date(day, lang) in first_page
    assert CONF["release"] and CONF["release"] not in pdf_text(pdf_file)


def test_the_page_after_the_contents_does_not_carry_its_name(pdf_file: Path) -> None:
    """The root page's text (the status today) follows the table of contents; the
    table's name (its page's first line) is not in that page's running foot."""
    labels = pypdf.PdfReader(pdf_file).page_labels
    contents = labels.index("i")  # the table of contents is numbered in roman, then 1, 2, …
    name, after = (lines(pdf_text(pdf_file, "-f", str(n), "-l", str(n))) for n in (contents + 1, contents + 2))
    assert labels[contents + 1] == "1" and name[0] not in after[-2:], (name[0], after[-2:])


def test_every_chapter_is_in_the_pdf(pdf_file: Path, lang: str) -> None:
    body = collapse(pdf_text(pdf_file))
    titles = {page: re.search(r"^# (.+)$", (DOCS / f"{page}.md").read_text("utf-8"), re.MULTILINE)
              for page in CHAPTERS}
    assert [p for p, m in titles.items() if not m or translate(m[1].strip(), lang, p) not in body] == []


def test_help_desk_pages_are_appendices(pdf_dir: Path, lang: str) -> None:
    """Each page is in the PDF once; the help desk's pages come after the readers' chapters."""
    tex = latex_source(pdf_dir, lang, "tex")
    where = {}
    for page in CHAPTERS:
        label = rf"\label{{\detokenize{{{page}::doc}}}}"
        assert tex.count(label) == 1, f"{page}: {tex.count(label)} times in the PDF"
        where[page] = tex.index(label)
    appendices = CONF["latex_appendices"]
    readers = [where[p] for p in CHAPTERS if p not in appendices]
    start = re.search(r"^\\appendix$", tex, re.MULTILINE)  # Sphinx's, not the preamble's \appendixname
    assert appendices and start and max(readers) < start.start() < min(where[p] for p in appendices)


def test_every_figure_is_in_the_pdf(pdf_file: Path) -> None:
    """Each figure is drawn, as a form of its own size (dvipdfmx), once."""
    assert SVGS
    # Sizes in half points: 144 half points and 96 px (CSS, SVG) to the inch.
    expected = Counter((round(1.5 * float(svg.get("width", 0))), round(1.5 * float(svg.get("height", 0))))
                       for svg in (ElementTree.parse(f).getroot() for f in SVGS))
    drawn = {}
    for page in pypdf.PdfReader(pdf_file).pages:
        resources: Any = page["/Resources"] if "/Resources" in page else {}
        for ref in (resources["/XObject"].values() if "/XObject" in resources else []):
            if (form := ref.get_object()).get("/Subtype") == "/Form":
                x0, y0, x1, y1 = (float(v) for v in form["/BBox"])
                drawn[ref.idnum] = (round(2 * (x1 - x0)), round(2 * (y1 - y0)))
    assert Counter(drawn.values()) == expected, [f.name for f in SVGS]


def test_every_figure_has_a_number_of_its_own(pdf_file: Path) -> None:
    """Captions are numbered per chapter ("3.1"): no two figures share a number."""
    numbers = re.findall(r"^\S+ (\d+(?:\.\d+)*): ", pdf_text(pdf_file), re.MULTILINE)
    assert len(numbers) == len(set(numbers)) == len(SVGS), numbers


def test_the_mail_template_copies_out_intact(pdf_file: Path, lang: str) -> None:
    """A reader who copies the mail template (and its gloss) out of the PDF gets its exact text."""
    copied = lines(pdf_text(pdf_file))
    for mail in (lines(utaccount.resend_template(lang=code)) for code in mail_languages(lang)):
        assert len(mail) >= 2 and any(copied[i:i + len(mail)] == mail for i in range(len(copied))), mail


def test_no_page_break_cuts_a_mail(pdf_dir: Path, pdf_file: Path, lang: str) -> None:
    """No page break splits the request mail (the template, an example, a gloss): a
    reader copies it from one page, and a printed mail reads as one. Where a page break
    splits a code block, Sphinx writes its "continues on next page" under the first part."""
    continues = re.search(r"\\literalblockcontinuesname\}\{(.+?)\}", latex_source(pdf_dir, lang, "sty"))
    assert continues, "Sphinx's sphinxmessages.sty no longer names the label"
    shapes = [re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(line)))  # a {field} is any text
              for code in mail_languages(lang) for line in lines(utaccount.resend_format(lang=code))]
    found = lines(pdf_text(pdf_file))
    cut = [before for before, line in zip(found, found[1:])
           if continues.group(1) in line and any(shape.fullmatch(before) for shape in shapes)]
    assert not cut, cut


def test_addresses_never_break_after_their_hyphen_or_a_dot(pdf_file: Path) -> None:
    """A printed "u-" at a line's end reads as a hyphenated "utokyo", and text
    copied from the PDF drops that hyphen (as pdftotext does); "…@g.ecc." at a
    line's end reads as the end of a sentence (a break before the dot does not)."""
    laid_out = "\n".join(lines(pdf_text(pdf_file, "-layout")))
    copied = pdf_text(pdf_file)
    sources = [*DOCS.glob("*.md"), *LOCALE.glob("*/LC_MESSAGES/*.po")]
    addresses = {a.rstrip(".") for path in sources
                 for a in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", path.read_text("utf-8"))}
    assert any("-" in a for a in addresses), "no hyphenated address in the guide: nothing to check"
    broken = []
    for address in sorted(addresses):
        for i in (i for i, c in enumerate(address) if c in "-."):
            head, tail = address[:i + 1], address[i + 1:]
            if head + "\n" + tail in laid_out:
                broken.append(f"{head}⏎{tail}")
            if address[i] == "-" and re.search(r"(?<![\w.+-])" + re.escape(address[:i] + tail) + r"(?![\w-])", copied):
                broken.append(f"copied as {address[:i] + tail}")
    assert not broken, broken


def test_step_numbers_are_spaced_like_words(pdf_dir: Path) -> None:
    """The step numbers ① ② are Japanese characters in every PDF; the space after
    one in running text is a word space, not a full-width gap."""
    after_number = []
    for lang in LANGUAGES:
        root = ElementTree.fromstring(pdf_text(pdf_dir / pdf_name(lang), "-bbox").replace("&nbsp;", " "))
        words = [w for w in root.iter() if w.tag.endswith("word")]
        gaps = [(a.text or "", b.text or "", float(b.get("xMin", 0)) - float(a.get("xMax", 0)))
                for a, b in zip(words, words[1:])
                if abs(float(a.get("yMax", 0)) - float(b.get("yMax", 0))) < 2]
        usual = statistics.median(g for _, _, g in gaps if g > 0)
        after_number += [(lang, b, round(g / usual, 1)) for a, b, g in gaps
                         if g > 0 and re.fullmatch("[\u2460-\u2473]", a)]
    assert after_number, "no step number followed by a word: nothing was checked"
    assert [n for n in after_number if n[2] >= 2] == []


def test_signatures_read_as_code(pdf_file: Path, lang: str) -> None:
    """The reference's signatures keep a bare ``*``, without Sphinx's tooltip spelled
    out on paper ("* (Keyword-only parameters separator (PEP 3102))")."""
    body = collapse(pdf_text(pdf_file))
    assert "common_id: str, *, lang: str" in body and "PEP 3102" not in body
