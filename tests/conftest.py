"""Shared fixtures: each output is built once per test session and shared."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from zoomguide.localhost import launch_chromium, serve
from zoomguide.project import DOCS, LANGUAGES, ROOT
from zoomguide.site import site_url

#: The site's address (SITE_URL, as conf.py and zoomguide.site make it), and its
#: path on the host: absolute links start with it, and the tests serve it there.
SITE = site_url(str(runpy.run_path(str(ROOT / "conf.py"))["html_baseurl"]))
SITE_PATH = urlsplit(SITE).path or "/"
#: The width of a phone (an iPhone SE/mini-class screen) for the browser tests.
PHONE = 375
#: The source pages (docs/*.md, the 404 page included), as docnames.
SOURCE_PAGES = sorted(p.stem for p in DOCS.glob("*.md"))


def root_toctrees() -> list[list[str]]:
    """The pages of each toctree of the root page (docs/index.md), read from its
    source: the readers' pages, then the help desk's."""
    blocks = re.findall(r"```\{toctree\}\n(.*?)```", (DOCS / "index.md").read_text("utf-8"), re.DOTALL)
    return [[line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
            for block in blocks]


def make(target: str, builddir: Path, *extra: str) -> None:
    """Run ``make TARGET BUILDDIR=builddir`` in the repository; fail with its output."""
    env = dict(os.environ, SPHINXOPTS="")
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"BUILDDIR={builddir}", *extra],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        pytest.fail(f"make {target} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def builddir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def html_dir(builddir: Path) -> Path:
    """The HTML site of every language, built once: ``<dir>/<lang>/…``."""
    make("html", builddir)
    return builddir / "html"


#: The PDF build's SOURCE_DATE_EPOCH (2020-03-16 UTC): a day that is never the
#: day a test runs, so that a title page showing the build day is caught.
PDF_SOURCE_DATE_EPOCH = 1584316800


@pytest.fixture(scope="session")
def pdf_source_date_epoch() -> int:
    return PDF_SOURCE_DATE_EPOCH


@pytest.fixture(scope="session")
def pdf_dir(builddir: Path, pdf_source_date_epoch: int) -> Path:
    """The PDF of every language, built once: ``<dir>/<zoomguide.latex.pdf_name(lang)>``.

    The LaTeX sources and logs are in ``<dir>/../latex/<lang>/``.
    """
    make("latexpdf", builddir, f"SOURCE_DATE_EPOCH={pdf_source_date_epoch}")
    return builddir / "pdf"


@pytest.fixture(scope="session", params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable


# -- The built site over HTTP, and a browser (shared by the browser tests) ---------


@pytest.fixture(scope="session")
def served_site(html_dir: Path) -> Iterator[str]:
    """``html_dir`` on a small threaded HTTP server on 127.0.0.1, mounted at the
    path of the site's configured address (SITE_URL): yields the site's URL."""
    with serve(html_dir, SITE_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


#: axe-core (package-lock.json, installed by `make check-tools`) and the WCAG
#: levels the pages must meet.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any, scope: str | None = None) -> list[str]:
    """What axe-core finds on the open page (or in the elements ``scope``
    selects): one line per violation, with up to five of its elements."""
    assert AXE.exists(), "axe-core is missing: run `make check-tools` (npm ci)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "([scope, tags]) => axe.run(scope || document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [scope, AXE_TAGS],
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                    for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def line_breaks(page: Any, selector: str) -> list[list[str]]:
    """The elements ``selector`` selects on the open page that the browser set on
    more than one line: each as the text of its lines."""
    return list(page.evaluate("""(selector) => {
      const found = [];
      const range = document.createRange();
      for (const el of document.querySelectorAll(selector)) {
        const lines = [];
        let top = null;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (top === null || Math.abs(rect.top - top) > rect.height / 2) lines.push('');
            top = rect.top;
            lines[lines.length - 1] += node.data[i];
          }
        }
        if (lines.length > 1) found.push(lines);
      }
      return found;
    }""", selector))


def hyphen_breaks(page: Any, selector: str) -> list[list[str]]:
    """Those of ``line_breaks`` broken at a hyphen ("u-" / "tokyo", "--" / "help")."""
    return [lines for lines in line_breaks(page, selector)
            if any(line.strip().endswith("-") for line in lines[:-1])]


def address_breaks(page: Any, selector: str) -> list[list[str]]:
    """E-mail addresses among ``line_breaks`` broken anywhere but before their "@"."""
    return [lines for lines in line_breaks(page, selector)
            if any(not line.startswith("@") for line in lines[1:])]


@contextmanager
def page_with(browser: Any, html: str) -> Iterator[Any]:
    """A new browser tab showing ``html``, closed afterwards (for testing that a
    check run in the browser finds what it must)."""
    page = browser.new_page()
    try:
        page.set_content(html)
        yield page
    finally:
        page.close()
