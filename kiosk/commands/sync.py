"""`stem-kiosk sync`: send every unconfirmed session to the listing, then reconcile."""

from __future__ import annotations

from kiosk.commands.common import not_built


def register(sub) -> None:
    parser = sub.add_parser(
        "sync", help="sync sessions to the listing (exit 0 done, 3 retry later, 1 attention)"
    )
    parser.set_defaults(handler=not_built)
