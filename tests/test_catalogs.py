"""The catalogs (locale/): every message translated and current (a fuzzy or empty one
would show the source language on a translated page), and `make gettext` would change
nothing (it runs on docs/ and updates a copy of locale/, LOCALEDIR)."""

from __future__ import annotations

import difflib
import shutil
import sys
from pathlib import Path

import polib

from conftest import make
from zoomguide.project import LOCALE


def problems(catalog: polib.POFile) -> list[str]:
    """Entries that would not reach the translated pages as they should."""
    return ([f"untranslated: {e.msgid!r}" for e in catalog if not (e.obsolete or e.fuzzy or e.translated())]
            + [f"fuzzy: {e.msgid!r}" for e in catalog.fuzzy_entries()]
            + [f"obsolete: {e.msgid!r}" for e in catalog.obsolete_entries()])


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines() if path.exists() else []


def test_every_message_is_translated_and_current() -> None:
    planted = polib.POFile()
    planted.append(polib.POEntry(msgid="訳した", msgstr="translated"))
    planted.append(polib.POEntry(msgid="訳していない", msgstr=""))
    planted.append(polib.POEntry(msgid="古い訳", msgstr="stale", flags=["fuzzy"]))
    planted.append(polib.POEntry(msgid="消えた", msgstr="gone", obsolete=True))
    assert problems(planted) == ["untranslated: '訳していない'", "fuzzy: '古い訳'", "obsolete: '消えた'"]
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    found = [f"{path.relative_to(LOCALE)}: {p}" for path in catalogs for p in problems(polib.pofile(str(path)))]
    assert not found, "\n".join(found)


def test_make_gettext_changes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    make("gettext", tmp_path / "build", f"LOCALEDIR={copy}", f"VENV={sys.prefix}")
    assert list((tmp_path / "build" / "gettext").glob("*.pot")), "make gettext extracted nothing"
    changed: list[str] = []
    for path in sorted({p.relative_to(LOCALE) for p in LOCALE.rglob("*.po")}
                       | {p.relative_to(copy) for p in copy.rglob("*.po")}):
        before, after = (lines(root / path) for root in (LOCALE, copy))
        changed += difflib.unified_diff(before, after, str(path), f"{path} after make gettext", n=0, lineterm="")
    assert not changed, "run `make gettext` and translate:\n" + "\n".join(changed)
