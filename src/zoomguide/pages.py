"""Publishing, inside each language's build: what sphinx-sitemap, sphinxext-opengraph,
sphinx-last-updated-by-git and sphinx-notfound-page leave to the project.

- A translated page changes when its catalog does. Sphinx makes the compiled
  catalog (``.mo``, not in git) a dependency of the page; its source, the ``.po``
  in git, is added here, so that its git date counts for the "last updated" date.
- The language link and hreflang alternates (``guide_alternates``), and the
  sidebar's link to the PDF of the page's language (``guide_pdf``).
- The 404 page is shown at any address: no canonical address or date (and, by
  page.html, not for search engines), and its links to pages start at the host's root
  (sphinx-notfound-page 1.1 does this for its toctree, assets and images, not for
  the links in the page's text; no upstream issue asks for it).
- Pages at old addresses (``guide_redirects`` in conf.py) that send a reader on,
  mapping the old fragment to where that section lives now
  (``docs/_templates/redirect.html``; sphinx-reredirects keeps a fragment since
  documatt/sphinx-reredirects#11, but cannot send one to another page).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.i18n import docname_to_domain

from zoomguide.i18n import catalog_path, language_name, language_tag
from zoomguide.project import LANGUAGES, SOURCE_LANGUAGE


def _note_catalog(app: Sphinx, docname: str, source: list[str]) -> None:
    lang = app.config.language
    if lang == SOURCE_LANGUAGE or docname not in app.env.found_docs:
        return
    po = catalog_path(lang, docname_to_domain(docname, app.config.gettext_compact))
    if po.exists():
        app.env.note_dependency(str(po), docname=docname)


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    config = app.config
    target = app.builder.get_target_uri(pagename)
    notfound = pagename == config.notfound_pagename
    if notfound:
        context["pageurl"] = None
        context["last_updated"] = None
        # Scripts find the language's root from here, at any depth.
        context["content_root"] = config.notfound_urls_prefix
        root = urlsplit(config.site_url).path
    else:
        # A page is one folder below the site's root ("<lang>/"), two on Read the
        # Docs ("<lang>/<version>/"), plus its own folders.
        root = "../" * (pagename.count("/") + config.sitemap_url_scheme.format(lang="/", link="").count("/"))
    context["guide_pdf"] = {"href": root + config.guide_pdf_path,
                            "name": posixpath.basename(config.guide_pdf_path)}
    # Every language of the page, for the language link and hreflang (page.html):
    # an absolute ``url`` (search engines want it) and an ``href`` that works
    # wherever the site is served.
    context["guide_alternates"] = []
    for lang in LANGUAGES:
        path = config.sitemap_url_scheme.format(lang=lang + "/", link=target)
        context["guide_alternates"].append({
            "tag": language_tag(lang), "name": language_name(lang), "url": config.site_url + path,
            "href": root + path, "current": lang == config.language, "default": lang == SOURCE_LANGUAGE,
        })


def _og_description(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: nodes.document | None) -> None:
    # sphinxext-opengraph takes og:description from the page's first paragraph, not from
    # its description (sphinx-doc/sphinxext-opengraph#41, open as PR #147).
    for meta in doctree.findall(nodes.meta) if doctree else ():
        if meta.get("name") == "description":
            context["meta"] = dict(context.get("meta") or {}, **{"og:description": meta["content"]})


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # Sphinx marks translated nodes (sphinx-doc/sphinx#11502), and docutils writes
    # every attribute of a meta node into the page: <meta … translated="True">.
    for meta in doctree.findall(nodes.meta):
        meta.attributes.pop("translated", None)
    if docname != app.config.notfound_pagename:
        return
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if ref.get("internal") and uri and not uri.startswith(("/", "#")):
            ref["refuri"] = app.config.notfound_urls_prefix + uri


def redirect_targets(page: str, fragments: dict[str, str], folder: str = "") -> dict[str, str]:
    """Where the old ``page`` sends each fragment (``guide_redirects``), as links
    from it to the new pages in ``folder``.

    >>> redirect_targets("zoom/old.html", {"": "new", "x": "other#y"}, "en/")
    {'': '../en/new.html', 'x': '../en/other.html#y'}
    """
    targets = {}
    for fragment, new in fragments.items():
        docname, _, anchor = new.partition("#")
        href = posixpath.relpath(f"{folder}{docname}.html", posixpath.dirname(page) or ".")
        targets[fragment] = href + ("#" + anchor if anchor else "")
    return targets


def _redirect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    for old, fragments in app.config.guide_redirects.items():
        home = fragments[""]
        yield old, {
            "title": app.env.titles[home].astext(),
            "canonical": app.config.html_baseurl + app.builder.get_target_uri(home),
            "targets": {app.config.language: redirect_targets(old + ".html", fragments)},
            "default": app.config.language,
        }, "redirect.html"


def setup(app: Sphinx) -> dict[str, bool]:
    app.add_config_value("guide_redirects", {}, "html", types=frozenset({dict}))
    app.add_config_value("guide_pdf_path", "", "html", types=frozenset({str}))
    app.connect("source-read", _note_catalog)
    app.connect("html-page-context", _page_context)
    # Before sphinxext-opengraph (500), which reads per-page fields from context["meta"].
    app.connect("html-page-context", _og_description, priority=400)
    app.connect("doctree-resolved", _resolved)
    app.connect("html-collect-pages", _redirect_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
