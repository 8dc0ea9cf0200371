"""Prose lint: textlint on the Japanese pages, codespell on the English catalogs and
the Python sources. Zero findings.

textlint knows CommonMark, not MyST, so it reads a view of each page in which the
MyST-only syntax (targets, fences and options of directives, roles) is replaced,
line for line and column for column, so that findings point into docs/. The prose
of callouts and figures (captions and alt texts) is linted too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from zoomguide.project import DOCS, LOCALE, ROOT

TEXTLINT = ROOT / "node_modules" / ".bin" / "textlint"
TEXTLINTRC = ROOT / ".textlintrc.yml"
CODESPELL = Path(sys.prefix) / "bin" / "codespell"

_OPEN = re.compile(r"^(\s*)(:{3,}|`{3,}|~{3,})\{([\w:-]+)\}(.*)$")
_FENCE = re.compile(r"^\s*(:{3,}|`{3,}|~{3,})(.*)$")
_OPTION = re.compile(r"^(\s*):([\w-]+):(\s.*)?$")
_TARGET = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
#: Directives whose content and ``:alt:`` are prose for the reader; any other
#: directive (code, toctree, raw, the mail template, ...) is code to textlint.
PROSE_DIRECTIVES = {
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
    "seealso", "tip", "warning", "figure", "topic", "sidebar", "margin",
}
#: Directives whose argument is not a title (a file name).
_ARGUMENT_NOT_TITLE = {"figure", "image"}

#: Kana and kanji: the Japanese letters that digits must touch without a space.
_KANA_KANJI = "\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
#: A number (not part of a word such as an address) parted from Japanese by a space.
_NUMBER = r"(?<![A-Za-z0-9_@./-])[0-9](?:[0-9,.]*[0-9])?(?![A-Za-z0-9_@/-])"
_SPACED_DIGITS = re.compile(rf"{_NUMBER}[ \u3000]+(?=[{_KANA_KANJI}])|(?<=[{_KANA_KANJI}])[ \u3000]+{_NUMBER}")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def textlint_view(source: str, keep_code: bool = True) -> str:
    """``source`` (MyST) as CommonMark with the same lines and columns.

    The opening fence of a callout becomes a heading holding its title (or a blank
    line), a figure's ``:alt:`` text a paragraph, other options, closing fences and
    targets blank lines, a role a code span of the same length. Other directives
    and code stay code (textlint skips it), or blank lines without ``keep_code``.
    """
    out: list[str] = []
    # Open fences, innermost last: (marker, is prose).
    fences: list[tuple[str, bool]] = []
    options = False
    for line in source.split("\n"):
        if fences and not fences[-1][1]:
            fence = _FENCE.match(line)
            if fence and not fence.group(2).strip() and fence.group(1).startswith(fences[-1][0]):
                fences.pop()
            out.append(line if keep_code else "")
            continue
        if opener := _OPEN.match(line):
            indent, marker, name, argument = opener.groups()
            fences.append((marker, name in PROSE_DIRECTIVES))
            if not fences[-1][1]:
                out.append(line if keep_code else "")
            elif argument.strip() and name not in _ARGUMENT_NOT_TITLE:
                out.append(f"{indent}#{' ' * (len(marker) + len(name) + 1)}{argument}")
            else:
                out.append("")
            options = fences[-1][1]
            continue
        if options and (option := _OPTION.match(line)):
            indent, name, value = option.groups()
            if name == "alt" and value:
                out.append(" " * (len(indent) + len(name) + 2) + value)
            else:
                out.append("")
            continue
        options = False
        fence = _FENCE.match(line)
        if fence and not fence.group(2).strip() and fences and fence.group(1).startswith(fences[-1][0]):
            fences.pop()
            out.append("")
            continue
        if fence and fence.group(1)[0] in "`~":
            # A plain code fence (```text, ```python): code until it closes.
            fences.append((fence.group(1), False))
            out.append(line if keep_code else "")
            continue
        if _TARGET.match(line):
            out.append("")
            continue
        out.append(_ROLE.sub(lambda r: "`" + "_" * (len(r.group()) - 2) + "`", line))
    return "\n".join(out)


def pages() -> list[Path]:
    found = sorted(DOCS.glob("*.md"))
    assert found, f"no page in {DOCS}"
    return found


def run_textlint(files: list[Path], views: Path) -> list[str]:
    """textlint findings for ``files`` as "docs/page.md:line:column rule message"."""
    assert TEXTLINT.exists(), "textlint is missing: run `make check-tools` (npm ci)"
    names = {}
    for page in files:
        view = views / page.name
        view.write_text(textlint_view(page.read_text(encoding="utf-8")), encoding="utf-8")
        names[str(view)] = page
    result = subprocess.run(
        [str(TEXTLINT), "--config", str(TEXTLINTRC), "--format", "json", *names],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode in (0, 1) and result.stdout.startswith("["), result.stderr
    findings = []
    for report in json.loads(result.stdout):
        page = names[report["filePath"]]
        where = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
        for msg in report["messages"]:
            text = msg["message"].splitlines()[0]
            findings.append(f"{where}:{msg['line']}:{msg['column']} {msg['ruleId']} {text}")
    assert (result.returncode == 1) == bool(findings), result.stdout
    return findings


def spaced_digits(source: str, name: str = "") -> list[str]:
    """Places where a digit and a Japanese letter are parted by a space ("2020 年")."""
    found = []
    for number, line in enumerate(textlint_view(source, keep_code=False).split("\n"), 1):
        prose = _CODE_SPAN.sub(lambda m: "x" * len(m.group()), line)
        prose = re.sub(r"\]\([^)]*\)|<[^>]*>", lambda m: "x" * len(m.group()), prose)
        found += [f"{name}:{number}:{m.start() + 1} {line[max(0, m.start() - 1):m.end() + 1].strip()!r}"
                  for m in _SPACED_DIGITS.finditer(prose)]
    return found


# -- the pages ----------------------------------------------------------------------


def test_textlint_finds_nothing_in_the_japanese_pages(tmp_path: Path) -> None:
    findings = run_textlint(pages(), tmp_path)
    assert not findings, "\n".join(findings)


def test_no_space_between_digits_and_japanese() -> None:
    found = [f for page in pages() for f in spaced_digits(page.read_text(encoding="utf-8"), page.name)]
    assert not found, "\n".join(found)


def test_codespell_finds_nothing_in_catalogs_and_sources() -> None:
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    result = subprocess.run(
        [str(CODESPELL), "--skip", "*.pyc,__pycache__", *map(str, catalogs), str(ROOT / "src")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_switched_off_or_changed_says_why() -> None:
    text = TEXTLINTRC.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    presets = {name for name, value in config["rules"].items() if name.startswith("preset-")}
    # The lines that set a rule to something other than plain `true`.
    changed: list[tuple[str, ...]] = []
    for name, value in config["rules"].items():
        if name in presets and isinstance(value, dict):
            changed += [(name, rule) for rule, setting in value.items() if setting is not True]
        elif value is not True:
            changed.append((name,))
    assert changed, "the check would have nothing to check"
    lines = text.split("\n")
    missing = []
    for path in changed:
        key = path[-1]
        indent = "  " * len(path)
        number = next(i for i, line in enumerate(lines) if re.match(rf"{indent}['\"]?{re.escape(key)}['\"]?:", line))
        above = lines[number - 1].strip()
        if not (above.startswith("#") and len(above) > 10):
            missing.append("/".join(path))
    assert not missing, f"no reason in the comment line above: {missing}"
    # Both presets stay on.
    for preset in ("preset-ja-technical-writing", "preset-jtf-style"):
        assert config["rules"].get(preset) not in (None, False), preset


# -- the checks themselves find what they must -----------------------------------------


def test_textlint_view_keeps_lines_and_columns() -> None:
    source = "\n".join([
        "(label)=",
        "# 見出し",
        ":::{admonition} 2020年3月",
        ":class: note",
        "本文です。{ref}`label` を読みます。",
        ":::",
        "1. 手順です。",
        "   ```{figure} img/a.svg",
        "   :name: fig-a",
        "   :alt: 画面の説明です。",
        "",
        "   図の説明です。",
        "   ```",
        "```{raw} html",
        ":::",
        "```",
        "````text",
        "```",
        "````",
    ])
    assert textlint_view(source).split("\n") == [
        "",
        "# 見出し",
        "#" + " " * 15 + "2020年3月",
        "",
        "本文です。`__________` を読みます。",
        "",
        "1. 手順です。",
        "",
        "",
        "         画面の説明です。",
        "",
        "   図の説明です。",
        "",
        "```{raw} html",
        ":::",
        "```",
        "````text",
        "```",
        "````",
    ]
    assert textlint_view(source, keep_code=False).split("\n")[13:] == [""] * 6


def test_textlint_reports_what_the_style_forbids(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_text(
        "# 見本\n\n"
        "これはZoomのアカウントです。\n\n"      # no space between Japanese and Latin
        "このアカウントは大学の契約である。\n\n"  # である調 in a です・ます page
        "設定は完了です。\n\n"
        "本当ですか?\n\n",                     # a question mark outside a quoted label
        encoding="utf-8",
    )
    views = tmp_path / "views"
    views.mkdir()
    findings = run_textlint([page], views)
    rules = {f.split(" ")[1] for f in findings}
    assert "ja-space-between-half-and-full-width" in rules, findings
    assert "ja-technical-writing/no-mix-dearu-desumasu" in rules, findings
    assert "ja-technical-writing/no-exclamation-question-mark" in rules, findings
    good = tmp_path / "good.md"
    good.write_text("# 見本\n\n大学の Zoom アカウントで「Forgot password?」をクリックします。2020年3月16日です。\n",
                    encoding="utf-8")
    assert run_textlint([good], views) == []


def test_spaced_digits_are_found() -> None:
    assert spaced_digits("2020 年3月、3月 24日と `10 桁` です。\n", "x") == ["x:1:1 '2020 年'", "x:1:12 '月 24日'"]
    assert spaced_digits("大学の Zoom アカウントは2020年3月16日から。アドレス 0123456789@example.org を使います。\n") == []


def test_codespell_reads_catalogs(tmp_path: Path) -> None:
    catalog = tmp_path / "page.po"
    catalog.write_text('msgid "本文"\nmsgstr "Teh invitation was recieved."\n', encoding="utf-8")
    result = subprocess.run([str(CODESPELL), str(catalog)], capture_output=True, text=True)
    assert result.returncode != 0 and "recieved" in result.stdout, result.stdout

