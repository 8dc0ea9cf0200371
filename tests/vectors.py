"""The test vectors of the ID rules, shared by utaccount (Python) and address-box.js.

``python tests/vectors.py`` writes ``tests/vectors.json`` from the inputs below and
what :mod:`utaccount` makes of them; ``tests/test_address_box.py`` runs every vector
through the page's script in a browser and compares.

A refusal is written as data, the same in both languages of code:
``{"field": "common_id", "reason": "not-a-digit", "char": "S", "position": 6}``,
``{"field": "common_id", "reason": "length", "count": 5}``, ``{"field": …, "reason":
"empty"}``, ``{"field": "name", "reason": "not-one-line", "char": "\\n"}``. utaccount
says these in English messages; :func:`refusal` reads them back.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

import utaccount

PATH = Path(__file__).with_name("vectors.json")

#: Every character Python's str.strip() removes: the script must strip the same set.
PY_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
#: Tried between the digits: what people type (hyphens, minus signs, spaces), then
#: what looks like it but is refused (tab, no-break and zero-width space, newline).
BETWEEN = ["-", "－", "‐", "‑", "−", " ", "\u3000", "\t", "\u00a0", "\u200b", "\n"]
#: Characters that control text or look like digits: the same answers from UTF-16 code.
ODD = ["\ufeff", "\u200b", "\u180e", "😀", "\ud800", "٣", "𝟑", "³"]

ID = "0123456789"

#: Inputs for normalize_common_id, eccs_address and mask_common_id.
COMMON_IDS = [
    ID,
    "9876543210",
    "０１２３４５６７８９",
    "０１２３-４５６７ ８９",
    "０12３45６78９",
    "  - 0123456789 -  ",
    *[f"012{c}345{c}6789" for c in BETWEEN],
    *[f"{space}{ID}{space}" for space in PY_SPACES],
    *[f"{c}{ID}" for c in ODD],
    *[f"0123{c}456789" for c in ODD],
    # Refused: what is not a digit; its position counts characters, after what is stripped.
    "01234S6789",
    "  01234S6789",
    "😀😀01234S6789",
    "0123456789@g.ecc.u-tokyo.ac.jp",
    "+81 0123456789",
    "１２３４５６７８９O",  # letter O for zero
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    # Refused: wrong number of digits, or none.
    "12345",
    "01234567890",
    "０１２３４５６７８",
    "012-345-678",
    "",
    "\u3000",
    "- -",
    "－‐",
]

AFFILIATION = "情報基盤センター"
NAME = "本郷 花子"

#: Inputs for resend_request and resend_request_mailto: (affiliation, name, common ID).
REQUESTS = [
    (AFFILIATION, NAME, ID),
    ("  " + AFFILIATION + "\u3000", "\u3000" + NAME + " ", " ０１２３-４５６-７８９ "),
    # Characters with a meaning in a URL, a header or a template.
    ("A&B=C?D#E%F", "G+H/I;J:K@L", ID),
    ("!*'()~_.-", "[]{}<>|\\^`\"", ID),
    ("{name}", "{affiliation}", ID),
    ("{common_id}", "{0}", ID),
    ("%0D%0ABcc: x@example.com", "&body=hello", ID),
    # Beyond ASCII and beyond the BMP.
    ("Café Zoë", "Ünïcödé Nämé", ID),
    ("研究所 😀", "𠮷野 家", ID),
    ("ｱｲｳ（半角カナ）", "ＡＢＣ", ID),
    ("a\u200db", "e\u0301", ID),  # zero-width joiner, combining accent: one line still
    ("a\u00a0b", "c\u3000d", ID),  # spaces inside stay
    ("a\x1f", "\u2029b", ID),  # stripped at the ends: Python whitespace
    # Refused: empty fields; more than one line or control characters (the first bad field is told).
    ("", NAME, ID),
    ("\u3000", NAME, ID),
    (AFFILIATION, " \t ", ID),
    ("", "", ""),
    ("Dept.\r\nBcc: x@example.com", NAME, ID),
    ("a\udfff", NAME, ID),
    *[(AFFILIATION, f"本郷{c}花子", ID) for c in "\n\t\u2028\u2029\x85\x1f\x7f\x00\ud800"],
    # Refused: the ID, after good fields.
    (AFFILIATION, NAME, "12345"),
    (AFFILIATION, NAME, "01234S6789"),
    (AFFILIATION, NAME, ""),
    (AFFILIATION, "本郷\n花子", "x"),
]

_NOT_A_DIGIT = re.compile(r"a common ID is \d+ digits; (.+) \(position (\d+)\) is not a digit")
_LENGTH = re.compile(r"a common ID is \d+ digits; this one has (\d+)")
_EMPTY_ID = re.compile(r"a common ID is \d+ digits; it is empty")
_EMPTY = re.compile(r"the (affiliation|name) is empty")
_NOT_ONE_LINE = re.compile(r"the (affiliation|name) must be one line of text; it contains U\+([0-9A-F]+)")


def refusal(error: ValueError) -> dict[str, Any]:
    """The refusal that utaccount's message tells, as data; unknown messages fail."""
    message = str(error)
    if m := _NOT_A_DIGIT.fullmatch(message):
        char = ast.literal_eval(m.group(1))
        return {"field": "common_id", "reason": "not-a-digit", "char": char,
                "position": int(m.group(2))}
    if m := _LENGTH.fullmatch(message):
        return {"field": "common_id", "reason": "length", "count": int(m.group(1))}
    if _EMPTY_ID.fullmatch(message):
        return {"field": "common_id", "reason": "empty"}
    if m := _EMPTY.fullmatch(message):
        return {"field": m.group(1), "reason": "empty"}
    if m := _NOT_ONE_LINE.fullmatch(message):
        return {"field": m.group(1), "reason": "not-one-line", "char": chr(int(m.group(2), 16))}
    raise AssertionError(f"utaccount says something tests/vectors.py does not know: {message!r}")


def common_id_vector(text: str) -> dict[str, Any]:
    try:
        normalized = utaccount.normalize_common_id(text)
    except ValueError as error:
        return {"input": text, "error": refusal(error)}
    return {
        "input": text,
        "normalized": normalized,
        "address": utaccount.eccs_address(text),
        "mask": utaccount.mask_common_id(text),
    }


def request_vector(affiliation: str, name: str, common_id: str) -> dict[str, Any]:
    vector: dict[str, Any] = {"affiliation": affiliation, "name": name, "common_id": common_id}
    try:
        text = utaccount.resend_request(affiliation, name, common_id)
    except ValueError as error:
        vector["error"] = refusal(error)
        return vector
    vector["text"] = text
    vector["mailto"] = utaccount.resend_request_mailto(affiliation, name, common_id)
    return vector


def vectors() -> dict[str, Any]:
    """The vectors as utaccount makes them now."""
    return {
        "about": "Test vectors of utaccount and docs/_static/address-box.js; "
        "made by `python tests/vectors.py` from utaccount: do not edit.",
        "common_ids": [common_id_vector(text) for text in COMMON_IDS],
        "requests": [request_vector(*fields) for fields in REQUESTS],
    }


def dumps(data: object) -> str:
    """JSON, readable (UTF-8), with lone surrogates escaped so that the file is valid UTF-8."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def main() -> int:
    PATH.write_text(dumps(vectors()), encoding="utf-8")
    print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
