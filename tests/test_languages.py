"""A new language is the list and its catalogs: nothing else to edit."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import LANGUAGES, PAGES, ROOT, make, tag, unmarked
from zoomguide import figures

#: Languages people would add: one in a script the guide does not use yet, one whose
#: code has a region (folder and catalogs "zh_TW", language tag "zh-TW"). The marking
#: of other scripts: test_langspans.py.
NEW = ["ko", "zh_TW"]


def test_a_new_language_builds_from_the_list_and_make_gettext(tmp_path: Path) -> None:
    """Adding codes to pyproject.toml's list, then `make gettext` and `make html`,
    builds them: every page, in its language, untranslated text in the source language."""
    copy = tmp_path / "repo"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    (copy / ".git").symlink_to(ROOT / ".git")  # the pages' dates come from git
    (copy / ".venv").symlink_to(ROOT / ".venv")
    toml = copy / "pyproject.toml"
    listed = ", ".join(f'"{code}"' for code in [*LANGUAGES, *NEW])
    toml.write_text(re.sub(r"languages = \[.*\]", f"languages = [{listed}]", toml.read_text("utf-8")), "utf-8")
    shutil.copystat(ROOT / "pyproject.toml", toml)  # so that the shared venv is up to date
    make("gettext", tmp_path / "build", cwd=copy)
    make("html", tmp_path / "build", cwd=copy)
    site = tmp_path / "build" / "html"
    for code in NEW:
        assert sorted(p.stem for p in (copy / "locale" / code / "LC_MESSAGES").glob("*.po")) == sorted([*PAGES, figures.DOMAIN])
        for page in PAGES:
            html = (site / code / f"{page}.html").read_text("utf-8")
            assert f'<html class="no-js" lang="{tag(code)}"' in html, page
        assert f'hreflang="{tag(code)}"' in (site / "index.html").read_text("utf-8")
    # The translated pages still mark every part in another language. (Not yet the
    # new languages': their untranslated words outside the pages, such as the site's
    # name, are in the source language without saying so until they are translated.)
    marks = [f"{page.relative_to(site)}: {problem}" for code in LANGUAGES for page in (site / code).rglob("*.html")
             for problem in unmarked(page.read_text("utf-8"), code, (*LANGUAGES, *NEW))]
    assert marks == []
    # Every lang and hreflang of the site is a language tag, never a code such as "zh_TW".
    codes = [f'lang="{code}"' for code in NEW if code != tag(code)]
    wrong = [f"{path.relative_to(site)}: {code}" for path in site.rglob("*.html")
             for code in codes if code in path.read_text("utf-8")]
    assert codes and wrong == []
