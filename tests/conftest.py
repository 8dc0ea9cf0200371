"""Shared fixtures: each output is built once per test session and shared."""

from __future__ import annotations

import io
import os
import runpy
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

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


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves a built site the way a static host (GitHub Pages) does: below the
    path of the site's address, ``/dir/`` gives ``dir/index.html``, ``/page``
    gives ``page.html``, and a missing file the site's ``404.html`` with status 404."""

    base = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        rel = path[len(self.base):] if path.startswith(self.base) else None
        candidates = [] if rel is None or ".." in rel.split("/") else [root / rel]
        if candidates and (candidates[0].is_dir() or rel == ""):
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            candidates = [candidates[0] / "index.html"]
        elif candidates:
            candidates.append(candidates[0].with_name(candidates[0].name + ".html"))
        found = next((c for c in candidates if c.is_file()), None)
        status = 200
        if found is None:
            found, status = root / "404.html", 404
        data = found.read_bytes() if found.is_file() else b"Not found"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(found)))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@pytest.fixture(scope="session")
def served_site(html_dir: Path) -> Iterator[str]:
    """``html_dir`` on a small threaded HTTP server on 127.0.0.1, mounted at the
    path of the site's configured address (SITE_URL): yields the site's URL."""
    from zoomguide.site import site_url

    base = urlsplit(site_url(str(runpy.run_path(str(ROOT / "conf.py"))["html_baseurl"]))).path
    handler = type("Host", (_StaticHost,), {"base": base})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(html_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{base}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--headless", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()
