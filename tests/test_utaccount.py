"""utaccount: edge cases of every function, and properties checked by hypothesis."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import utaccount
from utaccount import (
    InvalidInputError,
    common_id_from_address,
    eccs_address,
    is_eccs_address,
    mask_common_id,
    normalize_common_id,
    resend_request,
    resend_request_mailto,
    resend_template,
)

TEN_DIGITS = re.compile(r"[0-9]{10}")
# No time limit on an example: a slow machine is not a wrong answer.
untimed = settings(deadline=None)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SEPARATORS = [" ", "\u3000", "-", "\uff0d", "\u2010", "\u2011", "\u2212"]


# --- normalize_common_id --------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0123456789", "0123456789"),
        ("0000000000", "0000000000"),
        ("０１２３４５６７８９", "0123456789"),
        ("012 345 6789", "0123456789"),
        ("012\u3000345\u30006789", "0123456789"),
        ("012-345-6789", "0123456789"),
        ("０１２－３４５－６７８９", "0123456789"),
        ("012\u2212345\u20106789", "0123456789"),
        ("\t0123456789\n", "0123456789"),
        ("-0123456789-", "0123456789"),
        ("01234５６７８９", "0123456789"),
    ],
)
def test_normalize_accepts_what_people_type(text: str, expected: str) -> None:
    assert normalize_common_id(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("- -", "it is empty"),
        ("012345678", "this one has 9"),
        ("01234567890", "this one has 11"),
        ("012345678a", "'a' (position 10) is not a digit"),
        ("  01x", "'x' (position 5) is not a digit"),
        ("٠١٢٣٤٥٦٧٨٩", "'٠' (position 1) is not a digit"),  # Arabic-Indic digits
        ("012345678⁹", "'⁹' (position 10) is not a digit"),  # superscript nine
        ("01234\n56789", "'\\n' (position 6) is not a digit"),
        ("0123456789@g.ecc.u-tokyo.ac.jp", "'@' (position 11) is not a digit"),
        ("+81 0123456789", "'+' (position 1) is not a digit"),
    ],
)
def test_normalize_refuses_anything_else(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        normalize_common_id(text)
    assert str(caught.value) == f"a common ID is 10 digits; {message}"


@pytest.mark.parametrize("value", [123456789, 1234567890, None, b"0123456789", 12.0, ["0"]])
def test_normalize_refuses_what_is_not_text(value: Any) -> None:
    with pytest.raises(InvalidInputError, match=r"^a common ID must be text, not \w+$"):
        normalize_common_id(value)


def test_the_error_is_a_value_error() -> None:
    assert issubclass(InvalidInputError, ValueError)
    with pytest.raises(ValueError):
        normalize_common_id("12")


# --- addresses and masks ----------------------------------------------------------

def test_eccs_address_normalizes_first() -> None:
    assert eccs_address("０１２-３４５-６７８９") == "0123456789@g.ecc.u-tokyo.ac.jp"
    assert eccs_address("0000000001") == "0000000001@" + utaccount.ECCS_DOMAIN
    with pytest.raises(InvalidInputError, match="10 digits"):
        eccs_address("0123")


def test_mask_keeps_three_digits_at_each_end() -> None:
    assert mask_common_id("9876543210") == "987....210"
    assert mask_common_id("0000000001") == "000....001"
    assert mask_common_id("０１２３４５６７８９") == "012....789"
    with pytest.raises(InvalidInputError):
        mask_common_id("012....789")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("0123456789@g.ecc.u-tokyo.ac.jp", True),
        ("hanako.hongo@G.ECC.U-TOKYO.AC.JP", True),
        (" hanako@g.ecc.u-tokyo.ac.jp\n", True),
        ("a@b@g.ecc.u-tokyo.ac.jp", True),
        ("hanako@ecc.u-tokyo.ac.jp", False),
        ("hanako@x.g.ecc.u-tokyo.ac.jp", False),
        ("hanako@g.ecc.u-tokyo.ac.jp.example.com", False),
        ("0123456789@gs.mail.u-tokyo.ac.jp", False),
    ],
)
def test_is_eccs_address(address: str, expected: bool) -> None:
    assert is_eccs_address(address) is expected


@pytest.mark.parametrize("address", ["", "hanako", "@g.ecc.u-tokyo.ac.jp", "hanako@", "@"])
def test_what_is_not_an_address_is_refused(address: str) -> None:
    for function in (is_eccs_address, common_id_from_address):
        with pytest.raises(InvalidInputError, match="is not an email address"):
            function(address)
    with pytest.raises(InvalidInputError, match="must be text"):
        is_eccs_address(None)  # type: ignore[arg-type]


def test_common_id_from_address() -> None:
    assert common_id_from_address("0123456789@g.ecc.u-tokyo.ac.jp") == "0123456789"
    assert common_id_from_address("0123456789@G.Ecc.U-Tokyo.ac.jp") == "0123456789"
    assert common_id_from_address("hanako.hongo@g.ecc.u-tokyo.ac.jp") is None
    assert common_id_from_address("h0123456789@g.ecc.u-tokyo.ac.jp") is None
    # Digits only is always the ID, so it must be a whole one.
    with pytest.raises(InvalidInputError, match="10 digits; this one has 5"):
        common_id_from_address("01234@g.ecc.u-tokyo.ac.jp")
    with pytest.raises(InvalidInputError, match="is not an ECCS address"):
        common_id_from_address("0123456789@example.com")


@untimed
@given(st.from_regex(TEN_DIGITS, fullmatch=True))
def test_the_address_gives_back_its_id(common_id: str) -> None:
    address = eccs_address(common_id)
    assert is_eccs_address(address)
    assert common_id_from_address(address) == common_id
    masked = mask_common_id(common_id)
    assert masked == common_id[:3] + "...." + common_id[-3:]


# --- the request mail ---------------------------------------------------------------

AFFILIATION, NAME, ID = "情報基盤センター", "本郷 花子", "0123456789"


@pytest.mark.parametrize("lang", utaccount.LANGUAGES)
def test_the_template_and_the_mail_are_one_text(lang: str) -> None:
    """The guide's template and resend_request differ in the blanks only."""
    template = resend_template(lang=lang)
    mail = resend_request(AFFILIATION, NAME, ID, lang=lang)
    assert "{" not in template and "}" not in template
    assert template.count("\n") == mail.count("\n") >= 3
    differing = [
        (t, m) for t, m in zip(template.splitlines(), mail.splitlines(), strict=True) if t != m
    ]
    # The first line names the sender, the second gives the ID; the request is the same.
    assert len(differing) == 2
    assert AFFILIATION in differing[0][1] and NAME in differing[0][1]
    assert ID in differing[1][1]


