"""utaccount's rules on more cases than its docstring examples, and as properties (hypothesis)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import utaccount
from utaccount import (InvalidInputError, common_id_from_address, eccs_address, is_eccs_address,
                       mask_common_id, normalize_common_id, resend_request, resend_request_mailto)
from vectors import PY_SPACES

# No time limit on an example: a slow machine is not a wrong answer.
untimed = settings(deadline=None)
IDS = st.text("0123456789", min_size=10, max_size=10)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
#: What people type between the digits: half- and full-width spaces, hyphens, minus signs.
SEPARATORS = " \u3000-\uff0d\u2010\u2011\u2212"
AFFILIATION, NAME, ID = "情報基盤センター", "本郷 花子", "0123456789"
ANY_TEXT = st.text(st.characters(exclude_categories=()))


@untimed
@given(IDS, st.lists(st.tuples(st.integers(0, 10), st.sampled_from(SEPARATORS)), max_size=6),
       st.lists(st.booleans(), min_size=10, max_size=10), st.lists(st.sampled_from(PY_SPACES), max_size=3))
def test_any_way_of_typing_an_id_gives_the_id(
    common_id: str, separators: list[tuple[int, str]], wide: list[bool], spaces: list[str]
) -> None:
    chars = [c.translate(FULL_WIDTH) if w else c for c, w in zip(common_id, wide, strict=True)]
    for position, separator in sorted(separators, reverse=True):
        chars.insert(position, separator)
    assert normalize_common_id("".join(spaces + chars + spaces)) == common_id


@untimed
@given(st.one_of(ANY_TEXT, st.text(st.sampled_from("0123456789０１２３４５６７８９x٣¹\n" + SEPARATORS))))
def test_an_accepted_id_is_the_ten_digits_typed(text: str) -> None:
    try:
        result = normalize_common_id(text)
    except InvalidInputError as error:
        assert str(error).startswith("a common ID is 10 digits; ")
        return
    assert re.fullmatch("[0-9]{10}", result)
    assert result == "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


@pytest.mark.parametrize(("text", "message"), [
    ("", "is 10 digits; it is empty"),
    ("- -", "is 10 digits; it is empty"),
    ("012345678", "is 10 digits; this one has 9"),
    ("０１２３４５６７８９０", "is 10 digits; this one has 11"),
    ("012345678a", "is 10 digits; 'a' (position 10) is not a digit"),
    ("  01x", "is 10 digits; 'x' (position 5) is not a digit"),
    ("٠١٢٣٤٥٦٧٨٩", "is 10 digits; '٠' (position 1) is not a digit"),  # Arabic-Indic digits
    ("012345678⁹", "is 10 digits; '⁹' (position 10) is not a digit"),  # superscript nine
    ("01234\n56789", "is 10 digits; '\\n' (position 6) is not a digit"),
    ("0123456789@g.ecc.u-tokyo.ac.jp", "is 10 digits; '@' (position 11) is not a digit"),
    ("012....789", "is 10 digits; '.' (position 4) is not a digit"),  # a masked ID is no ID
    (123456789, "must be text, not int"),  # an integer loses leading zeros
    (b"0123456789", "must be text, not bytes"),
])
def test_normalize_refuses_anything_else(text: Any, message: str) -> None:
    for function in (normalize_common_id, eccs_address, mask_common_id):
        with pytest.raises(InvalidInputError) as caught:
            function(text)
        assert str(caught.value) == f"a common ID {message}"


@untimed
@given(IDS)
def test_the_address_and_the_mask_of_an_id(common_id: str) -> None:
    address = eccs_address(common_id)
    assert address == f"{common_id}@{utaccount.ECCS_DOMAIN}"
    assert is_eccs_address(address) and is_eccs_address(address.upper())
    assert common_id_from_address(f" {address.upper()}\n") == common_id
    assert mask_common_id(common_id) == f"{common_id[:3]}....{common_id[-3:]}"


@pytest.mark.parametrize(("address", "expected"), [
    ("hanako.hongo@G.ECC.U-TOKYO.AC.JP", True),
    (" hanako@g.ecc.u-tokyo.ac.jp\n", True),
    ("hanako@ecc.u-tokyo.ac.jp", False),
    ("hanako@x.g.ecc.u-tokyo.ac.jp", False),
    ("hanako@g.ecc.u-tokyo.ac.jp.example.com", False),
    ("0123456789@gs.mail.u-tokyo.ac.jp", False),
])
def test_is_eccs_address(address: str, expected: bool) -> None:
    assert is_eccs_address(address) is expected


@pytest.mark.parametrize(("address", "message"), [
    *[(text, f"{text!r} is not an email address") for text in ("", "hanako", "@g.ecc.u-tokyo.ac.jp", "hanako@")],
    ("0123456789@example.com", "'0123456789@example.com' is not an ECCS address"),
    ("01234@g.ecc.u-tokyo.ac.jp", "a common ID is 10 digits; this one has 5"),  # digits only: the ID
])
def test_what_is_not_an_eccs_address_is_refused(address: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=f"^{re.escape(message)}"):
        common_id_from_address(address)


@untimed
@given(st.from_regex(r"[a-z0-9._-]*[a-z._-][a-z0-9._-]*", fullmatch=True))
@example("h0123456789")
def test_an_alias_does_not_tell_the_id(local: str) -> None:
    assert common_id_from_address(f"{local}@{utaccount.ECCS_DOMAIN}") is None


@pytest.mark.parametrize("lang", utaccount.LANGUAGES)
def test_the_template_and_the_mail_are_one_text(lang: str) -> None:
    """The guide's template and the mail differ in the sender and the ID only."""
    template = utaccount.resend_template(lang=lang)
    mail = resend_request(AFFILIATION, NAME, ID, lang=lang)
    assert "{" not in template + mail and "}" not in template + mail
    differing = [(t, m) for t, m in zip(template.split("\n"), mail.split("\n"), strict=True) if t != m]
    assert len(differing) == 2 and len(template.split("\n")) > 3
    assert AFFILIATION in differing[0][1] and NAME in differing[0][1] and ID in differing[1][1]
    assert resend_request(f"  {AFFILIATION}\u3000", f"\t{NAME} ", "０１２３４５６７８９", lang=lang) == mail
    assert resend_request(AFFILIATION, NAME, ID, lang=lang, mask=True) == mail.replace(ID, mask_common_id(ID))


