"""utaccount in the guide: its examples run, its mail and addresses are the guide's.

Also the strict type check of the whole code base (mypy, configured in pyproject.toml).
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from conftest import make

import utaccount
from zoomguide.mailtemplate import gloss_language
from zoomguide.project import DOCS, LANGUAGES, LOCALE, ROOT

# --- doctests ----------------------------------------------------------------------------


def _docstring_examples() -> dict[str, int]:
    """Number of examples in the docstring of utaccount and of each public member."""
    finder = doctest.DocTestFinder(recurse=False)
    counts = {"utaccount": sum(len(t.examples) for t in finder.find(utaccount))}
    for name in utaccount.__all__:
        member = getattr(utaccount, name)
        if callable(member):
            counts[name] = sum(len(t.examples) for t in finder.find(member, name))
    return counts


def test_every_public_function_has_docstring_examples() -> None:
    counts = _docstring_examples()
    missing = [name for name, count in counts.items() if count == 0]
    assert not missing, f"no docstring example: {missing}"
    assert set(counts) >= {"normalize_common_id", "resend_request", "resend_request_mailto"}


def _doctest_blocks(page: str) -> int:
    """Number of ``>>>`` examples in the MyST ``{doctest}`` blocks of a page."""
    text = (DOCS / f"{page}.md").read_text("utf-8")
    blocks = re.findall(r"^```\{doctest\}\n(.*?)^```$", text, re.DOTALL | re.MULTILINE)
    return sum(len(re.findall(r"^>>> ", block, re.MULTILINE)) for block in blocks)


def test_sphinx_doctest_runs_every_example_of_the_pages(builddir: Path) -> None:
    """`make doctest`: the help desk page and the reference, every example passing."""
    make("doctest", builddir)
    report = (builddir / "doctest" / "output.txt").read_text("utf-8")
    results = {
        doc: (int(passed), int(failed))
        for doc, passed, failed in re.findall(
            r"^Document: (\S+)\n.*?^(\d+) passed and (\d+) failed\.$",
            report, re.DOTALL | re.MULTILINE,
        )
    }
    assert results["helpdesk"] == (_doctest_blocks("helpdesk"), 0)
    assert _doctest_blocks("helpdesk") >= 15
    assert results["reference"] == (sum(_docstring_examples().values()), 0)


# --- the mail of recovery method 1 -------------------------------------------------------

DIRECTIVE = re.compile(r"^```\{resend-request\}\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _directives() -> list[dict[str, str]]:
    """The options of each resend-request directive in docs/wrong-account.md."""
    text = (DOCS / "wrong-account.md").read_text("utf-8")
    return [dict(re.findall(r"^:([\w-]+):[ \t]*(.*)$", body, re.MULTILINE)) for body in DIRECTIVE.findall(text)]


def _mail(options: dict[str, str], lang: str) -> str:
    if not options:
        return utaccount.resend_template(lang=lang)
    return utaccount.resend_request(
        options["affiliation"], options["name"], options["common-id"],
        lang=lang, mask="mask" in options,
    )


def _lines(tag: Tag) -> list[str]:
    return [line.rstrip() for line in tag.get_text().strip("\n").split("\n")]


def test_the_guide_shows_a_template_and_a_masked_example() -> None:
    template, example = _directives()
    assert template == {}
    assert set(example) == {"affiliation", "name", "common-id", "mask"}
    assert example["mask"] == ""


def test_recovery_method_1_shows_the_mail_of_utaccount(html_dir: Path, lang: str) -> None:
    page = BeautifulSoup((html_dir / lang / "wrong-account.html").read_text("utf-8"), "html.parser")
    section = page.find("section", id="recovery-method-1")
    assert isinstance(section, Tag)
    blocks = section.select(".resend-request")
    directives = _directives()
    assert len(blocks) == len(directives) == 2
    for block, options in zip(blocks, directives, strict=True):
        pre = block.find("pre")
        assert isinstance(pre, Tag)
        assert _lines(pre) == _mail(options, utaccount.MAIL_LANGUAGE).rstrip("\n").split("\n")
        gloss = block.select_one(".resend-request-gloss")
        if lang == utaccount.MAIL_LANGUAGE or options:
            # No gloss in the mail's own language, nor for the filled-in example.
            assert gloss is None
        if lang == utaccount.MAIL_LANGUAGE:
            continue
        marked = pre.find_parent(attrs={"lang": True})
        assert marked is not None and marked["lang"] == utaccount.MAIL_LANGUAGE
        assert block in marked.parents, "the lang mark is on the mail, not around the page"
        if options:
            continue
        assert isinstance(gloss, Tag)
        assert _lines(gloss) == _mail(options, gloss_language(lang)).rstrip("\n").split("\n")
        assert gloss_language(lang) in utaccount.LANGUAGES
    example = directives[1]
    text = page.get_text()
    assert utaccount.mask_common_id(example["common-id"]) in text
    assert utaccount.normalize_common_id(example["common-id"]) not in text, "the example ID is masked"


def _sources() -> dict[str, str]:
    """Every page and every catalog, by path."""
    paths = [*DOCS.glob("*.md"), *LOCALE.glob("*/LC_MESSAGES/*.po")]
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in paths}


# Examples that the tests run against utaccount (test_sphinx_doctest_…, test_cli.py).
CHECKED_EXAMPLES = re.compile(r"^```(\{doctest\}|console)\n.*?^```$", re.DOTALL | re.MULTILINE)


def test_the_mail_text_is_written_in_utaccount_only() -> None:
    """No page or catalog has a copy of the mail that could drift from utaccount."""
    for lang in utaccount.LANGUAGES:
        lines = [line for line in utaccount.resend_template(lang=lang).splitlines() if len(line) > 12]
        assert lines
        for path, source in _sources().items():
            text = CHECKED_EXAMPLES.sub("", source)
            copied = [line for line in lines if line in text]
            assert not copied, f"{path} copies the mail text: {copied}"


# --- addresses -----------------------------------------------------------------------------

# A local part and a domain of ECCS (or a near miss of it: any domain naming "ecc").
ADDRESS = re.compile(r"([^\s@`<>(（「\"']*)@([A-Za-z0-9.-]*ecc\.[A-Za-z0-9.-]*[A-Za-z])")


def _check_addresses(where: str, text: str) -> int:
    found = 0
    for local, domain in ADDRESS.findall(text):
        found += 1
        assert domain == utaccount.ECCS_DOMAIN, f"{where}: {local}@{domain}"
        if local.translate(str.maketrans("０１２３４５６７８９", "0123456789")).isdigit():
            address = f"{local}@{domain}"
            assert address == utaccount.eccs_address(local), f"{where}: {address}"
    return found


def test_example_addresses_of_the_sources_agree_with_utaccount() -> None:
    found = sum(_check_addresses(path, text) for path, text in _sources().items())
    assert found >= 5


def test_example_addresses_of_the_site_agree_with_utaccount(html_dir: Path) -> None:
    found = 0
    for page in sorted(html_dir.glob("*/*.html")):
        body = BeautifulSoup(page.read_text("utf-8"), "html.parser").find("article")
        if isinstance(body, Tag):
            found += _check_addresses(str(page.relative_to(html_dir)), body.get_text())
    assert found >= 5 * len(LANGUAGES)


def test_the_address_role_gives_the_address_of_the_id(html_dir: Path, lang: str) -> None:
    page = BeautifulSoup((html_dir / lang / "helpdesk.html").read_text("utf-8"), "html.parser")
    shown = [code.get_text() for code in page.select("code.eccs-address")]
    assert shown == [utaccount.eccs_address("0123456789")]


def test_the_address_role_refuses_a_wrong_id(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# T\n\n{eccs-address}`01234`\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "-E", "-C",
         "-D", "extensions=myst_parser,zoomguide.mailtemplate",
         str(tmp_path), str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert done.returncode != 0
    assert "a common ID is 10 digits; this one has 5" in done.stderr


# --- the reference page ------------------------------------------------------------------------


def test_the_reference_documents_every_public_name_in_english(html_dir: Path, lang: str) -> None:
    page = BeautifulSoup((html_dir / lang / "reference.html").read_text("utf-8"), "html.parser")
    ids = {str(dt["id"]) for dt in page.find_all("dt", id=True)}
    assert ids >= {f"utaccount.{name}" for name in utaccount.__all__}
    text = re.sub(r"\s+", " ", page.get_text())
    for name in utaccount.__all__:
        doc = getattr(utaccount, name).__doc__
        if callable(getattr(utaccount, name)) and doc:
            assert doc.strip().splitlines()[0].replace("``", "") in text, name


def test_docstrings_stay_out_of_the_catalogs() -> None:
    catalogs = "".join(p.read_text("utf-8") for p in LOCALE.glob("*/LC_MESSAGES/reference.po"))
    assert catalogs, "no catalog of the reference page"
    for name in utaccount.__all__:
        doc = getattr(utaccount, name).__doc__
        if callable(getattr(utaccount, name)) and doc:
            assert doc.strip().splitlines()[0] not in catalogs, name


# --- types ----------------------------------------------------------------------------------


def test_mypy_strict() -> None:
    with open(ROOT / "pyproject.toml", "rb") as f:
        config = tomllib.load(f)["tool"]["mypy"]
    assert config["strict"] is True
    assert {"src", "tests"} <= set(config["files"])
    done = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_utaccount_says_it_is_typed() -> None:
    """py.typed (PEP 561), so that mypy checks the code of those who import it."""
    assert (ROOT / "src" / "utaccount" / "py.typed").is_file()
