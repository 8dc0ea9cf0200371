"""Publishing: the site as deployed (zoomguide.site, conf.py "Publishing", the
Makefile's site/live targets, .readthedocs.yaml and the GitHub Pages workflow)."""

from __future__ import annotations

import os
import re
import runpy
import signal
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from babel.dates import get_timezone

from conftest import SITE, make
from zoomguide.latex import pdf_name
from zoomguide.project import DOCS, LANGUAGES, LOCALE, ROOT, SOURCE_LANGUAGE, TRANSLATIONS
from zoomguide.site import changed_on

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OLD_PAGE = "zoom/create_account.html"
OLD_ANCHOR = "if_you_create_a_wrong_account"


def conf() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "conf.py"))


#: The pages of the guide (every source page but the 404 page), as docnames.
PAGES = sorted(
    p.relative_to(DOCS).with_suffix("").as_posix()
    for p in DOCS.rglob("*.md")
    if not p.relative_to(DOCS).parts[0].startswith("_") and p.stem != "404"
)


class Head(HTMLParser):
    """The parts of a page this file looks at."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.refs: list[str] = []
        self.h1 = ""
        self.text: list[str] = []
        self.last_updated = ""
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        for attr in ("href", "src"):
            if attr in a and tag in ("a", "link", "script", "img"):
                self.refs.append(a[attr])
        if tag == "h1" and not self.h1:
            self._in.append("h1")
        if tag == "div" and "last-updated" in a.get("class", "").split():
            self._in.append("updated")
        if tag == "article":
            self._in.append("article")

    def handle_endtag(self, tag: str) -> None:
        if self._in and {"h1": "h1", "div": "updated", "article": "article"}.get(tag) == self._in[-1]:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "h1" in self._in:
            self.h1 += data
        if "updated" in self._in:
            self.last_updated += data
        if "article" in self._in:
            self.text.append(data)

    def link(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if rel in link.get("rel", "").split()]


def head(path: Path) -> Head:
    return Head(path.read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(text.split())


def local_file(html_dir: Path, page: Path, ref: str) -> Path:
    """The file of the site that a link of ``page`` points at."""
    ref = ref.split("#")[0].split("?")[0]
    if ref.startswith("/"):
        base = urlsplit(SITE).path
        assert ref.startswith(base), f"{ref} is outside the site ({base})"
        return html_dir / ref[len(base):]
    return (page.parent / ref).resolve()


# -- Canonical URLs, Open Graph, meta description ---------------------------------


def test_every_page_has_canonical_url_and_open_graph(html_dir: Path, lang: str) -> None:
    for page in PAGES:
        h = head(html_dir / lang / f"{page}.html")
        url = f"{SITE}{lang}/{page}.html"
        assert [link["href"] for link in h.link("canonical")] == [url], page
        assert h.meta["og:url"] == url, page
        assert h.meta["og:title"] == words(h.h1.replace("¶", "")), page
        assert h.meta["og:site_name"] == conf_title(html_dir, lang)
        assert h.meta["og:description"] == h.meta["description"], page
        # hreflang alternates are absolute, for every language.
        alternates = {link["hreflang"]: link["href"] for link in h.link("alternate") if "hreflang" in link}
        assert alternates == {
            **{other: f"{SITE}{other}/{page}.html" for other in LANGUAGES},
            "x-default": f"{SITE}{SOURCE_LANGUAGE}/{page}.html",
        }, page


def conf_title(html_dir: Path, lang: str) -> str:
    """The guide's title as the language's root page shows it."""
    return words(head(html_dir / lang / "index.html").h1.replace("¶", ""))


def test_meta_description_comes_from_the_page_in_its_language(html_dir: Path, lang: str) -> None:
    for page in PAGES:
        h = head(html_dir / lang / f"{page}.html")
        description = h.meta.get("description", "")
        assert len(description) >= 20, f"{lang}/{page}: description {description!r}"
        assert len(description) <= 160
        # From the page's own text (in the page's language), not from elsewhere.
        start = "".join(description.rstrip("…").split())[:30]
        assert start in "".join("".join(h.text).split()), f"{lang}/{page}: {description!r}"
        if lang != SOURCE_LANGUAGE:
            source = head(html_dir / SOURCE_LANGUAGE / f"{page}.html")
            if words(source.h1) != words(h.h1):  # the page is translated
                assert description != source.meta["description"], f"{lang}/{page}"


# -- sitemap.xml and robots.txt --------------------------------------------------------


def test_sitemap_lists_every_page_of_every_language_with_alternates(html_dir: Path) -> None:
    root = ElementTree.parse(html_dir / "sitemap.xml").getroot()
    urls = {u.findtext(f"{SITEMAP}loc", ""): u for u in root.iter(f"{SITEMAP}url")}
    expected = {f"{SITE}{lang}/{page}.html" for lang in LANGUAGES for page in PAGES}
    assert set(urls) == expected
    for loc, url in urls.items():
        page = loc[len(SITE):].split("/", 1)[1]
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        assert alternates == {
            **{lang: f"{SITE}{lang}/{page}" for lang in LANGUAGES},
            "x-default": f"{SITE}{SOURCE_LANGUAGE}/{page}",
        }
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        assert lastmod and datetime.strptime(lastmod, "%Y-%m-%dT%H:%M:%SZ")
    for lang in LANGUAGES:
        assert (html_dir / lang / "sitemap.xml").exists()


def test_robots_txt_points_at_the_sitemap(html_dir: Path) -> None:
    lines = (html_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}sitemap.xml" in lines
    assert "Disallow: /" not in lines


# -- 404 -------------------------------------------------------------------------------


def test_404_pages_use_paths_from_the_root(html_dir: Path, lang: str) -> None:
    page = html_dir / lang / "404.html"
    h = head(page)
    assert h.lang == lang
    local = [r for r in h.refs if not re.match(r"^(https?:|mailto:|#|data:)", r)]
    assert local, "the 404 page links nothing of its own"
    for ref in local:
        assert ref.startswith("/"), f"{lang}/404.html: relative link {ref!r}"
        if not ref.endswith(".pdf"):  # the PDFs are in the site after `make site`
            assert local_file(html_dir, page, ref).is_file(), ref
    assert h.meta.get("robots") == "noindex"
    assert not h.link("canonical")
    if lang != SOURCE_LANGUAGE:
        assert words(h.h1) != words(head(html_dir / SOURCE_LANGUAGE / "404.html").h1)


def test_404_in_the_browser_at_any_depth(served_site: str, browser: Any, lang: str,
                                         html_dir: Path) -> None:
    page = browser.new_page()
    failed: list[str] = []
    # Requests aborted by design (the root 404 page replaces itself with this
    # language's) are not failures; a missing file still shows as a 4xx below.
    page.on("requestfailed", lambda r: failed.append(r.url) if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(f"{served_site}{lang}/no/such/deep/page.html")
    assert response is not None and response.status == 404
    page.wait_for_function(f"document.documentElement.lang === {lang!r}")
    page.wait_for_load_state("load")
    heading = words(head(html_dir / lang / "404.html").h1.replace("¶", ""))
    assert words(page.inner_text("h1").replace("¶", "")) == heading
    # furo's stylesheet is loaded from its absolute path and applies.
    assert page.evaluate(
        "[...document.styleSheets].some(s => (s.href || '').includes('/_static/styles/furo.css')"
        " && s.cssRules.length > 100)"
    )
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "block"
    assert page.evaluate("getComputedStyle(document.documentElement).visibility") == "visible"
    assert failed == []
    page.close()


@pytest.mark.parametrize("other", TRANSLATIONS)
def test_404_falls_back_to_the_source_language(served_site: str, browser: Any,
                                               html_dir: Path, other: str) -> None:
    """When another language's 404 page cannot be fetched, the root 404 page
    (the source language's) shows itself rather than staying hidden."""
    page = browser.new_page()
    page.route(f"{served_site}{other}/404.html", lambda route: route.abort())
    response = page.goto(f"{served_site}{other}/no/such/page.html")
    assert response is not None and response.status == 404
    page.wait_for_function("getComputedStyle(document.documentElement).visibility === 'visible'")
    assert page.evaluate("document.documentElement.lang") == SOURCE_LANGUAGE
    heading = words(head(html_dir / SOURCE_LANGUAGE / "404.html").h1.replace("¶", ""))
    assert words(page.inner_text("h1").replace("¶", "")) == heading
    page.close()


# -- favicon ---------------------------------------------------------------------------


def test_favicon_at_the_root_and_on_every_page(html_dir: Path, lang: str) -> None:
    assert (html_dir / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    for page in PAGES:
        path = html_dir / lang / f"{page}.html"
        icons = head(path).link("icon")
        assert icons, page
        assert local_file(html_dir, path, icons[0]["href"]).is_file()


def test_no_request_fails_on_a_page(served_site: str, browser: Any, lang: str) -> None:
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{served_site}{lang}/index.html")
    page.wait_for_load_state("load")
    favicon = page.request.get(f"{served_site}favicon.ico")
    assert favicon.status == 200
    assert failed == []
    page.close()


# -- old addresses -----------------------------------------------------------------------


def old_addresses() -> list[tuple[str, str]]:
    """(old address below the site, language it leads to)."""
    return [(OLD_PAGE, SOURCE_LANGUAGE)] + [(f"{lang}/{OLD_PAGE}", lang) for lang in LANGUAGES]


@pytest.mark.parametrize(("old", "lang"), old_addresses())
def test_old_address_without_javascript(html_dir: Path, old: str, lang: str) -> None:
    path = html_dir / old
    text = path.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)
    assert refresh, "no meta refresh"
    assert local_file(html_dir, path, refresh.group(1)) == (html_dir / lang / "create-account.html").resolve()
    h = head(path)
    assert h.lang == lang
    assert any(
        local_file(html_dir, path, ref) == (html_dir / lang / "create-account.html").resolve()
        for ref in h.refs
    ), "no plain link to the page"


#: A browser language that the guide does not have: the source language serves it.
OTHER_BROWSER_LANGUAGE = "eo"


def browser_cases() -> list[tuple[str, str, str]]:
    """(old address, language it leads to, the browser's language): an old address
    outside the language folders follows the browser's language."""
    assert OTHER_BROWSER_LANGUAGE not in LANGUAGES
    return [(old, lang, lang) for old, lang in old_addresses()] + [
        (OLD_PAGE, lang, lang) for lang in TRANSLATIONS
    ] + [(OLD_PAGE, SOURCE_LANGUAGE, OTHER_BROWSER_LANGUAGE)]


@pytest.mark.parametrize(("old", "lang", "locale"), browser_cases())
def test_old_address_in_the_browser(served_site: str, browser: Any, old: str, lang: str,
                                    locale: str) -> None:
    preferred = browser.new_context(locale=locale)
    page = preferred.new_page()
    page.goto(f"{served_site}{old}")
    page.wait_for_url(f"{served_site}{lang}/create-account.html")
    assert page.evaluate("document.documentElement.lang") == lang

    page.goto(f"{served_site}{old}#{OLD_ANCHOR}")
    page.wait_for_url(f"{served_site}{lang}/wrong-account.html#{OLD_ANCHOR}")
    page.wait_for_load_state("load")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == OLD_ANCHOR
    preferred.close()

    # Without JavaScript the meta refresh still leads to the page (outside the
    # language folders: in the source language).
    context = browser.new_context(java_script_enabled=False, locale=locale)
    page = context.new_page()
    page.goto(f"{served_site}{old}")
    fallback = lang if old != OLD_PAGE else SOURCE_LANGUAGE
    page.wait_for_url(f"{served_site}{fallback}/create-account.html")
    context.close()


@pytest.mark.parametrize(("locale", "lang"), [
    *[(f"{lang}-XX", lang) for lang in LANGUAGES], (OTHER_BROWSER_LANGUAGE, SOURCE_LANGUAGE),
])
def test_root_page_follows_the_browser_language(served_site: str, browser: Any, locale: str,
                                                lang: str) -> None:
    """The site's root sends a reader to their language (a region subtag is
    ignored), and one whose language the guide lacks to the source language."""
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(served_site)
    page.wait_for_url(f"{served_site}{lang}/index.html")
    assert page.evaluate("document.documentElement.lang") == lang
    context.close()


# -- PDF -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``make site`` in a folder of its own (it adds pdf/ to the site, which the
    other tests' shared build must not see): every language and its PDF."""
    builddir = tmp_path_factory.mktemp("site")
    make("site", builddir)
    return builddir / "html"


def test_every_page_offers_the_pdf_of_its_language(published_dir: Path, lang: str) -> None:
    for page in [*PAGES, "404"]:
        path = published_dir / lang / f"{page}.html"
        pdfs = [r for r in head(path).refs if r.endswith(".pdf")]
        assert len(pdfs) == 1, f"{lang}/{page}: {pdfs}"
        target = local_file(published_dir, path, pdfs[0])
        assert target == (published_dir / "pdf" / pdf_name(lang)).resolve()
        assert target.read_bytes()[:5] == b"%PDF-"


# -- dates -------------------------------------------------------------------------------


def git_time(*paths: Path) -> int:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()
    return int(out) if out else 0


def test_each_page_shows_its_last_change_in_its_language(html_dir: Path, lang: str) -> None:
    head_time = git_time()
    tz = get_timezone(conf()["git_last_updated_timezone"])
    for page in PAGES:
        h = head(html_dir / lang / f"{page}.html")
        modified = datetime.fromisoformat(h.meta["article:modified_time"])
        stamp = int(modified.timestamp())
        sources = [DOCS / f"{page}.md"]
        if lang != SOURCE_LANGUAGE:
            sources.append(LOCALE / lang / "LC_MESSAGES" / f"{page}.po")
        # The page's (and its catalog's) last commit at the earliest (its images
        # count too); never later than the last commit: not the time of the build.
        assert git_time(*sources) <= stamp <= max(head_time, int(os.environ.get("SOURCE_DATE_EPOCH", 0))), page
        assert changed_on(stamp, lang, tz) in words(h.last_updated), f"{lang}/{page}: {h.last_updated!r}"


# -- base URL --------------------------------------------------------------------------


def test_one_setting_moves_the_whole_site(tmp_path: Path) -> None:
    other = "https://guide.example.net/sub/"
    env = dict(os.environ, SITE_URL=other, SPHINXOPTS="")
    subprocess.run(["make", "--no-print-directory", "html", f"BUILDDIR={tmp_path}"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    out = tmp_path / "html"
    for lang in LANGUAGES:
        h = head(out / lang / "index.html")
        assert h.link("canonical")[0]["href"] == f"{other}{lang}/index.html"
        assert h.meta["og:url"] == f"{other}{lang}/index.html"
        not_found = head(out / lang / "404.html")
        assert any(r.startswith(f"/sub/{lang}/_static/") for r in not_found.refs)
    assert f"Sitemap: {other}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    assert f"<loc>{other}{SOURCE_LANGUAGE}/index.html</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")


# -- make live ---------------------------------------------------------------------------


@pytest.mark.parametrize("choice", [None, LANGUAGES[-1]])
def test_make_live_serves_one_language(tmp_path: Path, choice: str | None) -> None:
    lang = choice or SOURCE_LANGUAGE
    args = ["make", "--no-print-directory", "live", f"BUILDDIR={tmp_path}", "LIVE_PORT=0"]
    if choice:
        args.append(f"LANG={choice}")
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        url = None
        seen = []
        for line in proc.stdout:  # until the server says where it is (or make ends)
            seen.append(line)
            match = re.search(r"Serving on (http://\S+)", re.sub(r"\x1b\[[0-9;]*m", "", line))
            if match:
                url = match.group(1)
                break
        assert url, "".join(seen)
        # The server starts listening just after it says so: ask until it answers
        # (or make stops, which fails the test).
        while True:
            try:
                with urllib.request.urlopen(f"{url}/index.html") as response:
                    assert head_lang(response.read().decode("utf-8")) == lang
                break
            except urllib.error.URLError:
                assert proc.poll() is None, "make live stopped"
                time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()


def head_lang(text: str) -> str:
    return Head(text).lang


# -- deployment configuration ---------------------------------------------------------------


def pdf_packages() -> set[str]:
    """The Debian packages that the Makefile's pdf-tools target installs."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z_]+)\s*:?=\s*(.*)$", text, re.M))
    recipe = re.search(r"^pdf-tools:.*\n((?:\t.*\n)+)", text, re.M)
    assert recipe, "no pdf-tools target in the Makefile"
    packages: set[str] = set()
    for listed in re.findall(r"apt_need,[^,]+,(.*)\)$", recipe.group(1), re.M):
        expanded = re.sub(r"\$\((\w+)\)", lambda m: variables[m.group(1)], listed)
        packages.update(expanded.split())
    return packages


def test_read_the_docs_builds_the_language_of_the_project() -> None:
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert "texlive-lang-japanese" in pdf_packages()
    assert pdf_packages() <= set(config["build"]["apt_packages"])
    commands = "\n".join(config["build"]["commands"])
    assert "html-$READTHEDOCS_LANGUAGE" in commands
    assert "latexpdf-$READTHEDOCS_LANGUAGE" in commands
    assert "$READTHEDOCS_OUTPUT/html" in commands and "$READTHEDOCS_OUTPUT/pdf" in commands
    assert "--unshallow" in commands  # the pages' dates come from git history


def test_github_pages_deploys_the_whole_site() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert "SITE_URL" in build["env"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in workflow["jobs"]["deploy"]["steps"])