def test_the_japanese_template_has_the_source_blanks() -> None:
    template = resend_template(lang=utaccount.MAIL_LANGUAGE)
    assert template.startswith("◯◯（所属）の◯◯です。\n")
    assert "◯◯◯◯◯◯◯◯◯◯です。" in template
    assert "◯◯◯◯◯◯◯◯◯◯◯" not in template


def test_the_request_holds_the_full_id_unless_masked() -> None:
    mail = resend_request(AFFILIATION, NAME, "０１２３４５６７８９")
    assert "0123456789" in mail
    masked = resend_request(AFFILIATION, NAME, ID, mask=True)
    assert "012....789" in masked and ID not in masked


def test_the_gloss_is_in_its_own_language() -> None:
    for lang in utaccount.LANGUAGES:
        mail = resend_request(AFFILIATION, NAME, ID, lang=lang)
        japanese = re.search(r"[\u3040-\u30ff]", mail.replace(AFFILIATION, ""))
        assert (japanese is not None) == (lang == utaccount.MAIL_LANGUAGE), lang


def test_names_are_trimmed() -> None:
    assert resend_request(f"  {AFFILIATION}\u3000", f"\t{NAME} ", ID) == resend_request(
        AFFILIATION, NAME, ID
    )


@pytest.mark.parametrize(
    ("affiliation", "name", "message"),
    [
        ("", NAME, "the affiliation is empty"),
        (AFFILIATION, " \u3000 ", "the name is empty"),
        (AFFILIATION, "本郷\r花子", "the name must be one line of text; it contains U+000D"),
        (AFFILIATION, "本郷\u2028花子", "the name must be one line of text; it contains U+2028"),
        ("情報\x00基盤", NAME, "the affiliation must be one line of text; it contains U+0000"),
        (AFFILIATION, "\udcff", "the name must be one line of text; it contains U+DCFF"),
        (AFFILIATION, None, "the name must be text, not NoneType"),
    ],
)
def test_bad_names_are_refused(affiliation: Any, name: Any, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        resend_request(affiliation, name, ID)
    assert str(caught.value) == message
    with pytest.raises(InvalidInputError):
        resend_request_mailto(affiliation, name, ID)


@pytest.mark.parametrize("lang", ["xx", "", "JA", None, ["ja"]])
def test_unknown_languages_are_refused(lang: Any) -> None:
    with pytest.raises(InvalidInputError, match="no mail text in language"):
        resend_request(AFFILIATION, NAME, ID, lang=lang)
    with pytest.raises(InvalidInputError, match="no mail text in language"):
        resend_template(lang=lang)


def test_mailto_fields() -> None:
    url = resend_request_mailto(AFFILIATION, NAME, ID)
    parts = urlsplit(url)
    assert (parts.scheme, parts.path, parts.fragment) == ("mailto", utaccount.RESEND_REQUEST_TO, "")
    fields = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    assert fields == [
        ("subject", utaccount.RESEND_REQUEST_SUBJECT),
        ("body", resend_request(AFFILIATION, NAME, ID).replace("\n", "\r\n")),
    ]
    assert url.count("%0D%0A") == resend_request(AFFILIATION, NAME, ID).count("\n")


@pytest.mark.parametrize(
    "name",
    ["a&cc=x@example.com", "a?bcc=x", "a#frag", "100%", "a=b", "a+b", "a%0D%0ABcc:x@example.com"],
)
def test_mailto_encodes_what_could_add_a_field(name: str) -> None:
    url = resend_request_mailto(AFFILIATION, name, ID)
    query = url.split("?", 1)[1]
    assert "#" not in url and "?" not in query and query.count("=") == 2
    assert query.count("&") == 1
    fields = dict(parse_qsl(query, strict_parsing=True))
    assert fields["body"].startswith(f"{AFFILIATION}の{name}です。\r\n")


# --- properties ------------------------------------------------------------------------

# Everything people type, so that valid IDs are drawn too, not only garbage.
ID_ALPHABET = st.sampled_from("0123456789０１２３４５６７８９" + "".join(SEPARATORS) + "x٣\n")
ANY_TEXT = st.text(st.characters(exclude_categories=()))


@untimed
@given(st.one_of(ANY_TEXT, st.text(ID_ALPHABET, max_size=16)))
@example("０１２３４５６７８９")
def test_normalize_gives_ten_ascii_digits_or_a_value_error(text: str) -> None:
    try:
        result = normalize_common_id(text)
    except InvalidInputError as error:
        assert "10 digits" in str(error)
    else:
        assert TEN_DIGITS.fullmatch(result)


@untimed
@given(
    st.from_regex(TEN_DIGITS, fullmatch=True),
    st.lists(st.tuples(st.integers(0, 10), st.sampled_from(SEPARATORS)), max_size=5),
    st.lists(st.booleans(), min_size=10, max_size=10),
)
def test_any_way_of_typing_an_id_gives_the_id(
    common_id: str, separators: list[tuple[int, str]], wide: list[bool]
) -> None:
    chars = [c.translate(FULL_WIDTH) if w else c for c, w in zip(common_id, wide, strict=True)]
    for position, separator in sorted(separators, reverse=True):
        chars.insert(position, separator)
    assert normalize_common_id("".join(chars)) == common_id


# RFC 3986 unreserved characters and percent-escapes: nothing else in subject or body.
SAFE_URL = re.compile(r"mailto:[a-z.]+@[a-z.-]+\?subject=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+")


@untimed
@given(ANY_TEXT, ANY_TEXT)
@example("&body=x", "?subject=x#")
@example("情報基盤センター", "本郷 花子")
def test_mailto_parses_back_to_exactly_a_subject_and_a_body(affiliation: str, name: str) -> None:
    try:
        url = resend_request_mailto(affiliation, name, ID)
    except InvalidInputError:
        with pytest.raises(InvalidInputError):
            resend_request(affiliation, name, ID)
        return
    assert SAFE_URL.fullmatch(url), url
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", utaccount.RESEND_REQUEST_TO)
    fields = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True, errors="strict")
    body = resend_request(affiliation, name, ID)
    assert fields == [
        ("subject", utaccount.RESEND_REQUEST_SUBJECT),
        ("body", body.replace("\n", "\r\n")),
    ]
    assert affiliation.strip() in body and name.strip() in body
