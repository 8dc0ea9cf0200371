"""UTokyo Account common IDs, ECCS Cloud Email addresses and the resend request mail.

A common ID is 10 digits. It may begin with ``0``, so it is always a
string, never an integer. People type it with full-width digits, spaces or
hyphens; :func:`normalize_common_id` folds all of that into the ten ASCII digits.

>>> normalize_common_id("０１２３-４５６７ ８９")
'0123456789'
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

import unicodedata
from typing import Final
from urllib.parse import quote

__all__ = [
    "ECCS_DOMAIN",
    "ID_LENGTH",
    "InvalidInputError",
    "LANGUAGES",
    "MAIL_LANGUAGE",
    "RESEND_REQUEST_TO",
    "RESEND_REQUEST_SUBJECT",
    "common_id_from_address",
    "eccs_address",
    "is_eccs_address",
    "mask_common_id",
    "normalize_common_id",
    "resend_request",
    "resend_request_mailto",
    "resend_template",
]

#: Number of digits in a common ID.
ID_LENGTH: Final = 10

#: Domain of ECCS Cloud Email (G Suite for Education at the university).
ECCS_DOMAIN: Final = "g.ecc.u-tokyo.ac.jp"

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
        "I activated my Zoom account by mistake. "
        "Please send me the activation email again.\n"
    ),
}

# What the blanks of the template say, as the guide shows them.
_BLANKS: Final = {
    "ja": {"affiliation": "◯◯（所属）", "name": "◯◯", "common_id": "◯" * ID_LENGTH},
    "en": {"affiliation": "[affiliation]", "name": "[name]", "common_id": "[ID]"},
}

#: Languages of the request mail: :data:`MAIL_LANGUAGE` first, then the glosses.
LANGUAGES: Final = tuple(_TEMPLATES)

_FULL_WIDTH_DIGITS: Final = {0xFF10 + i: str(i) for i in range(10)}
# Half- and full-width spaces, and the hyphens and minus signs people type.
_SEPARATORS: Final = " \u3000-\uff0d\u2010\u2011\u2212"
_DROP: Final = {ord(c): None for c in _SEPARATORS}
_ASCII_DIGITS: Final = frozenset("0123456789")


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

    Full-width digits become ASCII digits; spaces and hyphens (half- and
    full-width) are dropped anywhere. Leading zeros are kept.

    >>> normalize_common_id("0123456789")
    '0123456789'
    >>> normalize_common_id(" ０１２ ３４５ ６７８９ ")
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


def eccs_address(common_id: str) -> str:
    """Return the ECCS Cloud Email address of a common ID (normalized first).

    Every user has this address; an address they chose is an alias of the same mailbox.

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


def _split_address(address: str) -> tuple[str, str]:
    address = _text(address, "an address").strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise InvalidInputError(f"{address!r} is not an email address (local part@domain)")
    return local, domain.lower()


def is_eccs_address(address: str) -> bool:
    """Tell whether ``address`` is an ECCS Cloud Email address (the domain decides).

    Text that is not an email address at all raises :class:`InvalidInputError`.

    >>> is_eccs_address("0123456789@g.ecc.u-tokyo.ac.jp")
    True
    >>> is_eccs_address("hanako.hongo@G.ECC.U-Tokyo.ac.jp")
    True
    >>> is_eccs_address("hanako@example.com")
    False
    """
    return _split_address(address)[1] == ECCS_DOMAIN


def common_id_from_address(address: str) -> str | None:
    """Return the common ID of an ECCS address, or ``None`` for a chosen alias.

    A chosen local part is never digits only, so a digits-only one is the ID.

    >>> common_id_from_address("0123456789@g.ecc.u-tokyo.ac.jp")
    '0123456789'
    >>> common_id_from_address("hanako.hongo@g.ecc.u-tokyo.ac.jp") is None
    True
    >>> common_id_from_address("0123456789@example.com")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: '0123456789@example.com' is not an ECCS address (…@g.ecc.u-tokyo.ac.jp)
    """
    local, domain = _split_address(address)
    if domain != ECCS_DOMAIN:
        raise InvalidInputError(
            f"{address.strip()!r} is not an ECCS address (…@{ECCS_DOMAIN})"
        )
    if local.isascii() and local.isdigit():
        return normalize_common_id(local)
    return None


def _line(value: str, what: str) -> str:
    value = _text(value, what).strip()
    if not value:
        raise InvalidInputError(f"{what} is empty")
    for char in value:
        if unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"}:
            raise InvalidInputError(
                f"{what} must be one line of text; it contains U+{ord(char):04X}"
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
    """
    return _template(lang).format_map(_BLANKS[lang])


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
    I activated my Zoom account by mistake. Please send me the activation email again.
    <BLANKLINE>
    >>> resend_request("情報基盤センター", "本郷\\n花子", "0123456789")
    Traceback (most recent call last):
      ...
    utaccount.InvalidInputError: the name must be one line of text; it contains U+000A
    """
    template = _template(lang)
    fields = {
        "affiliation": _line(affiliation, "the affiliation"),
        "name": _line(name, "the name"),
        "common_id": mask_common_id(common_id) if mask else normalize_common_id(common_id),
    }
    return template.format_map(fields)


def resend_request_mailto(affiliation: str, name: str, common_id: str) -> str:
    """Return a ``mailto:`` URL (RFC 6068) of the request mail, ready to click.

    Subject and body are UTF-8 and percent-encoded, with line breaks as ``%0D%0A``;
    nothing in the input can add or change a header field.

    >>> url = resend_request_mailto("情報基盤センター", "本郷 花子", "0123456789")
    >>> url[:60]
    'mailto:jouhousenryaku.adm@gs.mail.u-tokyo.ac.jp?subject=Zoom'
    >>> "%0D%0A" in url and "\\n" not in url
    True
    """
    body = resend_request(affiliation, name, common_id).replace("\n", "\r\n")
    subject = quote(RESEND_REQUEST_SUBJECT, safe="")
    return f"mailto:{RESEND_REQUEST_TO}?subject={subject}&body={quote(body, safe='')}"
