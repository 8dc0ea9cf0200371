"""Every link of the built site goes somewhere: local pages, files and fragments
resolve as the site is served (``conftest.resolve``), in every language, and
external links use https. The external sites themselves are checked by
``make linkcheck``, which needs the network."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit


from conftest import LANGUAGES, SITE_PATH, pdf_name, resolve, soup, urls

#: External http:// links allowed although https is the rule, each with the reason
#: (the site offers no https). Empty: every site the guide links to offers https.
HTTP_ALLOWED: dict[str, str] = {}
#: Where ``make site`` copies the PDFs: ``make html`` alone has no such folder.
PDF_FOLDER = "pdf"


@cache
def ids(page: Path) -> set[str]:
    return {str(tag["id"]) for tag in soup(page).find_all(id=True)}


def test_every_local_link_and_fragment_resolves(html_dir: Path) -> None:
    """A reader who follows any link of any page (the site's root and the old
    addresses included) finds the file, and the place in the page it names."""
    pages = sorted(html_dir.rglob("*.html"))
    assert {p.relative_to(html_dir).parts[0] for p in pages} >= {*LANGUAGES, "index.html", "404.html"}
    published = {html_dir / PDF_FOLDER / pdf_name(lang) for lang in LANGUAGES}
    problems = []
    for page in pages:
        for url in urls(page):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            where = f"{page.relative_to(html_dir)}: {url}"
            target = resolve(html_dir, page, url)
            if target is None:
                problems.append(f"{where}: outside the site's path {SITE_PATH}")
                continue
            file, fragment = target
            if file in published:
                continue
            if not file.is_relative_to(html_dir) or not file.is_file():
                problems.append(f"{where}: no such file in the site")
            elif fragment and file.suffix == ".html" and fragment not in ids(file):
                problems.append(f"{where}: no id {fragment!r} in {file.relative_to(html_dir)}")
    assert not problems, "\n".join(problems)


def test_external_links_use_https(html_dir: Path) -> None:
    """No external link is followed in clear (nor protocol-relative)."""
    external = {url for page in html_dir.rglob("*.html") for url in urls(page)
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//")}
    assert external
    insecure = sorted(url for url in external if not url.startswith("https://") and url not in HTTP_ALLOWED)
    assert not insecure, "use https, or allow the link in HTTP_ALLOWED with a reason"
