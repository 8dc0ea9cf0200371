"""The ``utaccount`` command, run as people run it: results, errors, help, and the guide's examples."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, PAGES

import utaccount

COMMAND = [sys.executable, "-m", "utaccount"]
#: The console script that `make venv` installs, which the guide's examples call.
SCRIPT = Path(sys.executable).parent / "utaccount"
SUBCOMMANDS = ("address", "mask", "id", "request")
ID = "0123456789"
#: The first language the mail has a gloss in.
GLOSS = utaccount.LANGUAGES[1]
MAIL = ("情報基盤センター", "本郷 花子", ID)
REQUEST = ["request", "--affiliation", MAIL[0], "--name", MAIL[1], "--id", ID]


def run(*args: str | bytes, command: list[str] = COMMAND) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize(("args", "expected"), [
    (["id", f" {ID}@G.ECC.U-TOKYO.AC.JP"], ID),
    ([*REQUEST, "--lang", GLOSS], utaccount.resend_request(*MAIL, lang=GLOSS)),
    ([*REQUEST, "--mailto"], utaccount.resend_request_mailto(*MAIL)),
])
def test_results_go_to_stdout(args: list[str], expected: str) -> None:
    done = run(*args)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", expected.rstrip("\n") + "\n")


@pytest.mark.parametrize(("args", "message"), [
    (["address", "12345"], "a common ID is 10 digits; this one has 5"),
    (["mask", "０１２３４５６７８x"], "'x' (position 10) is not a digit"),
    (["id", "hanako"], "'hanako' is not an email address"),
    (["id", "0123456789@example.com"], "is not an ECCS address"),
    ([*REQUEST[:4], "本郷\n花子", *REQUEST[5:]], "the name must be one line of text; it contains U+000A"),
    ([*REQUEST, "--mailto", "--lang", GLOSS], "--mailto sends the mail itself"),
    ([], "the following arguments are required: COMMAND"),
    (["request", "--name", MAIL[1], "--id", ID], "the following arguments are required: --affiliation"),
    ([*REQUEST, "--lang", "xx"], "invalid choice: 'xx'"),
    (["address", ID, "--no-such-option"], "unrecognized arguments: --no-such-option"),
])
def test_bad_input_is_one_line_on_stderr_and_status_2(args: list[str], message: str) -> None:
    done = run(*args)
    assert (done.returncode, done.stdout) == (2, "")
    assert re.fullmatch(r"utaccount: error: [^\n]+\n", done.stderr), done.stderr
    assert message in done.stderr


def test_undecodable_arguments_are_bad_input() -> None:
    done = subprocess.run([*COMMAND, *REQUEST[:4], b"\xff\xfe", *REQUEST[5:]], capture_output=True)
    assert (done.returncode, done.stdout) == (2, b"")
    assert re.fullmatch(rb"utaccount: error: [^\n]+\n", done.stderr), done.stderr


def test_an_alias_does_not_tell_the_id() -> None:
    done = run("id", f"hanako.hongo@{utaccount.ECCS_DOMAIN}")
    assert (done.returncode, done.stdout) == (1, "")
    assert re.fullmatch(r"utaccount: [^\n]*alias[^\n]*\n", done.stderr), done.stderr


def test_help_is_useful() -> None:
    done = run("--help")
    assert (done.returncode, done.stderr) == (0, "")
    for subcommand in SUBCOMMANDS:
        assert re.search(rf"^\s+{subcommand}\s+\w", done.stdout, re.MULTILINE), subcommand
    assert "10 digits" in done.stdout and "exit status 2" in done.stdout
    done = run("request", "--help")
    for option in ("--affiliation", "--name", "--id", "--lang", "--mailto", utaccount.RESEND_REQUEST_TO):
        assert option in done.stdout


# --- the console examples of the guide's pages ------------------------------------------

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
