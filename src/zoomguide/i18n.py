"""Languages: which one a build is in, and the words that are on no page.

``translate`` gives conf.py the title, author and copyright in the build's language
(the root page's catalog, and ``locale/<lang>/LC_MESSAGES/sphinx.po``); the same
``sphinx.po`` holds the theme's words that furo does not translate (page.html).
Docstrings that autodoc brings into a page stay in English in every language:
:class:`EnglishDocstrings` keeps them out of the catalogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import convert_locale_to_language_tag
from sphinx.config import Config
from sphinx.transforms import SphinxTransform

from zoomguide.project import DOCS, LANGUAGES, LOCALE, SOURCE_LANGUAGE


def catalog_path(lang: str, domain: str) -> Path:
    """The catalog ``domain`` (a page, or "sphinx" for the words outside pages) of ``lang``."""
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def _catalog(lang: str, domain: str) -> dict[Any, Any]:
    path = catalog_path(lang, domain)
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def translate(message: str, lang: str, domain: str) -> str:
    """``message`` (source language) as catalog ``domain`` of ``lang`` has it, else as it is."""
    if lang == SOURCE_LANGUAGE:
        return message
    return str(_catalog(lang, domain).get(message, message))


def page_title(docname: str) -> str:
    """The title of the page ``docname``: its first heading, in the source language."""
    for line in (DOCS / f"{docname}.md").read_text("utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise SystemExit(f"error: docs/{docname}.md has no title (a line '# …')")


def language_tag(lang: str) -> str:
    """The language's BCP 47 tag, for ``lang`` and ``hreflang``, as Sphinx writes it
    in ``<html lang>``: "zh-TW" for the code (and folder, and catalog) "zh_TW"."""
    return convert_locale_to_language_tag(lang) or lang


def language_name(lang: str) -> str:
    """The language's own name for itself: "日本語", "English"."""
    return Locale.parse(lang).get_display_name(lang) or lang


def page_words(content: list[nodes.Node], keys: Sequence[str]) -> dict[str, nodes.paragraph]:
    """The words that a directive's ``content`` ends with, a definition list
    ``key: words``, by key. The words are page text, translated by the page's
    catalog; the keys are names, kept out of the catalogs. ValueError unless the
    list gives each of ``keys`` once."""
    pairs = []
    if content and isinstance(content[-1], nodes.definition_list):
        for item in content[-1].findall(nodes.definition_list_item):
            term, text = item.next_node(nodes.term), item.next_node(nodes.paragraph)
            if term is not None and text is not None:
                term["translatable"] = False
                pairs.append((term.astext().strip(), text))
    given = [key for key, _ in pairs]
    if sorted(given) != sorted(keys):
        wrong = sorted(set(given) ^ set(keys)) or sorted({key for key in given if given.count(key) > 1})
        raise ValueError(f"end with a definition list that gives each of {', '.join(keys)} once; "
                         f"check {', '.join(wrong) or 'the list'}")
    return dict(pairs)


def _check_language(app: Sphinx, config: Config) -> None:
    """conf.py sets every per-language value from GUIDE_LANGUAGE: a ``-D language``
    that says otherwise would mix two languages in one build. (SystemExit: one
    line for the user, where a ConfigError gets Sphinx's whole crash report.)"""
    if config.language not in LANGUAGES:
        raise SystemExit(f"error: language {config.language!r} is not in pyproject.toml's "
                         f"[tool.zoomguide] languages {list(LANGUAGES)}: add it there")
    if config.language != config.guide_language:
        raise SystemExit(f"error: -D language={config.language}, but conf.py builds "
                         f"{config.guide_language!r}: set GUIDE_LANGUAGE={config.language} instead")


class EnglishDocstrings(SphinxTransform):
    """Mark the text of docstrings (from autodoc) as not to be translated."""

    # Before sphinx.transforms.i18n.Locale (20) translates the page.
    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.TextElement):
            if ":docstring of " in (node.source or ""):
                node["translatable"] = False


def setup(app: Sphinx) -> dict[str, bool]:
    app.add_config_value("guide_language", None, "env", types=frozenset({str}))
    app.connect("config-inited", _check_language)
    app.add_transform(EnglishDocstrings)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
