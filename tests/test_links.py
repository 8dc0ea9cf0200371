"""Every link of the built site goes somewhere: local pages, files and fragments resolve
in every language, and external links use https.

External links themselves are checked by ``make linkcheck`` (Sphinx's linkcheck
builder), which needs the network and so is not part of the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import SITE_PATH
from zoomguide.project import LANGUAGES

#: External http:// links allowed although https is the rule, each with the reason
#: (the site offers no https). Empty: every site the guide links to offers https.
HTTP_ALLOWED: dict[str, str] = {}

#: Attributes that point at another resource, per element.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "object": "data", "source": "src", "embed": "src", "use": "href"}


@dataclass(frozen=True)
class Problem:
    page: str
    url: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.why}"


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found = {str(tag["id"]) for tag in soup.find_all(id=True)}
        found |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
        cache[path] = found
    return cache[path]


def links(page: Path) -> list[str]:
    """Every URL that ``page`` points at (links, scripts, images, stylesheets)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = []
    for tag, attr in LINK_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for name in (attr, "xlink:href") if tag == "use" else (attr,):
                value = element.get(name)
                if value:
                    urls.append(str(value).strip())
    # The meta refresh of a redirect page is a link too.
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        if str(meta["http-equiv"]).lower() == "refresh" and "url=" in str(meta.get("content", "")).lower():
            urls.append(str(meta["content"]).split("=", 1)[1].strip())
    return urls


def check_site(root: Path, base: str = "/", mounts: dict[str, Path] | None = None) -> list[Problem]:
    """Problems of every HTML page under ``root``: unresolved local targets and fragments,
    insecure or protocol-relative external links. ``root`` is served at the path
    ``base``, against which absolute paths (those of the 404 page) resolve;
    ``mounts`` are folders that the published site adds to ``root`` (name -> folder)."""
    mounts = {name: folder.resolve() for name, folder in (mounts or {}).items()}
    problems: list[Problem] = []
    id_cache: dict[Path, set[str]] = {}
    pages = sorted(root.rglob("*.html"))
    for page in pages:
        name = str(page.relative_to(root))
        for url in links(page):
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if url.startswith("//"):
                problems.append(Problem(name, url, "protocol-relative link: write https://"))
                continue
            if parts.scheme == "http":
                if url not in HTTP_ALLOWED:
                    problems.append(Problem(name, url, "http link: use https (or allow it in HTTP_ALLOWED with a reason)"))
                continue
            if parts.scheme == "https":
                continue
            if parts.scheme:
                problems.append(Problem(name, url, f"unexpected scheme {parts.scheme!r}"))
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(base):
                    problems.append(Problem(name, url, f"absolute path outside the site's path {base}"))
                    continue
                target = (root / unquote(parts.path[len(base):])).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root.resolve()):
                problems.append(Problem(name, url, "points outside the site"))
                continue
            inside = target.relative_to(root.resolve()).parts
            if inside and inside[0] in mounts:
                target = mounts[inside[0]].joinpath(*inside[1:])
            if not target.exists():
                problems.append(Problem(name, url, "no such file"))
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _ids(target, id_cache):
                    problems.append(Problem(name, url, f"no id {parts.fragment!r} in {target.relative_to(root.resolve())}"))
    return problems


#: Where `make site` puts the PDFs in the site: ``pdf/``, next to the language folders.
PDF_FOLDER = "pdf"


def test_every_local_link_and_fragment_resolves(html_dir: Path, pdf_dir: Path) -> None:
    # The published site is `make html` plus the PDFs of `make latexpdf` (`make site`).
    problems = check_site(html_dir, SITE_PATH, {PDF_FOLDER: pdf_dir})
    assert not problems, "\n".join(map(str, problems))


def test_the_check_covers_every_language_and_the_root_index(html_dir: Path) -> None:
    checked = {page.relative_to(html_dir).parts[0] for page in html_dir.rglob("*.html")}
    assert set(LANGUAGES) | {"index.html"} <= checked


def test_external_links_exist_and_use_https(html_dir: Path) -> None:
    external = {
        url for page in html_dir.rglob("*.html") for url in links(page)
        if urlsplit(url).scheme in ("http", "https")
    }
    # The guide links to the university's pages and to Zoom: the scan sees them.
    assert any(urlsplit(url).hostname == "zoom.us" for url in external), sorted(external)
    insecure = sorted(url for url in external if url.startswith("http:") and url not in HTTP_ALLOWED)
    assert not insecure


def test_allowed_http_links_have_reasons() -> None:
    for url, reason in HTTP_ALLOWED.items():
        assert url.startswith("http://") and reason.strip(), url


# -- the checker itself finds what it must ------------------------------------------


def test_checker_reports_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(
        '<p id="here"><a href="page.html#here">ok</a> <a href="#here">ok</a>'
        ' <a href="other.html">ok</a> <a href="../a/">ok</a>'
        ' <a href="missing.html">1</a> <a href="other.html#nowhere">2</a>'
        ' <a href="http://example.org/">3</a> <a href="//example.org/">4</a>'
        ' <img src="img/none.png"> <a href="/abs.html">6</a> <a href="../../up.html">7</a>'
        ' <a href="/site/a/other.html#top">ok</a> <a href="/site/a/gone.html">8</a>'
        ' <a href="../pdf/guide.pdf">ok</a> <a href="../pdf/none.pdf">9</a>'
        ' <a href="https://example.org/">ok</a> <a href="mailto:someone@example.org">ok</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "other.html").write_text('<h1 id="top">x</h1><a name="old"></a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=other.html#old">'
        '<meta http-equiv="refresh" content="0; url=other.html#gone">', encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "guide.pdf").write_bytes(b"%PDF-1.5")
    found = {(p.page, p.url) for p in check_site(tmp_path, "/site/", {"pdf": tmp_path / "elsewhere"})}
    assert found == {
        ("a/page.html", "missing.html"),
        ("a/page.html", "other.html#nowhere"),
        ("a/page.html", "http://example.org/"),
        ("a/page.html", "//example.org/"),
        ("a/page.html", "img/none.png"),
        ("a/page.html", "/abs.html"),
        ("a/page.html", "/site/a/gone.html"),
        ("a/page.html", "../pdf/none.pdf"),
        ("a/page.html", "../../up.html"),
        ("a/index.html", "other.html#gone"),
    }
