"""`stem-kiosk pin`: set the facilitator PIN (asked twice, stored as a hash)."""

from __future__ import annotations

from kiosk.commands.common import not_built


def register(sub) -> None:
    parser = sub.add_parser("pin", help="set the facilitator PIN")
    parser.set_defaults(handler=not_built)
