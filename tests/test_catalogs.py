"""The catalogs (locale/): every message translated and current (a fuzzy or empty one
would show the source language on a translated page), `make gettext` would change
nothing (it runs on docs/ and updates a copy of locale/, LOCALEDIR), and the builds
read them compiled as Sphinx would compile them."""

from __future__ import annotations

import difflib
import gettext
import re
import shutil
import sys
from pathlib import Path

import polib
from sphinx.util.i18n import CatalogRepository

from conftest import DOCS, LANGUAGES, LOCALE, make


#: What to do with a fuzzy message (a guess of `make gettext` from the old one).
FUZZY = "fuzzy (check the translation, then delete its '#, fuzzy' line)"
#: A {placeholder} that a script fills in (the address box's messages), or a MyST role.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def problems(catalog: polib.POFile) -> list[str]:
    """Entries that would not reach the translated pages as they should."""
    return ([f"untranslated: {e.msgid!r}" for e in catalog if not (e.obsolete or e.fuzzy or e.translated())]
            + [f"{FUZZY}: {e.msgid!r}" for e in catalog.fuzzy_entries()]
            + [f"obsolete: {e.msgid!r}" for e in catalog.obsolete_entries()]
            + [f"placeholders {sorted(set(PLACEHOLDER.findall(e.msgid)))} not kept: {e.msgstr!r}"
               for e in catalog.translated_entries()
               if sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(e.msgstr))])


def differences(catalogs: dict[str, polib.POFile]) -> list[str]:
    """Messages that two catalogs of one language translate differently: a part that
    several pages include (docs/_includes/) has a copy in each page's catalog."""
    said: dict[str, dict[str, str]] = {}
    for name, catalog in catalogs.items():
        for entry in catalog.translated_entries():
            said.setdefault(entry.msgid, {})[name] = entry.msgstr
    return [f"{msgid!r} differs in {sorted(by)}" for msgid, by in said.items() if len(set(by.values())) > 1]


def lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines() if path.exists() else []


def test_every_message_is_translated_and_current() -> None:
    planted = polib.POFile()
    planted.append(polib.POEntry(msgid="訳した", msgstr="translated"))
    planted.append(polib.POEntry(msgid="訳していない", msgstr=""))
    planted.append(polib.POEntry(msgid="古い訳", msgstr="stale", flags=["fuzzy"]))
    planted.append(polib.POEntry(msgid="消えた", msgstr="gone", obsolete=True))
    planted.append(polib.POEntry(msgid="{count}桁です。", msgstr="It has digits."))
    assert problems(planted) == ["untranslated: '訳していない'", f"{FUZZY}: '古い訳'", "obsolete: '消えた'",
                                 "placeholders ['count'] not kept: 'It has digits.'"]
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    found = [f"{path.relative_to(LOCALE)}: {p}" for path in catalogs for p in problems(polib.pofile(str(path)))]
    assert not found, "\n".join(found)


def test_a_shared_part_is_translated_alike_on_every_page() -> None:
    page, other = (polib.POFile() for _ in range(2))
    page.append(polib.POEntry(msgid="共通の注記", msgstr="A shared note"))
    other.append(polib.POEntry(msgid="共通の注記", msgstr="A shared notice"))
    assert differences({"a.po": page, "b.po": other}) == ["'共通の注記' differs in ['a.po', 'b.po']"]
    found = [d for folder in sorted(LOCALE.glob("*/LC_MESSAGES"))
             for d in differences({p.name: polib.pofile(str(p)) for p in folder.glob("*.po")})]
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


def test_the_builds_read_the_catalogs_compiled_as_sphinx_would(tmp_path: Path) -> None:
    """`make` compiles the catalogs before a build starts, so that no two builds of one
    language write a catalog at once (Makefile, "catalogs"), and Sphinx then finds
    nothing to compile. What it compiles is what Sphinx would: a fuzzy message stays
    untranslated, and so does nothing else."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    stale = polib.pofile(str(next(copy.glob("*/LC_MESSAGES/index.po"))))
    stale.translated_entries()[0].flags.append("fuzzy")
    stale.save()
    make("catalogs", tmp_path / "build", f"LOCALEDIR={copy}", f"VENV={sys.prefix}")
    wrong: list[str] = []
    for path in sorted(copy.glob("*/LC_MESSAGES/*.po")):
        with path.with_suffix(".mo").open("rb") as compiled:
            translations = gettext.GNUTranslations(compiled)
        for entry in polib.pofile(str(path)):
            shown = translations.gettext(entry.msgid)
            if entry.msgid and shown != (entry.msgstr if entry.translated() else entry.msgid):
                wrong.append(f"{path.relative_to(copy)}: {entry.msgid!r} shows {shown!r}")
    assert not wrong, "\n".join(wrong)
    outdated = [c.mo_path for lang in LANGUAGES
                for c in CatalogRepository(str(DOCS), [str(copy)], lang, "utf-8").catalogs if c.is_outdated()]
    assert not outdated, f"Sphinx would compile these again: {outdated}"
