"""UTokyo Account common IDs, ECCS Cloud Email addresses and the resend request mail.

A common ID is 10 digits. It may begin with ``0``, so it is always a
string, never an integer. People type it with full-width digits, spaces or
hyphens (「ー」 too, which the "-" key types while Japanese input is on);
:func:`normalize_common_id` folds all of that into the ten ASCII digits.

Two names are made from a common ID, and they are not the same thing: the
UTokyo Account *sign-in name* (:func:`sign_in_name`, ``…@utac.u-tokyo.ac.jp``),
with which you have signed in to the university's Zoom since 15 March 2021, and the *ECCS Cloud
Email address* (:func:`eccs_address`, ``…@g.ecc.u-tokyo.ac.jp``), a mailbox, which
the procedure of spring 2020 used. The request mail (:func:`resend_request`) is of
2020 too.

>>> normalize_common_id("０１２３-４５６７ ８９")
'0123456789'
>>> sign_in_name("0123456789")
'0123456789@utac.u-tokyo.ac.jp'
>>> eccs_address("0123456789")
'0123456789@g.ecc.u-tokyo.ac.jp'
>>> mask_common_id("0123456789")
'012....789'

Every bad input raises :class:`InvalidInputError`, a :class:`ValueError`, with a
message that says what is wrong:

>>> normalize_common_id("12345")
Traceback (most recent call last):
  ...
utaccount.InvalidInputError: a common ID is 10 digits; this one has 5
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final
from urllib.parse import quote

__all__ = [
    "ECCS_DOMAIN",
    "ID_LENGTH",
    "InvalidInputError",
    "LANGUAGES",
    "MAIL_LANGUAGE",
    "MAX_LENGTH",
    "MAILTO_LIMIT",
    "RESEND_REQUEST_TO",
    "RESEND_REQUEST_SUBJECT",
    "common_id_from_address",
    "eccs_address",
    "is_eccs_address",
    "mask_common_id",
    "normalize_common_id",
    "resend_request",
    "resend_request_mailto",
    "resend_subject",
    "resend_format",
    "resend_template",
    "sign_in_name",
    "SIGN_IN_DOMAIN",
]

#: Number of digits in a common ID.
ID_LENGTH: Final = 10

#: Domain of ECCS Cloud Email (G Suite for Education at the university).
ECCS_DOMAIN: Final = "g.ecc.u-tokyo.ac.jp"

#: Domain of the UTokyo Account sign-in name (since 15 March 2021); no mail goes there.
SIGN_IN_DOMAIN: Final = "utac.u-tokyo.ac.jp"

#: Where the resend request of recovery method 1 goes: the Information Strategy Team.
RESEND_REQUEST_TO: Final = "jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp"

#: Subject of the resend request (in :data:`MAIL_LANGUAGE`).
RESEND_REQUEST_SUBJECT: Final = "Zoom アカウントのアクティベーションメール再送のお願い"

#: Language of the mail itself: the office reads Japanese. Other languages are glosses.
MAIL_LANGUAGE: Final = "ja"

# The one template of the request mail, by language. Change it here and the helper,
# the CLI and every language of the guide change with it.
_TEMPLATES: Final = {
    "ja": (
        "{affiliation}の{name}です。\n"
        "UTokyo Account（10桁の共通ID）は{common_id}です。\n"
        "\n"
        "Zoom アカウントを間違えてアクティベートしたので、"
        "アクティベーションのメールを再送してください。\n"
    ),
    "en": (
        "This is {name} from {affiliation}.\n"
        "My UTokyo Account (10-digit common ID) is {common_id}.\n"
        "\n"
        "I activated my Zoom account the wrong way. "
        "Please send me the activation email again.\n"
    ),
}

# The subject of the request mail, and its glosses.
_SUBJECTS: Final = {"ja": RESEND_REQUEST_SUBJECT, "en": "Request to resend the Zoom account activation email"}

# What the blanks of the template say, as the guide shows them.
_BLANKS: Final = {
    "ja": {"affiliation": "◯◯（所属）", "name": "◯◯", "common_id": "◯" * ID_LENGTH},
    "en": {"affiliation": "[affiliation]", "name": "[name]", "common_id": "[ID]"},
}

#: Languages of the request mail: :data:`MAIL_LANGUAGE` first, then the glosses.
LANGUAGES: Final = tuple(_TEMPLATES)

#: The longest affiliation and name, in characters (code points), after the spaces at
#: their ends are stripped: at most, every character takes 12 characters of a
#: ``mailto:`` URL (4 bytes of UTF-8, each ``%XX``), and with these limits the URL of
#: :func:`resend_request_mailto` stays shorter than :data:`MAILTO_LIMIT`.
MAX_LENGTH: Final = {"affiliation": 60, "name": 32}

#: Mail programs give up on longer ``mailto:`` URLs (about 2,000 characters).
MAILTO_LIMIT: Final = 2000

_FULL_WIDTH_DIGITS: Final = {0xFF10 + i: str(i) for i in range(10)}
# Half- and full-width spaces, and the hyphens, dashes and minus signs people type:
# "-", "－", the dashes U+2010 to U+2015, "−", and the long-vowel marks "ー" and "ｰ"
# (what the "-" key types while Japanese input is on).
_SEPARATORS: Final = " \u3000-\uff0d\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70"
_DROP: Final = {ord(c): None for c in _SEPARATORS}
_ASCII_DIGITS: Final = frozenset("0123456789")
#: Categories a field of one line may not hold: controls, surrogates, line breaks.
_NOT_ONE_LINE: Final = frozenset({"Cc", "Cs", "Zl", "Zp"})
#: Categories of what shows nothing by itself: spaces, controls, format characters,
#: surrogates, and marks, which need a character to sit on.
_NOT_VISIBLE: Final = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Mc", "Me"})
#: Format characters (Cf) that a name may hold: zero-width non-joiner and joiner, which
#: emoji sequences and scripts such as Devanagari and Persian need. Every other one
#: (direction overrides and isolates, zero-width space, BOM, soft hyphen, tags) is refused.
_FORMAT_ALLOWED: Final = frozenset("\u200c\u200d")
#: Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), and the
#: blank Braille pattern: shown as nothing, whatever their category.
_IGNORABLE: Final = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)


class InvalidInputError(ValueError):
    """Input that is not what it should be; the message says what is wrong.

    It is a :class:`ValueError`, so code that catches that catches it too:

    >>> try:
    ...     normalize_common_id("12345")
    ... except ValueError as error:
    ...     print(error)
    a common ID is 10 digits; this one has 5
    """


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be text, not {type(value).__name__}")
    return value


def normalize_common_id(text: str) -> str:
    """Return the common ID in ``text`` as exactly ten ASCII digits.

    Full-width digits become ASCII digits; spaces (half- and full-width), hyphens,
    dashes and minus signs (``-``, ``－``, U+2010 to U+2015, ``−``) and the long-vowel
    marks ``ー`` and ``ｰ`` (what the ``-`` key types while Japanese input is on)
    are dropped anywhere. Leading zeros are kept.

    >>> normalize_common_id("0123456789")
    '0123456789'
    >>> normalize_common_id(" ０１２ ３４５ ６７８９ ")
    '0123456789'
    >>> normalize_common_id("０１２３ー４５６ー７８９")
    '0123456789'
    >>> normalize_common_id("0123-456-78")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: a common ID is 10 digits; this one has 9

    Anything else is refused, and an integer too, since it would lose leading zeros:

    >>> normalize_common_id("01234S6789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: a common ID is 10 digits; 'S' (position 6) is not a digit
    >>> normalize_common_id(123456789)
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: a common ID must be text, not int
    """
    text = _text(text, "a common ID")
    stripped = text.strip()
    folded = stripped.translate(_DROP).translate(_FULL_WIDTH_DIGITS)
    for position, char in enumerate(stripped, start=len(text) - len(text.lstrip()) + 1):
        if char not in _SEPARATORS and char.translate(_FULL_WIDTH_DIGITS) not in _ASCII_DIGITS:
            raise InvalidInputError(
                f"a common ID is {ID_LENGTH} digits; {char!r} (position {position}) is not a digit"
            )
    if len(folded) != ID_LENGTH:
        got = f"this one has {len(folded)}" if folded else "it is empty"
        raise InvalidInputError(f"a common ID is {ID_LENGTH} digits; {got}")
    return folded


def sign_in_name(common_id: str) -> str:
    """Return the UTokyo Account sign-in name of a common ID (normalized first).

    Since 15 March 2021 the university's Zoom (``https://u-tokyo-ac-jp.zoom.us/``)
    signs in with the UTokyo Account, and this is the name to sign in with: the common
    ID followed by ``@`` and :data:`SIGN_IN_DOMAIN`. It looks like an email address but
    is not one: it is not the ECCS Cloud Email address of :func:`eccs_address` (which
    the procedure of 2020 used), and no mail is delivered to it.

    >>> sign_in_name("0123456789")
    '0123456789@utac.u-tokyo.ac.jp'
    >>> sign_in_name("０１２３ー４５６ー７８９")
    '0123456789@utac.u-tokyo.ac.jp'
    >>> is_eccs_address(sign_in_name("0123456789"))
    False

    The ID is read as :func:`normalize_common_id` reads it, and refused as it refuses it:

    >>> sign_in_name("012345678")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: a common ID is 10 digits; this one has 9
    """
    return f"{normalize_common_id(common_id)}@{SIGN_IN_DOMAIN}"


def eccs_address(common_id: str) -> str:
    """Return the ECCS Cloud Email address of a common ID (normalized first).

    Every user has this address; an address they chose is an alias of the same mailbox.
    It is a mailbox, not the UTokyo Account sign-in name (:func:`sign_in_name`).

    >>> eccs_address("０１２３４５６７８９")
    '0123456789@g.ecc.u-tokyo.ac.jp'
    """
    return f"{normalize_common_id(common_id)}@{ECCS_DOMAIN}"


def mask_common_id(common_id: str) -> str:
    """Return the common ID with all but its first and last three digits hidden.

    >>> mask_common_id("0123456789")
    '012....789'
    """
    digits = normalize_common_id(common_id)
    return f"{digits[:3]}....{digits[-3:]}"


# What an ECCS alias is made of: RFC 5322's dot-atom, in ASCII.
_ALIAS: Final = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def _split_address(address: str) -> tuple[str, str]:
    """The local part and the domain (ASCII lower case; other letters as they are)."""
    address = _text(address, "an address").strip()
    what = f"{address!r} is not an email address"
    if address.count("@") != 1:
        raise InvalidInputError(f"{what} (local part@domain): it has {address.count('@')} '@'")
    for char in address:
        if char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}:
            raise InvalidInputError(f"{what}: it contains U+{ord(char):04X}")
    local, _, domain = address.partition("@")
    if not local or not domain:
        raise InvalidInputError(f"{what} (local part@domain): a part is empty")
    # Only ASCII letters change case: str.lower() would make "K" of the KELVIN SIGN
    # (U+212A) a "k", and a look-alike domain the university's.
    return local, "".join(c.lower() if c.isascii() else c for c in domain)


def is_eccs_address(address: str) -> bool:
    """Tell whether ``address`` is an ECCS Cloud Email address (the domain decides).

    The domain must be :data:`ECCS_DOMAIN` exactly, in ASCII; only its case may differ.
    Text that is not an email address at all raises :class:`InvalidInputError`.

    >>> is_eccs_address("0123456789@g.ecc.u-tokyo.ac.jp")
    True
    >>> is_eccs_address("hanako.hongo@G.ECC.U-Tokyo.ac.jp")
    True
    >>> is_eccs_address("hanako@example.com")
    False
    >>> is_eccs_address("0123456789@utac.u-tokyo.ac.jp")  # the sign-in name
    False
    >>> is_eccs_address("hanako@g.ecc.u-to\\u212ayo.ac.jp")  # KELVIN SIGN, not K
    False
    >>> is_eccs_address("hanako@@g.ecc.u-tokyo.ac.jp")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: 'hanako@@g.ecc.u-tokyo.ac.jp' is not an email address (local part@domain): it has 2 '@'
    """
    return _split_address(address)[1] == ECCS_DOMAIN


def common_id_from_address(address: str) -> str | None:
    """Return the common ID of an ECCS address, or ``None`` for a chosen alias.

    A chosen local part is never digits only, so a digits-only one is the ID; in
    full-width digits it is read as :func:`normalize_common_id` reads it. An alias is
    ASCII (letters, digits, and ``.`` between them, ``_``, ``-`` and the like): any
    other local part is refused, not taken for an alias.

    >>> common_id_from_address("0123456789@g.ecc.u-tokyo.ac.jp")
    '0123456789'
    >>> common_id_from_address("０１２３４５６７８９@g.ecc.u-tokyo.ac.jp")
    '0123456789'
    >>> common_id_from_address("hanako.hongo@g.ecc.u-tokyo.ac.jp") is None
    True
    >>> common_id_from_address("0123456789@example.com")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: '0123456789@example.com' is not an ECCS address (…@g.ecc.u-tokyo.ac.jp)
    >>> common_id_from_address("花子@g.ecc.u-tokyo.ac.jp")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: '花子@g.ecc.u-tokyo.ac.jp' is not an ECCS address: '花子' is neither a common ID nor an alias (ASCII letters, digits, '.', '_', '-')
    """
    local, domain = _split_address(address)
    address = address.strip()
    if domain != ECCS_DOMAIN:
        sign_in = "; it is a UTokyo Account sign-in name" if domain == SIGN_IN_DOMAIN else ""
        raise InvalidInputError(f"{address!r} is not an ECCS address (…@{ECCS_DOMAIN}){sign_in}")
    if all(c.translate(_FULL_WIDTH_DIGITS) in _ASCII_DIGITS for c in local):
        return normalize_common_id(local)
    if not local.isascii() or not _ALIAS.fullmatch(local):
        raise InvalidInputError(
            f"{address!r} is not an ECCS address: {local!r} is neither a common ID nor an alias "
            "(ASCII letters, digits, '.', '_', '-')"
        )
    return None


def _visible(char: str) -> bool:
    code = ord(char)
    if any(low <= code <= high for low, high in _IGNORABLE):
        return False
    return unicodedata.category(char) not in _NOT_VISIBLE


def _line(value: str, field: str) -> str:
    """``value`` stripped, if it is a field of one line that shows something, and short."""
    what = f"the {field}"
    value = _text(value, what).strip()
    if not value:
        raise InvalidInputError(f"{what} is empty")
    for char in value:
        if unicodedata.category(char) in _NOT_ONE_LINE:
            raise InvalidInputError(
                f"{what} must be one line of text; it contains U+{ord(char):04X}"
            )
    if not any(_visible(char) for char in value):
        raise InvalidInputError(f"{what} has no visible character")
    for char in value:
        if unicodedata.category(char) == "Cf" and char not in _FORMAT_ALLOWED:
            raise InvalidInputError(
                f"{what} must not contain invisible format characters; it contains U+{ord(char):04X}"
            )
    if len(value) > MAX_LENGTH[field]:
        raise InvalidInputError(
            f"{what} is too long: {len(value)} characters, at most {MAX_LENGTH[field]}"
        )
    return value


def _template(lang: str) -> str:
    try:
        return _TEMPLATES[lang]
    except (KeyError, TypeError):
        raise InvalidInputError(
            f"no mail text in language {lang!r}; there is {', '.join(LANGUAGES)}"
        ) from None


def resend_template(*, lang: str = MAIL_LANGUAGE) -> str:
    """Return the request mail of recovery method 1 with its blanks, as the guide shows it.

    >>> print(resend_template())
    ◯◯（所属）の◯◯です。
    UTokyo Account（10桁の共通ID）は◯◯◯◯◯◯◯◯◯◯です。
    <BLANKLINE>
    Zoom アカウントを間違えてアクティベートしたので、アクティベーションのメールを再送してください。
    <BLANKLINE>

    A gloss (``lang`` other than :data:`MAIL_LANGUAGE`) follows the mail line for line,
    and names its blanks:

    >>> print(resend_template(lang="en"))
    This is [name] from [affiliation].
    My UTokyo Account (10-digit common ID) is [ID].
    <BLANKLINE>
    I activated my Zoom account the wrong way. Please send me the activation email again.
    <BLANKLINE>
    """
    return _template(lang).format_map(_BLANKS[lang])


def resend_format(*, lang: str = MAIL_LANGUAGE) -> str:
    """Return the request mail as a template for ``str.format``, with the fields of
    :func:`resend_request` in braces (the guide's address box fills it in the same way).

    >>> resend_format().format(affiliation="A", name="N", common_id="0123456789") == (
    ...     resend_request("A", "N", "0123456789"))
    True
    >>> print(resend_format(lang="en").splitlines()[0])
    This is {name} from {affiliation}.
    """
    return _template(lang)


def resend_subject(*, lang: str = MAIL_LANGUAGE) -> str:
    """Return the subject of the request mail, or its gloss in another ``lang``.

    In :data:`MAIL_LANGUAGE` it is :data:`RESEND_REQUEST_SUBJECT`.

    >>> resend_subject(lang="en")
    'Request to resend the Zoom account activation email'
    """
    _template(lang)  # (an unknown language: the error of every function here)
    return _SUBJECTS[lang]


def resend_request(
    affiliation: str, name: str, common_id: str, *, lang: str = MAIL_LANGUAGE, mask: bool = False
) -> str:
    """Return the text of the request mail of recovery method 1.

    The office needs the full common ID, so it is in the mail; ``mask=True`` hides
    it as :func:`mask_common_id` does, for examples. ``lang`` other than
    :data:`MAIL_LANGUAGE` gives a gloss of the mail, to show beside it (the mail
    itself is always sent in :data:`MAIL_LANGUAGE`).

    >>> print(resend_request("情報基盤センター", "本郷 花子", "0123456789"))
    情報基盤センターの本郷 花子です。
    UTokyo Account（10桁の共通ID）は0123456789です。
    <BLANKLINE>
    Zoom アカウントを間違えてアクティベートしたので、アクティベーションのメールを再送してください。
    <BLANKLINE>
    >>> print(resend_request("情報基盤センター", "本郷 花子", "0123456789", lang="en", mask=True))
    This is 本郷 花子 from 情報基盤センター.
    My UTokyo Account (10-digit common ID) is 012....789.
    <BLANKLINE>
    I activated my Zoom account the wrong way. Please send me the activation email again.
    <BLANKLINE>

    The affiliation and the name must each be one line with at least one visible
    character (spaces at its ends are dropped), with no invisible format characters (zero-width joiner and
    non-joiner excepted, which emoji and some scripts need), and at most
    :data:`MAX_LENGTH` characters long:

    >>> resend_request("情報基盤センター", "本郷\\n花子", "0123456789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: the name must be one line of text; it contains U+000A
    >>> resend_request("情報基盤センター", "\\u200b\\ufeff", "0123456789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: the name has no visible character
    >>> resend_request("情報基盤センター", "本郷 \\u202e子花", "0123456789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: the name must not contain invisible format characters; it contains U+202E
    >>> resend_request("情報基盤センター", "本郷 花子" * 7, "0123456789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: the name is too long: 35 characters, at most 32
    """
    template = _template(lang)
    fields = {
        "affiliation": _line(affiliation, "affiliation"),
        "name": _line(name, "name"),
        "common_id": mask_common_id(common_id) if mask else normalize_common_id(common_id),
    }
    return template.format_map(fields)


def resend_request_mailto(affiliation: str, name: str, common_id: str) -> str:
    """Return a ``mailto:`` URL (RFC 6068) of the request mail, ready to click.

    Subject and body are UTF-8 and percent-encoded, with line breaks as ``%0D%0A``;
    nothing in the input can add or change a header field. The fields' limits
    (:data:`MAX_LENGTH`) keep the URL shorter than :data:`MAILTO_LIMIT` characters,
    whatever they hold.

    >>> url = resend_request_mailto("情報基盤センター", "本郷 花子", "0123456789")
    >>> url[:60]
    'mailto:jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp?subject=Zoom'
    >>> "%0D%0A" in url and "\\n" not in url
    True
    """
    body = resend_request(affiliation, name, common_id).replace("\n", "\r\n")
    subject = quote(RESEND_REQUEST_SUBJECT, safe="")
    return f"mailto:{RESEND_REQUEST_TO}?subject={subject}&body={quote(body, safe='')}"
