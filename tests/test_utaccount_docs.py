"""utaccount in the guide: the pages' examples run, their mail and addresses are utaccount's,
the reference documents it; and the strict type check of the code base (mypy, pyproject.toml)."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from conftest import DOCS, PAGES, ROOT, TRANSLATIONS, make

import utaccount
from zoomguide.mailtemplate import gloss_language
from zoomguide.project import LOCALE

#: What the reference shows of utaccount: its docstring, and those of its public names.
DOCUMENTED = {"utaccount": utaccount,
              **{name: obj for name in utaccount.__all__ if callable(obj := getattr(utaccount, name))}}


def source(page: str) -> str:
    return (DOCS / f"{page}.md").read_text("utf-8")


def html(html_dir: Path, lang: str, page: str) -> BeautifulSoup:
    return BeautifulSoup((html_dir / lang / f"{page}.html").read_text("utf-8"), "html.parser")


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").split("\n")]


def mail(options: dict[str, str], lang: str) -> list[str]:
    """What a resend-request directive with ``options`` shows in ``lang``: the template, or the example."""
    if not options:
        return lines(utaccount.resend_template(lang=lang))
    return lines(utaccount.resend_request(options["affiliation"], options["name"], options["common-id"],
                                          lang=lang, mask="mask" in options))


def test_sphinx_doctest_runs_every_example_of_the_pages(tmp_path: Path) -> None:
    """`make doctest` passes, and ran each ``>>>`` of the pages' doctest blocks and docstrings."""
    make("doctest", tmp_path)
    report = (tmp_path / "doctest" / "output.txt").read_text("utf-8")
    ran = {doc: (int(passed), int(failed)) for doc, passed, failed in re.findall(
        r"^Document: (\S+)\n.*?^(\d+) passed and (\d+) failed\.$", report, re.DOTALL | re.MULTILINE)}
    finder = doctest.DocTestFinder(recurse=False)
    docstrings = sum(len(test.examples) for name, obj in DOCUMENTED.items() for test in finder.find(obj, name))
    expected = {}
    for page in PAGES:
        blocks = re.findall(r"^```\{doctest\}\n(.*?)^```$", source(page), re.DOTALL | re.MULTILINE)
        count = sum(len(re.findall(r"^>>> ", block, re.MULTILINE)) for block in blocks)
        count += docstrings if re.search(r"automodule:: utaccount$", source(page), re.MULTILINE) else 0
        if count:
            expected[page] = (count, 0)
    assert ran == expected and docstrings > 0 and len(expected) >= 2


def test_recovery_method_1_shows_the_mail_of_utaccount(html_dir: Path, lang: str) -> None:
    """The template (glossed in a translation) and an example whose ID is masked."""
    directives = [dict(re.findall(r"^:([\w-]+):[ \t]*(.*)$", body, re.MULTILINE)) for body in re.findall(
        r"^```\{resend-request\}\n(.*?)^```$", source("wrong-account"), re.DOTALL | re.MULTILINE)]
    assert [set(options) for options in directives] == [set(), {"affiliation", "name", "common-id", "mask"}]
    blocks = html(html_dir, lang, "wrong-account").select("#recovery-method-1 .resend-request")
    assert len(blocks) == len(directives)
    for block, options in zip(blocks, directives, strict=True):
        pre, gloss = block.find("pre"), block.select_one(".resend-request-gloss")
        assert isinstance(pre, Tag) and lines(pre.get_text()) == mail(options, utaccount.MAIL_LANGUAGE)
        assert lang == utaccount.MAIL_LANGUAGE or pre.find_parent(attrs={"lang": utaccount.MAIL_LANGUAGE})
        if lang == utaccount.MAIL_LANGUAGE or options:
            assert gloss is None  # no gloss in the mail's own language, nor of the filled-in example
        else:
            assert isinstance(gloss, Tag) and lines(gloss.get_text()) == mail(options, gloss_language(lang))


# An address of ECCS, or a near miss of one: any domain naming "ecc".
ADDRESS = re.compile(r"([^\s@`<>(（「\"']*)@([A-Za-z0-9.-]*ecc\.[A-Za-z0-9.-]*[A-Za-z])")


def test_example_addresses_on_the_pages_agree_with_utaccount(html_dir: Path, lang: str) -> None:
    found = []
    for page in PAGES:
        article = html(html_dir, lang, page).find("article")
        assert isinstance(article, Tag), page
        for local, domain in ADDRESS.findall(article.get_text()):
            assert domain == utaccount.ECCS_DOMAIN, f"{lang}/{page}: {local}@{domain}"
            if local.translate(str.maketrans("０１２３４５６７８９", "0123456789")).isdigit():
                assert f"{local}@{domain}" == utaccount.eccs_address(local), f"{lang}/{page}: {local}@{domain}"
            found.append(local)
    assert len(found) >= 5


def test_the_reference_documents_every_public_name(html_dir: Path, lang: str) -> None:
    """In English in every language: from the docstrings, which stay out of the catalogs."""
    page = html(html_dir, lang, "reference")
    assert {str(dt["id"]) for dt in page.find_all("dt", id=True)} >= {f"utaccount.{n}" for n in utaccount.__all__}
    text = re.sub(r"\s+", " ", page.get_text())
    for name, obj in DOCUMENTED.items():
        assert obj.__doc__ and obj.__doc__.strip().splitlines()[0].replace("``", "") in text, name


def test_docstrings_stay_out_of_the_catalogs() -> None:
    catalogs = "".join(p.read_text("utf-8") for lang in TRANSLATIONS for p in (LOCALE / lang).glob("*/*.po"))
    assert catalogs or not TRANSLATIONS
    for name, obj in DOCUMENTED.items():
        assert not obj.__doc__ or obj.__doc__.strip().splitlines()[0] not in catalogs, name


def test_mypy_strict() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "src", "tests"], cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
