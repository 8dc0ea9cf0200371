"""utaccount in the guide: the pages' examples run, their addresses are utaccount's, the
reference documents it; and the strict type check of the whole code base (mypy)."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

from conftest import COMMAND_TIMEOUT, DOCS, LOCALE, PAGES, ROOT, TRANSLATIONS, article, make, page_soup

import utaccount

#: What the reference shows of utaccount: its docstring, and those of its public names.
DOCUMENTED = {"utaccount": utaccount,
              **{name: obj for name in utaccount.__all__ if callable(obj := getattr(utaccount, name))}}


def test_sphinx_doctest_runs_every_example_of_the_pages(tmp_path: Path) -> None:
    """`make doctest` passes, and ran each ``>>>`` of the pages and of the docstrings they show."""
    make("doctest", tmp_path)
    report = (tmp_path / "doctest" / "output.txt").read_text("utf-8")
    ran = dict(re.findall(r"^Document: (\S+)\n.*?^(\d+) passed and 0 failed\.$", report, re.DOTALL | re.MULTILINE))
    docstrings = sum(len(test.examples) for name, obj in DOCUMENTED.items()
                     for test in doctest.DocTestFinder(recurse=False).find(obj, name))
    texts = {page: (DOCS / f"{page}.md").read_text("utf-8") for page in PAGES}
    shown = {page: len(re.findall(r"^>>> ", text, re.MULTILINE))
             + docstrings * len(re.findall(r"^\.\. automodule:: utaccount$", text, re.MULTILINE))
             for page, text in texts.items()}
    assert docstrings and ran == {page: str(count) for page, count in shown.items() if count}


# An address of ECCS or a sign-in name, or a near miss of one: any domain naming "ecc" or
# "utac" (but for one that an escape such as \u212a cuts short: a look-alike that a
# docstring shows on purpose).
ADDRESS = re.compile(r"([^\s@`<>(（「\"']*)@([A-Za-z0-9.-]*(?:ecc|utac)\.[A-Za-z0-9.-]*[A-Za-z])(?![\\A-Za-z0-9.-])")
#: What makes the address of an ID, by domain.
MAKERS = {utaccount.ECCS_DOMAIN: utaccount.eccs_address, utaccount.SIGN_IN_DOMAIN: utaccount.sign_in_name}


def test_example_addresses_on_the_pages_agree_with_utaccount(html_dir: Path, lang: str) -> None:
    found = []
    for page in PAGES:
        for local, domain in ADDRESS.findall(article(page_soup(html_dir, lang, page)).get_text()):
            assert domain in MAKERS, f"{lang}/{page}: {local}@{domain}"
            if local.isascii() and local.isdigit():  # (a full-width one is an input, in a docstring)
                assert f"{local}@{domain}" == MAKERS[domain](local), f"{lang}/{page}: {local}@{domain}"
            found.append(local)
    assert len(found) >= 5


def test_the_reference_documents_every_public_name_in_english(html_dir: Path, lang: str) -> None:
    """In every language from the docstrings, which stay out of the catalogs."""
    page = page_soup(html_dir, lang, "reference")
    assert {str(dt["id"]) for dt in page.find_all("dt", id=True)} >= {f"utaccount.{n}" for n in utaccount.__all__}
    text = re.sub(r"\s+", " ", page.get_text())
    catalogs = "".join(path.read_text("utf-8") for path in (LOCALE / lang).glob("*/*.po"))
    assert catalogs or lang not in TRANSLATIONS
    for name, obj in DOCUMENTED.items():
        first = (obj.__doc__ or "").strip().split("\n")[0]
        assert first and first.replace("``", "") in text and first not in catalogs, name


def test_mypy_strict() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "src", "tests"], cwd=ROOT, capture_output=True,
                          text=True, timeout=COMMAND_TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
