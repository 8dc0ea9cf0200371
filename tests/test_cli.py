"""The ``utaccount`` command, run for real: ``python -m utaccount`` and the console script."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import utaccount
from zoomguide.project import DOCS

# The console script that `make venv` installs beside the interpreter running the tests.
SCRIPT = Path(sys.executable).parent / "utaccount"
COMMANDS = {"module": [sys.executable, "-m", "utaccount"], "script": [str(SCRIPT)]}
ID = "0123456789"
#: The first language the mail has a gloss in.
GLOSS = utaccount.LANGUAGES[1]
REQUEST = ["request", "--affiliation", "情報基盤センター", "--name", "本郷 花子", "--id", ID]


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest) -> list[str]:
    return COMMANDS[str(request.param)]


def run(command: list[str], *args: str | bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command, *args], capture_output=True, text=True, encoding="utf-8")


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"{SCRIPT} is missing: run make venv"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["address", "０１２３-４５６ ７８９"], utaccount.eccs_address(ID)),
        (["mask", ID], utaccount.mask_common_id(ID)),
        (["id", f" {ID}@G.ECC.U-TOKYO.AC.JP"], ID),
        (REQUEST, utaccount.resend_request("情報基盤センター", "本郷 花子", ID)),
        ([*REQUEST, "--lang", GLOSS], utaccount.resend_request("情報基盤センター", "本郷 花子", ID, lang=GLOSS)),
        ([*REQUEST, "--mailto"], utaccount.resend_request_mailto("情報基盤センター", "本郷 花子", ID) + "\n"),
    ],
)
def test_results_go_to_stdout(command: list[str], args: list[str], expected: str) -> None:
    done = run(command, *args)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["address", "12345"], "a common ID is 10 digits; this one has 5"),
        (["mask", "０１２３４５６７８x"], "'x' (position 10) is not a digit"),
        (["address", ""], "it is empty"),
        (["address"], "the following arguments are required: ID"),
        (["address", ID, ID], "unrecognized arguments"),
        ([], "the following arguments are required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["id", "hanako"], "'hanako' is not an email address"),
        (["id", "0123456789@example.com"], "is not an ECCS address"),
        (["request", "--name", "本郷 花子", "--id", ID], "required: --affiliation"),
        (["request", "--affiliation", "", "--name", "x", "--id", ID], "the affiliation is empty"),
        ([*REQUEST[:4], "本郷\n花子", *REQUEST[5:]], "contains U+000A"),
        ([*REQUEST, "--lang", "xx"], "invalid choice: 'xx'"),
        ([*REQUEST, "--mailto", "--lang", GLOSS], "--mailto sends the mail itself"),
        (["address", ID, "--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_status_2(
    command: list[str], args: list[str], message: str
) -> None:
    done = run(command, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n"), done.stderr
    assert done.stderr.startswith("utaccount") and "error: " in done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_undecodable_arguments_are_bad_input(command: list[str]) -> None:
    done = subprocess.run([*command, *REQUEST[:4], b"\xff\xfe", *REQUEST[5:]], capture_output=True)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


def test_an_alias_does_not_tell_the_id(command: list[str]) -> None:
    done = run(command, "id", "hanako.hongo@g.ecc.u-tokyo.ac.jp")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.count("\n") == 1 and "alias" in done.stderr


def test_help_is_useful_on_its_own(command: list[str]) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("usage: utaccount ")
    for subcommand in ("address", "mask", "id", "request"):
        assert re.search(rf"^\s+{subcommand}\s+\S", done.stdout, re.MULTILINE), subcommand
    assert "10 digits" in done.stdout and "exit status 2" in done.stdout
    request = run(command, "request", "--help")
    for option in ("--affiliation", "--name", "--id", "--lang", "--mailto"):
        assert option in request.stdout
    assert utaccount.RESEND_REQUEST_TO in request.stdout


# --- the examples of docs/helpdesk.md ----------------------------------------------------

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def console_examples() -> list[tuple[str, str]]:
    """``(command line, expected output)`` of each ``$`` line in the page's console blocks."""
    examples: list[tuple[str, str]] = []
    for block in CONSOLE_BLOCK.findall((DOCS / "helpdesk.md").read_text("utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            line, _, output = chunk.partition("\n")
            examples.append((line, output))
    return examples


def test_the_page_has_console_examples_of_every_subcommand() -> None:
    used = {shlex.split(line)[1] for line, _ in console_examples()}
    assert used >= {"address", "mask", "id", "request"}


@pytest.mark.parametrize(("line", "output"), console_examples())
def test_console_examples_of_the_help_desk_page(line: str, output: str) -> None:
    program, *args = shlex.split(line)
    assert program == "utaccount"
    done = run(COMMANDS["script"], *args)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == output
