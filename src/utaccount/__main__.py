"""The ``utaccount`` command: ``python -m utaccount --help`` tells how to use it.

Results go to stdout. Bad input gives one line on stderr and exit status 2; a result
that standard output cannot encode (``PYTHONIOENCODING=ascii`` and Japanese text)
gives one line on stderr and exit status 3, with nothing on stdout. No traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

import utaccount

#: Exit status for bad input (also for bad usage, as argparse has it).
EXIT_BAD_INPUT = 2
#: Exit status of ``id`` for an alias address, whose common ID cannot be read from it.
EXIT_NO_ID = 1
#: Exit status when standard output cannot encode the result (Japanese on an ASCII terminal).
EXIT_CANNOT_ENCODE = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, without the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog="utaccount",
        description="UTokyo Account common IDs and sign-in names, ECCS Cloud Email addresses, "
        "and the mail of 2020 that asked the Information Strategy Team to resend the Zoom "
        "activation email.",
        epilog="A common ID is 10 digits; full-width digits, spaces and hyphens (also the "
        "Japanese long-vowel mark) are accepted. Bad input gives one line on stderr and exit "
        f"status {EXIT_BAD_INPUT}; a result that stdout cannot encode, exit status {EXIT_CANNOT_ENCODE}.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sign_in = commands.add_parser(
        "sign-in", help="print the UTokyo Account sign-in name of a common ID (today's)",
        description="Print <ID>@" + utaccount.SIGN_IN_DOMAIN + ", the name to sign in with to "
        "the university's Zoom since 15 March 2021 (not a mail address), the ID normalized first.",
    )
    sign_in.add_argument("common_id", metavar="ID", help="the 10-digit common ID")

    address = commands.add_parser(
        "address", help="print the ECCS Cloud Email address of a common ID (a mailbox)",
        description="Print <ID>@" + utaccount.ECCS_DOMAIN + ", the ID normalized first.",
    )
    address.add_argument("common_id", metavar="ID", help="the 10-digit common ID")

    mask = commands.add_parser(
        "mask", help="print a common ID masked, as in 012....789",
        description="Print the first and last three digits of a common ID, with dots between.",
    )
    mask.add_argument("common_id", metavar="ID", help="the 10-digit common ID")

    ident = commands.add_parser(
        "id", help="print the common ID of an ECCS Cloud Email address",
        description="Print the common ID of <ID>@" + utaccount.ECCS_DOMAIN + ". An address "
        f"the user chose (an alias) does not tell the ID: exit status {EXIT_NO_ID}.",
    )
    ident.add_argument("address", metavar="ADDRESS", help="an ECCS Cloud Email address")

    request = commands.add_parser(
        "request", help="print the mail of 2020 that asked for the activation email again",
        description="Print the mail of recovery method 1 to send to "
        f"{utaccount.RESEND_REQUEST_TO} (in Japanese, which the office reads).",
    )
    request.add_argument("--affiliation", required=True, help="faculty, department or office")
    request.add_argument("--name", required=True, help="full name of the sender")
    request.add_argument("--id", required=True, dest="common_id", metavar="ID",
                         help="the sender's 10-digit common ID")
    request.add_argument("--lang", default=utaccount.MAIL_LANGUAGE, choices=utaccount.LANGUAGES,
                         help="language of the text: the mail itself (default: %(default)s) "
                         "or a translation of it to read")
    request.add_argument("--mailto", action="store_true",
                         help="print a mailto: URL with subject and body instead")
    return parser


def _run(args: argparse.Namespace) -> tuple[str, int]:
    if args.command == "sign-in":
        return utaccount.sign_in_name(args.common_id), 0
    if args.command == "address":
        return utaccount.eccs_address(args.common_id), 0
    if args.command == "mask":
        return utaccount.mask_common_id(args.common_id), 0
    if args.command == "id":
        common_id = utaccount.common_id_from_address(args.address)
        if common_id is None:
            print(f"utaccount: {args.address.strip()!r} is an alias the user chose; "
                  "it does not tell the common ID", file=sys.stderr)
            return "", EXIT_NO_ID
        return common_id, 0
    if args.mailto:
        if args.lang != utaccount.MAIL_LANGUAGE:
            raise utaccount.InvalidInputError(
                f"--mailto sends the mail itself, which is in {utaccount.MAIL_LANGUAGE}; "
                "leave out --lang"
            )
        return utaccount.resend_request_mailto(args.affiliation, args.name, args.common_id), 0
    text = utaccount.resend_request(args.affiliation, args.name, args.common_id, lang=args.lang)
    return text.rstrip("\n"), 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the process's arguments); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        output, status = _run(args)
    except utaccount.InvalidInputError as error:
        print(f"utaccount: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if output:
        # Encoded whole before anything is written: a result is printed whole or not at all.
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            output.encode(encoding)
        except UnicodeEncodeError:
            hint = " or use --mailto" if args.command == "request" else ""
            # (stderr escapes what it cannot encode, such as \u672c: Python's own handler.)
            print(f"utaccount: error: standard output ({encoding}) cannot show the result; "
                  f"set PYTHONIOENCODING=utf-8{hint}", file=sys.stderr)
            return EXIT_CANNOT_ENCODE
        print(output)
    return status


if __name__ == "__main__":
    sys.exit(main())
