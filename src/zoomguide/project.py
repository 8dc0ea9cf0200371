"""Facts about the project that every tool reads from one place."""

from __future__ import annotations

import tomllib
from pathlib import Path

#: The repository's root: conf.py, pyproject.toml, docs/ and locale/ live here.
ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LOCALE = ROOT / "locale"


def _languages() -> tuple[str, ...]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        langs = tomllib.load(f)["tool"]["zoomguide"]["languages"]
    return tuple(str(lang) for lang in langs)


#: The guide's languages, from pyproject.toml; the first is the source language.
LANGUAGES = _languages()
SOURCE_LANGUAGE = LANGUAGES[0]
TRANSLATIONS = LANGUAGES[1:]
