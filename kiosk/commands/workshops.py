"""`stem-kiosk workshops import|card`: install a pack from a USB stick, print a workshop card."""

from __future__ import annotations

from kiosk.commands import card as card_command
from kiosk.commands import workshop_import
from kiosk.i18n import languages


def register(sub) -> None:
    parser = sub.add_parser("workshops", help="import a workshop pack or draw a workshop card")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="validate a pack, then install it")
    imp.add_argument("path", metavar="PATH")
    imp.set_defaults(handler=workshop_import.handle)
    card = actions.add_parser("card", help="a printable one-page card of a workshop")
    card.add_argument("id", metavar="ID")
    card.add_argument("--png", required=True, metavar="FILE")
    card.add_argument("--lang", choices=languages(), help="default: the config's language")
    card.set_defaults(handler=card_command.handle)