@pytest.mark.parametrize(("affiliation", "name", "message"), [
    ("", NAME, "the affiliation is empty"),
    (AFFILIATION, " \u3000 ", "the name is empty"),
    (AFFILIATION, "本郷\r花子", "the name must be one line of text; it contains U+000D"),
    (AFFILIATION, "本郷\u2028花子", "the name must be one line of text; it contains U+2028"),
    ("情報\x00基盤", NAME, "the affiliation must be one line of text; it contains U+0000"),
    (AFFILIATION, "\udcff", "the name must be one line of text; it contains U+DCFF"),
    (AFFILIATION, None, "the name must be text, not NoneType"),
])
def test_bad_names_are_refused(affiliation: Any, name: Any, message: str) -> None:
    for function in (resend_request, resend_request_mailto):
        with pytest.raises(InvalidInputError) as caught:
            function(affiliation, name, ID)
        assert str(caught.value) == message


@pytest.mark.parametrize("lang", ["xx", "", utaccount.MAIL_LANGUAGE.upper(), None, [utaccount.MAIL_LANGUAGE]])
def test_unknown_languages_are_refused(lang: Any) -> None:
    with pytest.raises(InvalidInputError, match="^no mail text in language"):
        resend_request(AFFILIATION, NAME, ID, lang=lang)
    with pytest.raises(InvalidInputError, match="^no mail text in language"):
        utaccount.resend_template(lang=lang)


# RFC 3986 unreserved characters and percent-escapes: nothing else in subject or body.
SAFE_URL = re.compile(r"mailto:[a-z.]+@[a-z.-]+\?subject=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+")


@untimed
@given(ANY_TEXT, ANY_TEXT)
@example("&body=x", "?subject=x#")
@example("a&cc=x@example.com", "100% a+b=c%0D%0ABcc:x@example.com")
def test_mailto_parses_back_to_exactly_the_subject_and_the_mail(affiliation: str, name: str) -> None:
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
    assert fields == [("subject", utaccount.RESEND_REQUEST_SUBJECT), ("body", body.replace("\n", "\r\n"))]
    assert affiliation.strip() in body and name.strip() in body
