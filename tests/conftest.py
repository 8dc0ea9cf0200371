"""Shared fixtures: each output is built once per test session and shared."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from zoomguide.localhost import launch_chromium, serve
from zoomguide.project import LANGUAGES, ROOT


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
    from zoomguide.site import site_url

    base = urlsplit(site_url(str(runpy.run_path(str(ROOT / "conf.py"))["html_baseurl"]))).path
    with serve(html_dir, base) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
