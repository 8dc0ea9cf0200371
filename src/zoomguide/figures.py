"""Figures in the build's language: one SVG per figure, its words in the catalogs.

Each ``docs/img/*.svg`` holds the source language's words (Zoom's Japanese labels
of 2020, field names, the example's name). Its other ``<text>`` (zoom.us, the logo,
the markers' digits, an address) is marked ``its:translate="no"`` (W3C ITS 2.0,
inherited by what an element contains). The words are messages like the pages'
sentences, in the catalog ``figures``:

* the gettext builder adds them to its catalog ``figures`` before it writes the
  catalogs, as Sphinx adds the templates' words to ``sphinx``: ``make gettext``
  writes ``figures.pot`` and sphinx-intl creates or updates
  ``locale/<lang>/LC_MESSAGES/figures.po`` like any page's catalog;
* a build in another language writes, before it reads the pages, each SVG with the
  words of its ``figures.po`` (a word not translated stays as it is) into
  ``<doctreedir>/figures/``, and points Sphinx's ``figure_language_filename``
  there, so that the pages and the PDF (rsvg-convert) show that figure. A file is
  written only when its content changes: Sphinx re-reads a page when its figure
  changes, and only then.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin
from sphinx.config import Config

from zoomguide.i18n import translate
from zoomguide.project import SOURCE_LANGUAGE

SVG = "http://www.w3.org/2000/svg"
ITS = "http://www.w3.org/2005/11/its"
DOMAIN = "figures"
ET.register_namespace("", SVG)
ET.register_namespace("its", ITS)


def sources(srcdir: str | os.PathLike[str]) -> list[Path]:
    """The figures: every SVG in the source folder's ``img/``."""
    return sorted(Path(srcdir, "img").glob("*.svg"))


def words(element: ET.Element) -> Iterator[ET.Element]:
    """The ``<text>`` elements in ``element`` that hold words to translate."""
    if element.get(f"{{{ITS}}}translate") == "no":
        return
    if element.tag == f"{{{SVG}}}text" and (element.text or "").strip():
        yield element
    for child in element:
        yield from words(child)


def _folder(app: Sphinx) -> Path:
    return Path(app.doctreedir, "figures")


def _point_figures(app: Sphinx, config: Config) -> None:
    """A translation's figures are ``<doctreedir>/figures/<path of the figure>``
    ("/" is the source folder in Sphinx's image paths)."""
    if config.language != SOURCE_LANGUAGE:
        folder = Path(os.path.relpath(_folder(app), app.srcdir)).as_posix()
        config.figure_language_filename = f"/{folder}/{{docpath}}{{root}}{{ext}}"


def _figures(app: Sphinx) -> None:
    """Before the pages are read: the words to the gettext builder, or the figures in the language."""
    if isinstance(app.builder, MessageCatalogBuilder):
        for path in sources(app.srcdir):
            for text in words(ET.parse(path).getroot()):
                app.builder.catalogs[DOMAIN].add(str(text.text).strip(), MsgOrigin(str(path), 0))
    elif app.config.language != SOURCE_LANGUAGE:
        for path in sources(app.srcdir):
            tree = ET.parse(path)
            for text in words(tree.getroot()):
                text.text = translate(str(text.text).strip(), app.config.language, DOMAIN)
            content = ET.tostring(tree.getroot(), encoding="unicode") + "\n"
            target = _folder(app) / path.relative_to(app.srcdir)
            if not target.is_file() or target.read_text("utf-8") != content:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _point_figures)
    app.connect("builder-inited", _figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
