"""The committed catalogs match docs/: `make gettext` would change no message.

`make gettext` runs on the real docs/ but updates a copy of locale/ (LOCALEDIR), so
the working tree is untouched. After it, every catalog of every translation must
hold exactly the committed messages, each translated, none fuzzy, none obsolete.
A fuzzy or untranslated entry would silently show Japanese on an English page.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polib
import pytest

from conftest import make
from zoomguide.project import LOCALE, TRANSLATIONS

#: Catalogs that are not made from a page: Sphinx's own domain (theme strings).
NOT_FROM_PAGES = {"sphinx.po"}


@pytest.fixture(scope="session")
def updated_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of locale/ after `make gettext` (which builds into a scratch BUILDDIR)."""
    scratch = tmp_path_factory.mktemp("gettext")
    copy = scratch / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    make("gettext", scratch / "build", f"LOCALEDIR={copy}", f"VENV={sys.prefix}")
    return copy


def page_catalogs(locale: Path, lang: str) -> dict[str, Path]:
    folder = locale / lang / "LC_MESSAGES"
    return {p.name: p for p in sorted(folder.glob("*.po")) if p.name not in NOT_FROM_PAGES}


def problems(catalog: polib.POFile) -> list[str]:
    """Entries that would not reach the translated pages as they should."""
    found = [f"untranslated: {e.msgid!r}" for e in catalog if not (e.obsolete or e.fuzzy or e.translated())]
    found += [f"fuzzy: {e.msgid!r}" for e in catalog.fuzzy_entries()]
    found += [f"obsolete: {e.msgid!r}" for e in catalog.obsolete_entries()]
    return found


def messages(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.obsolete}


def test_there_is_something_to_compare() -> None:
    assert TRANSLATIONS, "no translation listed in pyproject.toml"
    for lang in TRANSLATIONS:
        assert page_catalogs(LOCALE, lang), f"no catalog committed for {lang}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_page_catalog_is_new_or_left_over(updated_locale: Path, lang: str) -> None:
    assert page_catalogs(updated_locale, lang).keys() == page_catalogs(LOCALE, lang).keys()


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_make_gettext_changes_no_message(updated_locale: Path, lang: str) -> None:
    changed = []
    for name, path in page_catalogs(updated_locale, lang).items():
        committed = LOCALE / lang / "LC_MESSAGES" / name
        before = messages(committed) if committed.exists() else {}
        after = messages(path)
        changed += [f"{name}: new {m!r}" for m in after.keys() - before.keys()]
        changed += [f"{name}: gone {m!r}" for m in before.keys() - after.keys()]
        changed += [f"{name}: translation changed for {m!r}" for m in after.keys() & before.keys()
                    if after[m] != before[m]]
    assert not changed, "run `make gettext` and translate:\n" + "\n".join(changed)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_message_is_translated_and_current(updated_locale: Path, lang: str) -> None:
    found = [f"{name}: {p}" for name, path in page_catalogs(updated_locale, lang).items()
             for p in problems(polib.pofile(str(path)))]
    assert not found, "\n".join(found)


def test_committed_catalogs_have_no_stale_entries() -> None:
    """Every committed catalog, the theme strings' too, as it is in the repository."""
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    found = [f"{path.relative_to(LOCALE)}: {p}" for path in catalogs for p in problems(polib.pofile(str(path)))]
    assert not found, "\n".join(found)


def test_problems_finds_each_kind() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="訳した", msgstr="translated"))
    catalog.append(polib.POEntry(msgid="訳していない", msgstr=""))
    catalog.append(polib.POEntry(msgid="古い訳", msgstr="stale", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="消えた", msgstr="gone", obsolete=True))
    assert problems(catalog) == [
        "untranslated: '訳していない'", "fuzzy: '古い訳'", "obsolete: '消えた'",
    ]
