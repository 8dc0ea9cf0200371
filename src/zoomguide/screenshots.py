"""Take screenshots of the built site, to look at before calling a change done.

Every page of every language, at phone width (375 px) and desktop width
(1280 px), in furo's light and dark mode, as full-page PNGs::

    python -m zoomguide.screenshots BUILDDIR [--lang xx] [--page NAME] [--width N] [--theme T]

BUILDDIR is the Makefile's build directory: the pages are read from
``BUILDDIR/html/<lang>/`` and the images written to ``BUILDDIR/screenshots/`` as
``<lang>-<page>-<width>-<theme>.png``. The options narrow the set (each may be
repeated). ``make screenshots`` builds the site and runs this.

The browser is the system's Chromium (Debian: ``/usr/bin/chromium``, or
``$CHROMIUM``), driven by Playwright for Python; no browser is downloaded. The
site is served over HTTP on a local port, as a web server would serve it, so
that furo's theme switch (localStorage) works.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zoomguide.localhost import launch_chromium, serve
from zoomguide.project import DOCS, LANGUAGES

#: Viewport sizes: an iPhone SE/mini-class phone and a laptop.
WIDTHS = {375: 812, 1280: 800}
#: furo's colour modes; "auto" follows the browser, so both are set explicitly.
THEMES = ("light", "dark")


def pages() -> list[str]:
    """The guide's pages (one per Markdown file in docs/), as page names."""
    return sorted(p.stem for p in DOCS.glob("*.md"))


def shoot(
    builddir: Path,
    langs: list[str],
    names: list[str],
    widths: list[int],
    themes: list[str],
) -> list[Path]:
    """Write the screenshots; return their paths."""
    from playwright.sync_api import sync_playwright

    html = builddir / "html"
    out = builddir / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    missing = [f"{lang}/{name}.html" for lang in langs for name in names
               if not (html / lang / f"{name}.html").is_file()]
    if missing:
        raise FileNotFoundError(f"not built in {html}: {', '.join(missing)} (run make html)")
    written = []
    with serve(html) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for width in widths:
                for theme in themes:
                    context = browser.new_context(
                        viewport={"width": width, "height": WIDTHS.get(width, 800)},
                        color_scheme="dark" if theme == "dark" else "light",
                    )
                    # furo keeps the reader's choice in localStorage["theme"].
                    context.add_init_script(f"localStorage.setItem('theme', '{theme}');")
                    page = context.new_page()
                    for lang in langs:
                        for name in names:
                            page.goto(f"{base}{lang}/{name}.html", wait_until="networkidle")
                            page.evaluate("document.fonts.ready")
                            path = out / f"{lang}-{name}-{width}-{theme}.png"
                            page.screenshot(path=str(path), full_page=True)
                            written.append(path)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m zoomguide.screenshots", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("builddir", type=Path, help="the build directory (holds html/<lang>/)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language")
    parser.add_argument("--page", action="append", choices=pages(), help="only this page")
    parser.add_argument("--width", action="append", type=int, help=f"only this width (default {list(WIDTHS)})")
    parser.add_argument("--theme", action="append", choices=THEMES, help="only this colour mode")
    args = parser.parse_args(argv)
    try:
        written = shoot(
            args.builddir,
            args.lang or list(LANGUAGES),
            args.page or pages(),
            args.width or list(WIDTHS),
            args.theme or list(THEMES),
        )
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{len(written)} screenshots in {args.builddir / 'screenshots'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
