"""Publishing: what a deployed site needs beyond the pages Sphinx writes.

Inside each language build (a Sphinx extension):

- canonical URL, Open Graph tags and the sitemap of the language, all from one
  base URL (``html_baseurl``, set from ``SITE_URL``; on Read the Docs from
  ``READTHEDOCS_CANONICAL_URL``);
- a meta description on every page, from the first paragraphs of the page's
  (translated) doctree;
- the date each page was last changed, from git (sphinx-last-updated-by-git; a
  translated page also counts its catalog), written the way the page's language
  writes a date;
- a link to the PDF of the page's language;
- a 404 page that works at any depth (sphinx-notfound-page: absolute paths);
- pages at old addresses (``guide_redirects``) that send a reader on, keeping
  the fragment, or mapping it to where that section lives now.

At the level of the whole site (``python -m zoomguide.site OUTDIR``, after every
language is built into ``OUTDIR/<lang>/``): ``sitemap.xml`` with every page of
every language, ``robots.txt``, ``favicon.ico``, ``404.html`` and the old
addresses without a language folder (they lead to the source language).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import runpy
import shutil
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain

from zoomguide.i18n import PREFERRED_LANGUAGE_JS, catalog_path, long_date
from zoomguide.latex import pdf_name
from zoomguide.project import LANGUAGES, ROOT, SOURCE_LANGUAGE

#: Pages that are not content: not in the sitemap, no description of their own.
NOT_CONTENT = ("genindex", "search", "404")
#: The folder of the site (next to the language folders) that holds the PDFs.
PDF_DIR = "pdf"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: A description long enough to say what the page is about, short enough for a
#: search result.
DESCRIPTION_MIN, DESCRIPTION_MAX = 80, 160


# -- URLs ------------------------------------------------------------------------


def on_read_the_docs(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("READTHEDOCS") == "True"


def version_segment(environ: Mapping[str, str] | None = None) -> str:
    """The part of a URL path between the language and the page: ``""`` on a
    static site (``/ja/page.html``), ``"latest/"`` on Read the Docs
    (``/ja/latest/page.html``).

    >>> version_segment({})
    ''
    >>> version_segment({"READTHEDOCS": "True", "READTHEDOCS_VERSION": "stable"})
    'stable/'
    """
    env = os.environ if environ is None else environ
    if on_read_the_docs(env):
        return env.get("READTHEDOCS_VERSION", "latest").strip("/") + "/"
    return ""


def site_url(baseurl: str, environ: Mapping[str, str] | None = None) -> str:
    """The root of the whole site (every language below it), ending in ``/``.

    On Read the Docs, ``READTHEDOCS_CANONICAL_URL`` is the root of one language
    and version (``…/ja/latest/``): the site is what comes before those.

    >>> site_url("https://guide.example.org/zoom")
    'https://guide.example.org/zoom/'
    >>> site_url("", {"READTHEDOCS": "True", "READTHEDOCS_VERSION": "latest",
    ...               "READTHEDOCS_LANGUAGE": "en",
    ...               "READTHEDOCS_CANONICAL_URL": "https://x.readthedocs.io/en/latest/"})
    'https://x.readthedocs.io/'
    """
    env = os.environ if environ is None else environ
    canonical = env.get("READTHEDOCS_CANONICAL_URL", "")
    if on_read_the_docs(env) and canonical and not env.get("SITE_URL"):
        tail = f"{env.get('READTHEDOCS_LANGUAGE', '')}/{version_segment(env)}"
        root = canonical.rstrip("/") + "/"
        return root[: -len(tail)] if root.endswith("/" + tail) else root
    if not baseurl:
        raise ValueError("html_baseurl (SITE_URL) is empty: the site needs its address")
    return baseurl.rstrip("/") + "/"


def language_url(site: str, lang: str, environ: Mapping[str, str] | None = None) -> str:
    """The root of ``lang``'s pages.

    >>> language_url("https://guide.example.org/", "en", {})
    'https://guide.example.org/en/'
    """
    return f"{site}{lang}/{version_segment(environ)}"


def page_url(site: str, lang: str, target: str) -> str:
    """The absolute address of a page, ``target`` being its file in its language."""
    return language_url(site, lang) + target


# -- Description -----------------------------------------------------------------

_NOT_PROSE = (
    nodes.Admonition, nodes.Invisible, nodes.raw, nodes.topic, nodes.sidebar,
    nodes.footnote, nodes.citation, nodes.system_message, nodes.field_list,
)


def _is_prose(node: nodes.Node) -> bool:
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, _NOT_PROSE):
            return False
        parent = parent.parent
    return True


def _joined(parts: list[str]) -> str:
    """Paragraphs as one line: a space between them, except after a sentence of
    a language written without spaces (which ends in a full-width character)."""
    text = ""
    for part in parts:
        if text and not (ord(text[-1]) > 0x2E7F):
            text += " "
        text += part
    return text


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]")


def describe(doctree: nodes.Node, shortest: int = DESCRIPTION_MIN,
             longest: int = DESCRIPTION_MAX) -> str:
    """What the page is about: its first paragraphs of prose (not notes or
    warnings), as one line of at most ``longest`` characters.

    >>> from docutils.core import publish_doctree
    >>> describe(publish_doctree(".. note:: Old.\\n\\nFirst one. \\n\\nSecond *one*."), 5)
    'First one.'
    >>> describe(publish_doctree("First one.\\n\\nSecond *one*."), 15)
    'First one. Second one.'
    >>> describe(publish_doctree("One. Two three four."), 2, 12)
    'One.'
    >>> describe(publish_doctree("一つ目です。二つ目です。"), 2, 8)
    '一つ目です。'
    >>> describe(publish_doctree("Some words that go on and on"), 2, 12)
    'Some words…'
    """
    parts: list[str] = []
    for para in doctree.findall(nodes.paragraph):
        if not _is_prose(para):
            continue
        text = " ".join(para.astext().split())
        if text:
            parts.append(text)
        if len(_joined(parts)) >= shortest:
            break
    text = _joined(parts)
    if len(text) <= longest:
        return text
    # The last whole sentence that fits, if that says enough; else a cut at a
    # space (or anywhere, in a language without spaces) and an ellipsis.
    ends = [m.end() for m in _SENTENCE_END.finditer(text[: longest + 1])]
    if ends and ends[-1] >= shortest:
        return text[: ends[-1]].rstrip()
    cut = text[: longest - 1]
    space = cut.rfind(" ")
    if space > longest - 20:
        cut = cut[:space]
    return cut.rstrip(" 、,，") + "…"


# -- Last changed ---------------------------------------------------------------


def changed_on(timestamp: int, lang: str, tz: Any = None) -> str:
    """The day of a timestamp (in ``tz``, else UTC) the way ``lang`` writes a
    date in full.

    >>> changed_on(1584316800, "en")
    'March 16, 2020'
    """
    moment = datetime.fromtimestamp(int(timestamp), UTC)
    if tz is not None:
        moment = moment.astimezone(tz)
    return long_date(moment.date(), lang)


def _note_catalog(app: Sphinx, docname: str, source: list[str]) -> None:
    """A translated page changes when its catalog does: make the catalog a
    dependency, so that its git date counts for the page's date."""
    lang = app.config.language
    if lang == SOURCE_LANGUAGE or docname not in app.env.found_docs:
        return
    domain = docname_to_domain(docname, app.config.gettext_compact)
    po = catalog_path(lang, domain)
    if po.exists():
        app.env.note_dependency(str(po), docname=docname)


