"""utaccount's rules on more cases than its docstring examples, and as properties (hypothesis)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import utaccount
from utaccount import (InvalidInputError, common_id_from_address, eccs_address, is_eccs_address,
                       mask_common_id, normalize_common_id, resend_request, resend_request_mailto)
from vectors import AFFILIATION, ID, INVISIBLE, NAME, PY_SPACES, REFUSED_IDS, REFUSED_REQUESTS, SEPARATORS

IDS = st.text("0123456789", min_size=10, max_size=10)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
TYPED = "0123456789０１２３４５６７８９" + SEPARATORS  # what an ID may be typed with
ANY_TEXT = st.text(st.characters(exclude_categories=()))


@given(IDS, st.lists(st.tuples(st.integers(0, 10), st.sampled_from(SEPARATORS)), max_size=6),
       st.lists(st.booleans(), min_size=10, max_size=10), st.lists(st.sampled_from(PY_SPACES), max_size=3))
def test_any_way_of_typing_an_id_gives_the_id_its_address_and_its_mask(
    common_id: str, separators: list[tuple[int, str]], wide: list[bool], spaces: list[str]
) -> None:
    chars = [c.translate(FULL_WIDTH) if w else c for c, w in zip(common_id, wide, strict=True)]
    for position, separator in sorted(separators, reverse=True):
        chars.insert(position, separator)
    typed = "".join(spaces + chars + spaces)
    assert normalize_common_id(typed) == common_id
    address = eccs_address(typed)
    assert address == f"{common_id}@{utaccount.ECCS_DOMAIN}" and is_eccs_address(address.upper())
    assert utaccount.sign_in_name(typed) == f"{common_id}@utac.u-tokyo.ac.jp" != address
    assert common_id_from_address(f" {address.upper()}\n") == common_id
    with pytest.raises(InvalidInputError, match="this one has 9"):  # digits only: the ID, whole
        common_id_from_address(address[1:])
    assert mask_common_id(typed) == f"{common_id[:3]}....{common_id[-3:]}"


@given(IDS, st.integers(1, 9), st.characters(exclude_categories=()))
@example(ID, 5, "٣")  # an Arabic-Indic digit: a digit, but not one of an ID
def test_any_other_character_in_an_id_is_refused(common_id: str, position: int, char: str) -> None:
    for other in {char, *map(chr, range(0x80))} - set(TYPED):  # every ASCII character, and any other
        with pytest.raises(InvalidInputError) as caught:
            normalize_common_id(common_id[:position] + other + common_id[position:])
        assert str(caught.value) == f"a common ID is 10 digits; {other!r} (position {position + 1}) is not a digit"


@pytest.mark.parametrize(("text", "message"), [
    *[(text, f"is 10 digits; {message}") for text, message in REFUSED_IDS.items()],
    (123456789, "must be text, not int"),  # an integer would lose leading zeros
    (b"0123456789", "must be text, not bytes"),
])
def test_normalize_refuses_anything_else(text: Any, message: str) -> None:
    for function in (normalize_common_id, eccs_address, mask_common_id):
        with pytest.raises(InvalidInputError) as caught:
            function(text)
        assert str(caught.value) == f"a common ID {message}"


@pytest.mark.parametrize("address", [
    "hanako@ecc.u-tokyo.ac.jp", "hanako@x.g.ecc.u-tokyo.ac.jp", "hanako@g.ecc.u-tokyo.ac.jp.example.com",
    "0123456789@gs.mail.u-tokyo.ac.jp", "0123456789@utac.u-tokyo.ac.jp",  # the sign-in name is no mailbox
    "hanako@g.ecc.u-to\u212ayo.ac.jp", "hanako@g.ecc.u-tokyo.ac.jp\u0130", "hanako@ｇ.ecc.u-tokyo.ac.jp",  # look-alikes
])
def test_a_near_miss_is_no_eccs_address(address: str) -> None:
    assert is_eccs_address(address) is False
    with pytest.raises(InvalidInputError, match=f"^{re.escape(repr(address))} is not an ECCS address"):
        common_id_from_address(address)


@pytest.mark.parametrize(("text", "message"), [
    ("", "(local part@domain): it has 0 '@'"), ("hanako", "it has 0 '@'"), ("a@b@g.ecc.u-tokyo.ac.jp", "it has 2 '@'"),
    ("@g.ecc.u-tokyo.ac.jp", "a part is empty"), ("hanako@", "a part is empty"),
    ("hana ko@g.ecc.u-tokyo.ac.jp", "it contains U+0020"), ("0123456789\u3000@g.ecc.u-tokyo.ac.jp", "U+3000"),
    ("hanako@g.ecc.u-tokyo.ac.jp\u200b", "U+200B"), ("\udcff@g.ecc.u-tokyo.ac.jp", "U+DCFF"),  # undecodable
])
def test_what_is_not_an_address_is_refused(text: str, message: str) -> None:
    for function in (is_eccs_address, common_id_from_address):
        with pytest.raises(InvalidInputError, match=f"^{re.escape(repr(text))} is not an email address.*{re.escape(message)}"):
            function(text)


@pytest.mark.parametrize(("local", "common_id"), [
    ("０１２３４５６７８９", ID), ("0１2３4５6７8９", ID),  # full-width digits: the ID
    ("０１２３４５６７８", "this one has 9"), ("花子", "neither"), ("０１２３-４５６７８９", "neither"),
    ("hanako..hongo", "neither"), (".hanako", "neither"), ("hanako\u00e9", "neither"), ("\uff48anako", "neither"),
])
def test_an_eccs_local_part_is_the_id_or_an_alias_or_refused(local: str, common_id: str) -> None:
    address = f"{local}@G.ECC.u-tokyo.ac.jp"
    if common_id == ID:
        assert common_id_from_address(address) == ID
    else:
        with pytest.raises(InvalidInputError, match=common_id):
            common_id_from_address(address)


@given(st.from_regex(r"[a-z0-9_-]*[a-z_-][a-z0-9_-]*(\.[a-z0-9_-]+)*", fullmatch=True))
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


@pytest.mark.parametrize(("fields", "message"), [
    *REFUSED_REQUESTS.items(), ((AFFILIATION, None, ID), "the name must be text, not NoneType")])
def test_bad_names_are_refused(fields: tuple[Any, Any, str], message: str) -> None:
    for function in (resend_request, resend_request_mailto):
        with pytest.raises(InvalidInputError) as caught:
            function(*fields)
        assert str(caught.value) == message


@pytest.mark.parametrize("lang", ["xx", "", utaccount.MAIL_LANGUAGE.upper(), None, [utaccount.MAIL_LANGUAGE]])
def test_unknown_languages_are_refused(lang: Any) -> None:
    with pytest.raises(InvalidInputError, match="^no mail text in language"):
        resend_request(AFFILIATION, NAME, ID, lang=lang)
    with pytest.raises(InvalidInputError, match="^no mail text in language"):
        utaccount.resend_template(lang=lang)


@given(st.text(st.sampled_from(INVISIBLE + PY_SPACES), min_size=1))
def test_a_field_that_shows_nothing_is_refused(text: str) -> None:
    with pytest.raises(InvalidInputError, match="^the name (is empty|has no visible|must be one line)"):
        resend_request(AFFILIATION, text, ID)


def test_the_fields_limits_keep_every_mailto_under_the_limit() -> None:
    """Worst case: every character takes 4 bytes of UTF-8, each %XX (no character takes more)."""
    worst = max(len(quote(chr(code), safe="")) for code in (0x7F, 0x7FF, 0xFFFF, 0x10FFFF))
    fixed = len(resend_request_mailto("a", "a", ID)) - 2
    longest = resend_request_mailto("𠮷" * utaccount.MAX_LENGTH["affiliation"], "😀" * utaccount.MAX_LENGTH["name"], ID)
    assert worst == 12 and len(longest) == fixed + worst * sum(utaccount.MAX_LENGTH.values()) < utaccount.MAILTO_LIMIT


# RFC 3986 unreserved characters and percent-escapes: nothing else in subject or body.
SAFE_URL = re.compile(r"mailto:[a-z.]+@[a-z.-]+\?subject=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+")


@given(ANY_TEXT, ANY_TEXT)
@example("&body=x?subject=y#z", "100% a+b=c/d;e&cc=x@example.com%0D%0ABcc:x@example.com")
def test_mailto_parses_back_to_exactly_the_subject_and_the_mail(affiliation: str, name: str) -> None:
    try:
        url = resend_request_mailto(affiliation, name, ID)
    except InvalidInputError:  # what resend_request refuses: test_bad_names_are_refused
        return
    assert SAFE_URL.fullmatch(url) and len(url) < utaccount.MAILTO_LIMIT, url
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", utaccount.RESEND_REQUEST_TO)
    fields = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True, errors="strict")
    body = resend_request(affiliation, name, ID)
    assert fields == [("subject", utaccount.RESEND_REQUEST_SUBJECT), ("body", body.replace("\n", "\r\n"))]
    assert affiliation.strip() in body and name.strip() in body
