"""Test vectors of the ID and mail rules: the inputs below and what :mod:`utaccount` makes of
them (:func:`vectors`), which test_address_box.py compares with what the page's script makes.
A refusal is data, the same
in both (``{"field": "common_id", "reason": "not-a-digit", "char": "S", "position": 6}``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

import utaccount

#: Every character Python's str.strip() removes: the script must strip the same set.
PY_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
#: What people type between the digits: hyphens, dashes (U+2010 to U+2015) and minus signs,
#: the long-vowel marks a kana keyboard types for "-" (ー, ｰ), half- and full-width spaces.
SEPARATORS = "-－‐‑‒–—―−ーｰ \u3000"
#: Tried between the digits: the separators, and what looks like one but is refused
#: (tab, no-break space, zero-width space, line break, wave dash, tilde, hyphen bullet, ⁻).
BETWEEN = [*SEPARATORS, "\t", "\u00a0", "\u200b", "\n", "〜", "～", "\u2043", "\u207b", "_"]
#: Characters that control text or look like digits: the same answers from UTF-16 code.
ODD = ["\ufeff", "\u200b", "\u180e", "😀", "\ud800", "٣", "𝟑", "³"]

ID = "0123456789"

#: Inputs for normalize_common_id, eccs_address and mask_common_id.
COMMON_IDS = [
    ID,
    "０１２３４５６７８９",
    "０１２３-４５６７ ８９",
    "  - 0123456789 -  ",
    *[f"012{c}345{c}6789" for c in BETWEEN],
    *[f"{space}{ID}{space}" for space in PY_SPACES],
    *[f"{c}{ID}" for c in ODD],
    *[f"0123{c}456789" for c in ODD],
]

#: Refused common IDs and utaccount's message after "a common ID is 10 digits; ",
#: written by hand: tests/test_utaccount.py checks utaccount against them.
REFUSED_IDS = {
    "01234S6789": "'S' (position 6) is not a digit",
    "  01234S6789": "'S' (position 8) is not a digit",  # positions count what is stripped too
    "0123456789@g.ecc.u-tokyo.ac.jp": "'@' (position 11) is not a digit",
    "012....789": "'.' (position 4) is not a digit",  # a masked ID is no ID
    "٠١٢٣٤٥٦٧٨٩": "'٠' (position 1) is not a digit",  # Arabic-Indic digits
    "𝟎123456789": "'𝟎' (position 1) is not a digit",  # mathematical digit zero
    "01234\n56789": "'\\n' (position 6) is not a digit",
    "12345": "this one has 5",
    "012-345-678": "this one has 9",
    "": "it is empty",
    "- -": "it is empty",
}
COMMON_IDS += REFUSED_IDS

AFFILIATION = "情報基盤センター"
NAME = "本郷 花子"

#: Inputs for resend_request: (affiliation, name, common ID).
REQUESTS = [
    (AFFILIATION, NAME, ID),
    ("  " + AFFILIATION + "\u3000", "\u3000" + NAME + " ", " ０１２３-４５６-７８９ "),
    # Characters with a meaning in a URL, a header or a template.
    ("A&B=C?D#E%F", "G+H/I;J:K@L", ID),
    ("!*'()~_.-", "[]{}<>|\\^`\"", ID),
    ("{name}{0}", "{affiliation}{common_id}", ID),
    ("%0D%0ABcc: x@example.com", "&body=hello", ID),
    # Beyond ASCII and beyond the BMP.
    ("研究所 😀", "𠮷野 家", ID),
    ("a\u200db", "e\u0301", ID),  # zero-width joiner, combining accent: one line still
    ("a\u00a0b", "c\u3000d", ID),  # spaces inside stay
    ("a\x1f", "\u2029b", ID),  # stripped at the ends: Python whitespace
    # Joiners inside are kept: emoji sequences and Indic scripts need them; marks, selectors too.
    ("👩\u200d💻 研究室", "क्\u200dष \u0645\u200cی", ID),
    ("葛\U000e0100城", "\u0301e\ufe0f", ID),  # an ideographic variation sequence; a lone mark
    # At the limits (utaccount.MAX_LENGTH), in the characters that take the most of a URL.
    ("𠮷" * 60, "😀" * 32, ID),
    ("a" * 60, "%" * 32, ID),
]

#: Characters that show nothing: a field made only of these is refused.
INVISIBLE = ["\u200b", "\ufeff", "\u200d", "\u200c", "\u2060", "\u00ad", "\u3164", "\u2800",
             "\u0301", "\ufe0f", "\U000e0041", "\u202e", "\u2066", "\u200e", "\u180e", "\U0001d173"]
#: Format characters refused inside a name that shows something: direction overrides,
#: embeddings and isolates, direction marks, zero-width space, BOM, word joiner, soft hyphen, tags.
FORMAT = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C,
                           0x200B, 0xFEFF, 0x2060, 0x00AD, 0xE0041, 0xFFF9]]

#: Refused requests and utaccount's message, by hand (test_utaccount.py): the first bad field.
REFUSED_REQUESTS = {
    ("\u3000", NAME, ID): "the affiliation is empty",
    (AFFILIATION, " \t ", ID): "the name is empty",
    ("", "", ""): "the affiliation is empty",
    ("Dept.\r\nBcc: x@example.com", NAME, ID): "the affiliation must be one line of text; it contains U+000D",
    **{(AFFILIATION, f"本郷{c}花子", ID): f"the name must be one line of text; it contains U+{ord(c):04X}"
       for c in "\n\t\u2028\u2029\x85\x1f\x7f\x00\ud800"},
    **{(AFFILIATION, c * 3, ID): "the name has no visible character" for c in INVISIBLE},
    ("\u200b \u3000\ufeff", NAME, ID): "the affiliation has no visible character",
    ("\u200d\u200c", NAME, ID): "the affiliation has no visible character",
    **{(AFFILIATION, f"本郷{c}花子", ID):
       f"the name must not contain invisible format characters; it contains U+{ord(c):04X}" for c in FORMAT},
    ("情報\u202e基盤", NAME, ID): "the affiliation must not contain invisible format characters; it contains U+202E",
    ("𠮷" * 61, NAME, ID): "the affiliation is too long: 61 characters, at most 60",
    (AFFILIATION, "😀" * 33, ID): "the name is too long: 33 characters, at most 32",
    (AFFILIATION, " " + "a" * 33 + " ", ID): "the name is too long: 33 characters, at most 32",
    (AFFILIATION, NAME, "12345"): "a common ID is 10 digits; this one has 5",
    (AFFILIATION, "本郷\n花子", "x"): "the name must be one line of text; it contains U+000A",
}
REQUESTS += REFUSED_REQUESTS


#: utaccount's messages of refusal, and the refusal each tells: (field, reason).
_REFUSALS = {
    r"a common ID is \d+ digits; (?P<char>.+) \(position (?P<position>\d+)\) is not a digit":
        ("common_id", "not-a-digit"),
    r"a common ID is \d+ digits; this one has (?P<count>\d+)": ("common_id", "length"),
    r"a common ID is \d+ digits; it is empty": ("common_id", "empty"),
    r"the (?P<field>affiliation|name) is empty": ("", "empty"),
    r"the (?P<field>affiliation|name) must be one line of text; it contains U\+(?P<code>[0-9A-F]+)":
        ("", "not-one-line"),
    r"the (?P<field>affiliation|name) has no visible character": ("", "invisible"),
    r"the (?P<field>affiliation|name) must not contain invisible format characters; "
    r"it contains U\+(?P<code>[0-9A-F]+)": ("", "format-char"),
    r"the (?P<field>affiliation|name) is too long: (?P<count>\d+) characters, at most (?P<max>\d+)":
        ("", "too-long"),
}


def refusal(error: ValueError) -> dict[str, Any]:
    """The refusal that utaccount's message tells, as data; unknown messages fail."""
    for pattern, (field, reason) in _REFUSALS.items():
        if m := re.fullmatch(pattern, str(error)):
            found = m.groupdict()
            data: dict[str, Any] = {"field": field or found["field"], "reason": reason}
            if "char" in found or "code" in found:
                data["char"] = ast.literal_eval(found["char"]) if "char" in found else chr(int(found["code"], 16))
            return data | {key: int(found[key]) for key in ("position", "count", "max") if key in found}
    raise AssertionError(f"utaccount says something tests/vectors.py does not know: {error!r}")


def outcome(given: dict[str, str], make: Callable[[], dict[str, str]]) -> dict[str, Any]:
    """``given`` and what utaccount ``make``-s of it, or the refusal."""
    try:
        return given | make()
    except ValueError as error:
        return given | {"error": refusal(error)}


def vectors() -> dict[str, Any]:
    """The vectors as utaccount makes them now."""
    return {
        "common_ids": [outcome({"input": text}, lambda: {
            "normalized": utaccount.normalize_common_id(text),
            "address": utaccount.eccs_address(text),
            "mask": utaccount.mask_common_id(text),
            "sign_in": utaccount.sign_in_name(text),
        }) for text in COMMON_IDS],
        "requests": [outcome({"affiliation": a, "name": n, "common_id": i}, lambda: {
            "text": utaccount.resend_request(a, n, i),
        }) for a, n, i in REQUESTS],
    }