def _last_updated(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    """After sphinx-last-updated-by-git: the date in the language's own words."""
    if pagename == app.config.notfound_pagename:
        context["last_updated"] = None
        return
    if doctree is None:
        return
    timestamp = _timestamp(app.env, pagename)
    if timestamp is not None:
        context["last_updated"] = changed_on(
            timestamp, app.config.language, app.config.git_last_updated_timezone
        )


# -- Per page --------------------------------------------------------------------


def pdf_href(pagename: str, lang: str, site: str, environ: Mapping[str, str] | None = None) -> str:
    """Where the page's PDF is, from the page.

    On a static site the PDFs are in ``pdf/`` at the root of the site; the 404
    page is shown at any depth, so it gets a path from the root of the host.
    On Read the Docs, its own download address.

    >>> pdf_href("index", "en", "https://guide.example.org/", {})
    '../pdf/zoom-account-guide-en.pdf'
    >>> pdf_href("a/b", "en", "https://guide.example.org/", {})
    '../../pdf/zoom-account-guide-en.pdf'
    >>> pdf_href("404", "en", "https://guide.example.org/zoom/", {})
    '/zoom/pdf/zoom-account-guide-en.pdf'
    """
    env = os.environ if environ is None else environ
    if on_read_the_docs(env):
        return f"/_/downloads/{lang}/{version_segment(env)}pdf/"
    if pagename == "404":
        return f"{urlsplit(site).path}{PDF_DIR}/{pdf_name(lang)}"
    return "../" * (pagename.count("/") + 1) + f"{PDF_DIR}/{pdf_name(lang)}"


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Before sphinxext-opengraph: the canonical URL and the description."""
    lang = app.config.language
    site = site_url(app.config.html_baseurl)
    target = app.builder.get_target_uri(pagename)
    context["pageurl"] = page_url(site, lang, target)
    context["guide_pdf"] = {"href": pdf_href(pagename, lang, site), "name": pdf_name(lang)}
    if pagename == app.config.notfound_pagename:
        # The 404 page is shown at any address: scripts find the root from here.
        # It is no page of its own: no canonical address, not for search engines.
        context["content_root"] = urlsplit(language_url(site, lang)).path
        context["pageurl"] = None
        context["metatags"] = context.get("metatags", "") + '\n<meta name="robots" content="noindex">'
    if doctree is None:
        return
    description = describe(doctree)
    if description:
        escaped = html.escape(description, quote=True)
        context["metatags"] = (
            context.get("metatags", "") + f'\n<meta name="description" content="{escaped}">'
        )
        # Open Graph takes per-page fields as they are (no escaping of its own).
        context["meta"] = dict(context.get("meta") or {}, **{"og:description": escaped})


def _language_links(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: nodes.document | None) -> None:
    """After zoomguide.i18n: each twin page gets its absolute address (``url``,
    for ``<link rel="alternate" hreflang>``, search engines want it absolute)
    and a link that works wherever the site is served (``href``: relative; from
    the root of the host on the 404 page, which is shown at any depth)."""
    site = site_url(app.config.html_baseurl)
    target = app.builder.get_target_uri(pagename)
    up = "../" * (pagename.count("/") + 1 + version_segment().count("/"))
    for alt in context.get("guide_alternates", []):
        alt["url"] = page_url(site, alt["code"], target)
        if pagename == app.config.notfound_pagename:
            alt["href"] = urlsplit(alt["url"]).path
        else:
            alt["href"] = f"{up}{alt['code']}/{version_segment()}{target}"


# -- Old addresses -----------------------------------------------------------------

_REDIRECT_DATA = re.compile(
    r'<script type="application/json" id="guide-redirect">(.*?)</script>', re.S
)


def redirect_page(lang: str, title: str, targets: dict[str, str], canonical: str,
                  by_language: dict[str, dict[str, str]] | None = None) -> str:
    """A page at an old address that sends the reader on.

    ``targets`` maps the old address's fragments to new relative addresses;
    ``""`` is the page itself (any other fragment is kept). With JavaScript the
    fragment is mapped; without it, a meta refresh and a plain link go to the page.
    ``by_language`` (an old address outside the language folders) gives the
    targets of each language: the browser's preferred languages choose among
    them, as on the site's root page; ``targets`` is the default.
    """
    data = json.dumps({"lang": lang, "title": title, "targets": targets,
                       "languages": by_language or {}}, ensure_ascii=False)
    home = html.escape(targets[""], quote=True)
    data = data.replace("</", "<\\/")
    script = (
        "(function(){var d=JSON.parse(document.getElementById('guide-redirect').textContent),"
        "t=d.targets,h=decodeURIComponent(location.hash.slice(1)),"
        "l=(" + PREFERRED_LANGUAGE_JS + ")(Object.keys(d.languages));if(l)t=d.languages[l];"
        "location.replace(Object.prototype.hasOwnProperty.call(t,h)&&h?t[h]:t['']+location.hash);})();"
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{html.escape(title)}</title>
  <link rel="canonical" href="{html.escape(canonical, quote=True)}">
  <script type="application/json" id="guide-redirect">{data}</script>
  <script>{script}</script>
  <noscript><meta http-equiv="refresh" content="0; url={home}"></noscript>
</head>
<body>
  <p><a href="{home}">{html.escape(title)}</a></p>
</body>
</html>
"""


def _relative(from_page: str, docname_and_fragment: str, suffix: str) -> str:
    """``docname#fragment`` as a link from the output file ``from_page``."""
    docname, _, fragment = docname_and_fragment.partition("#")
    href = posixpath.relpath(docname + suffix, posixpath.dirname(from_page) or ".")
    return href + ("#" + fragment if fragment else "")


def _write_redirects(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    lang = app.config.language
    site = site_url(app.config.html_baseurl)
    suffix = app.builder.out_suffix  # type: ignore[attr-defined]
    for old, fragments in app.config.guide_redirects.items():
        page = old + suffix
        targets = {frag: _relative(page, new, suffix) for frag, new in fragments.items()}
        home = fragments[""]
        title = app.env.titles[home].astext()
        canonical = page_url(site, lang, app.builder.get_target_uri(home))
        out = Path(app.outdir, page)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(lang, title, targets, canonical), encoding="utf-8")


def _absolute_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The 404 page is shown at any address: its links to pages start at the root
    (sphinx-notfound-page does this for its images, sidebar and assets)."""
    if docname != app.config.notfound_pagename:
        return
    prefix = app.config.notfound_urls_prefix
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if ref.get("internal") and uri and not uri.startswith(("/", "#")):
            ref["refuri"] = prefix + uri


# -- Sitemap ---------------------------------------------------------------------------


def _timestamp(env: BuildEnvironment, docname: str) -> int | None:
    """When the page last changed: git's date (sphinx-last-updated-by-git), else
    SOURCE_DATE_EPOCH (a page not committed yet); never the time of the build."""
    data = getattr(env, "git_last_updated", {}).get(docname)
    if data and data[0] is not None:
        return int(data[0])
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch else None


def _write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """The language's sitemap: every page (not only the ones this build wrote,
    as sphinx-sitemap has it), with the page in every language as alternates."""
    if exception is not None or app.builder.format != "html":
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    site = site_url(app.config.html_baseurl)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for docname in sorted(app.env.found_docs):
        if docname in NOT_CONTENT or docname == app.config.notfound_pagename:
            continue
        target = app.builder.get_target_uri(docname)
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page_url(
            site, app.config.language, target
        )
        stamp = _timestamp(app.env, docname)
        if stamp is not None:
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = datetime.fromtimestamp(
                stamp, UTC
            ).strftime("%Y-%m-%dT%H:%M:%SZ")
        for hreflang, lang in [*((lang, lang) for lang in LANGUAGES), ("x-default", SOURCE_LANGUAGE)]:
            ElementTree.SubElement(
                url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang,
                href=page_url(site, lang, target),
            )
    ElementTree.indent(root)
    Path(app.outdir, "sitemap.xml").write_text(
        ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n",
        encoding="utf-8",
    )


# -- Sphinx --------------------------------------------------------------------------


def _per_language(app: Sphinx, config: Config) -> None:
    """Once ``-D language`` is known (after zoomguide.i18n has translated ``project``)."""
    lang = config.language
    site = site_url(config.html_baseurl)
    config.html_baseurl = site
    config.ogp_site_url = language_url(site, lang)
    config.ogp_site_name = config.project
    config.notfound_urls_prefix = urlsplit(language_url(site, lang)).path


def setup(app: Sphinx) -> None:
    app.add_config_value("guide_redirects", {}, "html", types=frozenset({dict}))
    for extension in (
        "sphinx_last_updated_by_git",
        "sphinxext.opengraph",
        "notfound.extension",
    ):
        app.setup_extension(extension)
    app.connect("config-inited", _per_language, priority=600)
    app.connect("source-read", _note_catalog)
    app.connect("html-page-context", _page_context, priority=450)
    app.connect("html-page-context", _last_updated, priority=600)
    app.connect("html-page-context", _language_links, priority=600)
    app.connect("doctree-resolved", _absolute_links)
    app.connect("build-finished", _write_redirects)
    app.connect("build-finished", _write_sitemap)


# -- The whole site ----------------------------------------------------------------


def merge_sitemaps(out: Path) -> str:
    """One sitemap of every language's pages, each with its alternates."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urls: dict[str, ElementTree.Element] = {}
    for lang in LANGUAGES:
        path = out / lang / "sitemap.xml"
        if not path.exists():
            raise FileNotFoundError(f"{path}: build every language first")
        for url in ElementTree.parse(path).getroot().iter(f"{{{SITEMAP_NS}}}url"):
            urls[url.findtext(f"{{{SITEMAP_NS}}}loc", "")] = url
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc in sorted(urls):
        root.append(urls[loc])
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def robots(site: str) -> str:
    """
    >>> print(robots("https://guide.example.org/"), end="")
    User-agent: *
    Allow: /
    <BLANKLINE>
    Sitemap: https://guide.example.org/sitemap.xml
    """
    return f"User-agent: *\nAllow: /\n\nSitemap: {site}sitemap.xml\n"


