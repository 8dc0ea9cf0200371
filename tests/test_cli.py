"""The ``utaccount`` command, run as people run it: results, errors, help, and the guide's examples."""

from __future__ import annotations

import re
import shlex
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, PAGES

import utaccount
from vectors import AFFILIATION, ID, NAME

COMMAND = [sys.executable, "-m", "utaccount"]
#: The console script that `make venv` installs, which the guide's examples call.
SCRIPT = Path(sys.executable).parent / "utaccount"
SUBCOMMANDS = ("sign-in", "address", "mask", "id", "request")
GLOSS = utaccount.LANGUAGES[1]  # the first language the mail has a gloss in
MAIL = (AFFILIATION, NAME, ID)
REQUEST = ["request", "--affiliation", MAIL[0], "--name", MAIL[1], "--id", ID]


def run(*args: str | bytes, command: list[str] = COMMAND) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize(("args", "expected"), [
    ([*REQUEST, "--lang", GLOSS], utaccount.resend_request(*MAIL, lang=GLOSS)),
    ([*REQUEST, "--mailto"], utaccount.resend_request_mailto(*MAIL)),
])
def test_results_go_to_stdout(args: list[str], expected: str) -> None:
    done = run(*args)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", expected.rstrip("\n") + "\n")


@pytest.mark.parametrize(("args", "status", "message"), [
    (["address", "12345"], 2, "error: a common ID is 10 digits; this one has 5"),
    ([*REQUEST, "--mailto", "--lang", GLOSS], 2, "error: --mailto sends the mail itself"),
    ([], 2, "error: the following arguments are required: COMMAND"),
    ([*REQUEST, "--lang", "xx"], 2, "error: argument --lang: invalid choice: 'xx'"),
    ([*REQUEST[:4], b"\xff\xfe", *REQUEST[5:]], 2, "error: the name must be one line of text; it contains U+DCFF"),
    (["id", f"hanako.hongo@{utaccount.ECCS_DOMAIN}"], 1, "is an alias the user chose"),  # no ID to tell
    (["id", b"\xff@g.ecc.u-tokyo.ac.jp"], 2, "is not an email address: it contains U+DCFF"),
    (["id", f"０１２３４５６７８９x@{utaccount.ECCS_DOMAIN}"], 2, "is neither a common ID nor an alias"),
    (["sign-in", "012-345-678"], 2, "error: a common ID is 10 digits; this one has 9"),
    ([*REQUEST[:4], "本郷\u202e花子", *REQUEST[5:]], 2, "must not contain invisible format characters"),
    ([*REQUEST, "--lang", "ｘ"], 2, "invalid choice"),  # not ASCII, and stderr is: escaped
    ([*REQUEST], 3, "standard output (ascii) cannot show the result"),  # (on an ASCII stdout)
])
def test_bad_input_is_one_line_on_stderr(args: list[str | bytes], status: int, message: str) -> None:
    ascii_io = {**os.environ, "PYTHONIOENCODING": "ascii"} if status == 3 or "ｘ" in args else None
    done = subprocess.run([*COMMAND, *args], capture_output=True, env=ascii_io)
    assert (done.returncode, done.stdout) == (status, b"")
    stderr = done.stderr.decode("ascii" if ascii_io else "utf-8")
    assert re.fullmatch(r"utaccount( \w+)?: [^\n]+\n", stderr) and message in stderr, stderr


def test_what_needs_no_japanese_works_on_an_ascii_stdout() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii:strict"}
    for args, expected in ((["sign-in", "０１２３ー４５６ー７８９"], re.escape(utaccount.sign_in_name(ID)) + "\n"),
                           ([*REQUEST, "--mailto"], re.escape(utaccount.resend_request_mailto(*MAIL)) + "\n"),
                           (["--help"], "usage: .+\n")):
        done = subprocess.run([*COMMAND, *args], capture_output=True, env=env, text=True, encoding="utf-8")
        assert (done.returncode, done.stderr) == (0, "") and re.fullmatch(expected, done.stdout, re.DOTALL), args


def test_help_is_useful() -> None:
    done, request = run("--help"), run("request", "--help")
    assert (done.returncode, done.stderr, request.returncode) == (0, "", 0)
    assert all(re.search(rf"^\s+{command}\s+\w", done.stdout, re.MULTILINE) for command in SUBCOMMANDS)
    assert "10 digits" in done.stdout and "exit status 2" in done.stdout
    assert all(word in request.stdout for word in ("--affiliation", "--name", "--id", "--lang", "--mailto",
                                                   utaccount.RESEND_REQUEST_TO))


def console_examples() -> list[tuple[str, str, str]]:
    """``(page, command line, expected output)`` of each ``$`` line in the pages' console blocks."""
    examples = []
    for page in PAGES:
        text = (DOCS / f"{page}.md").read_text("utf-8")
        for block in re.findall(r"^```console\n(.*?)^```$", text, re.DOTALL | re.MULTILINE):
            for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
                line, _, output = chunk.partition("\n")
                examples.append((page, line, output))
    return examples


def test_the_pages_show_every_subcommand() -> None:
    assert {shlex.split(line)[1] for _, line, _ in console_examples()} >= set(SUBCOMMANDS)


@pytest.mark.parametrize(("page", "line", "output"), console_examples())
def test_the_console_examples_are_true(page: str, line: str, output: str) -> None:
    program, *args = shlex.split(line)
    assert program == SCRIPT.name and SCRIPT.is_file(), f"{page}: {line} (run make venv)"
    done = run(*args, command=[str(SCRIPT)])
    assert (done.returncode, done.stderr, done.stdout) == (0, "", output)
