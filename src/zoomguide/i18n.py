"""Per-language settings and the links between the language twins of a page.

conf.py runs before ``-D language=xx`` is applied, so what differs by language is
set here, in ``config-inited``, and the page context gets the alternates that the
templates turn into the language link and ``<link rel="alternate" hreflang>``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config

from zoomguide.project import LANGUAGES, LOCALE, SOURCE_LANGUAGE


def catalog_path(lang: str, domain: str) -> Path:
    """The catalog ``domain`` (a page, or "sphinx" for the words outside pages) of ``lang``."""
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def _catalog(lang: str, domain: str) -> dict[str, str]:
    path = catalog_path(lang, domain)
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy
    }


def translate(message: str, lang: str, domain: str) -> str:
    """``message`` (source language) as catalog ``domain`` of ``lang`` has it."""
    if lang == SOURCE_LANGUAGE:
        return message
    return _catalog(lang, domain).get(message, message)


#: JavaScript: a function of a list of language codes that returns the first of
#: the browser's preferred languages (by primary subtag) in that list, else null.
#: The site's root page and its old addresses choose the reader's language with it.
PREFERRED_LANGUAGE_JS = (
    "function(a){var p=navigator.languages||[navigator.language||''];"
    "for(var i=0;i<p.length;i++){var l=(p[i]||'').toLowerCase().split('-')[0];"
    "if(a.indexOf(l)>=0)return l;}return null;}"
)


def long_date(day: date | None, lang: str) -> str:
    """``day`` written the way ``lang`` writes a date in full (the PDF's title
    page, a page's last update).

    >>> long_date(date(2020, 3, 16), "ja")
    '2020年3月16日'
    >>> long_date(date(2020, 3, 16), "en")
    'March 16, 2020'
    >>> long_date(None, "ja")
    ''
    """
    return "" if day is None else format_date(day, format="long", locale=lang)


def language_name(lang: str) -> str:
    """The language's own name for itself: "日本語", "English"."""
    return Locale.parse(lang).get_display_name(lang) or lang


def _per_language(app: Sphinx, config: Config) -> None:
    lang = config.language
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of the guide's {LANGUAGES}")
    config.project = translate(config.project, lang, config.root_doc)
    config.html_title = config.project
    # Words of conf.py that are on no page: their translations are in the catalog
    # of words outside the pages, locale/<lang>/LC_MESSAGES/sphinx.po.
    config.author = translate(config.author, lang, "sphinx")
    config.copyright = translate(config.copyright, lang, "sphinx")


def alternates(lang: str) -> list[dict[str, Any]]:
    """Every language of the guide, ``lang`` marked as the current one.

    zoomguide.site adds where each twin of a page is: its absolute ``url`` (for
    hreflang) and an ``href`` that works wherever the site is served.

    >>> twins = alternates(SOURCE_LANGUAGE)
    >>> [a["code"] for a in twins] == list(LANGUAGES)
    True
    >>> [a["code"] for a in twins if a["current"]] == [SOURCE_LANGUAGE]
    True
    """
    return [
        {"code": other, "name": language_name(other), "current": other == lang}
        for other in LANGUAGES
    ]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["guide_alternates"] = alternates(app.config.language)
    context["guide_source_language"] = SOURCE_LANGUAGE


def _theme_messages(lang: str) -> dict[str, str | list[str]]:
    """The theme catalog of ``lang`` (plural messages as lists), for the browser."""
    path = catalog_path(lang, "sphinx")
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f)
    messages: dict[str, str | list[str]] = {}
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, str):
            if m.string:
                messages[m.id] = str(m.string)
        elif isinstance(m.string, (tuple, list)) and all(m.string):
            messages[str(m.id[0])] = [str(form) for form in m.string]
    return messages


def _translations_js(app: Sphinx, exception: BaseException | None) -> None:
    """Add the theme catalog to Sphinx's ``translations.js``: the search page's
    words (its result summary above all) come from there, not from the .po."""
    target = Path(app.outdir, "_static", "translations.js")
    if exception or not target.exists():
        return
    ours = _theme_messages(app.config.language)
    if not ours:
        return
    text = target.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    data["messages"].update(ours)
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(f"Documentation.addTranslations({body});\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _per_language)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _translations_js)
