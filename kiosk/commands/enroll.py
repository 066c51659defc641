"""`stem-kiosk enroll`: connect this kiosk to a listing, after checking URL and token work."""

from __future__ import annotations

from kiosk.commands.common import not_built


def register(sub) -> None:
    parser = sub.add_parser("enroll", help="check the listing and token, then write the config")
    parser.add_argument("--listing", required=True, metavar="URL")
    parser.add_argument("--kiosk-id", required=True, metavar="ID")
    parser.add_argument("--token-file", required=True, metavar="F")
    parser.set_defaults(handler=not_built)