def root_404(source_page: str, site: str) -> str:
    """The site's own 404 page (static hosts such as GitHub Pages show
    ``/404.html`` for every missing address): the source language's, which
    shows the one of another language when the address is in that language's
    folder, without changing the address. The source language's page stays
    hidden meanwhile (no flash of the wrong language), and shows if that page
    cannot be fetched."""
    base = urlsplit(site).path
    others = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
    script = (
        "<script>(function(){var b=%s,l=%s,p=location.pathname,s=document.documentElement.style;"
        "function show(){s.visibility='';}"
        "for(var i=0;i<l.length;i++){if(p.indexOf(b+l[i]+'/')===0){s.visibility='hidden';"
        "fetch(b+l[i]+'/404.html').then(function(r){return r.ok?r.text():null})"
        ".then(function(t){if(t){document.open();document.write(t);document.close();}else{show();}},show);"
        "return;}}})();</script>"
    ) % (json.dumps(base), json.dumps(others))
    return source_page.replace("<head>", "<head>\n" + script, 1)


def write_site_files(out: Path) -> None:
    conf = runpy.run_path(str(ROOT / "conf.py"))
    site = site_url(str(conf["html_baseurl"]))
    (out / "sitemap.xml").write_text(merge_sitemaps(out), encoding="utf-8")
    (out / "robots.txt").write_text(robots(site), encoding="utf-8")
    shutil.copyfile(out / SOURCE_LANGUAGE / "_static" / "favicon.ico", out / "favicon.ico")
    source_404 = (out / SOURCE_LANGUAGE / "404.html").read_text(encoding="utf-8")
    (out / "404.html").write_text(root_404(source_404, site), encoding="utf-8")
    # Old addresses without a language folder lead to the reader's language (by
    # the browser's preferences), else to the source language.
    suffix = ".html"
    for old in conf.get("guide_redirects", {}):
        page = old + suffix
        by_language: dict[str, dict[str, str]] = {}
        for lang in LANGUAGES:
            built = (out / lang / page).read_text(encoding="utf-8")
            match = _REDIRECT_DATA.search(built)
            if match is None:
                raise ValueError(f"{out / lang / page}: not a redirect page")
            data = json.loads(match.group(1).replace("<\\/", "</"))
            by_language[lang] = {
                frag: posixpath.relpath(
                    posixpath.normpath(posixpath.join(lang, posixpath.dirname(page), href)),
                    posixpath.dirname(page) or ".",
                )
                for frag, href in data["targets"].items()
            }
            if lang == SOURCE_LANGUAGE:
                source_data, source_built = data, built
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', source_built)
        target = out / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            redirect_page(source_data["lang"], source_data["title"], by_language[SOURCE_LANGUAGE],
                          html.unescape(canonical.group(1)) if canonical else site, by_language),
            encoding="utf-8",
        )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m zoomguide.site OUTDIR", file=sys.stderr)
        return 2
    write_site_files(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
