"""`stem-kiosk devices list|check|watch|wiring`: see and test the kit's hardware."""

from __future__ import annotations

from kiosk.commands.common import not_built


def register(sub) -> None:
    parser = sub.add_parser("devices", help="list, self-test, watch or draw the kit's devices")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (("list", "the kit's devices and pins"),
                       ("check", "self-test every device, one line each")):  # fmt: skip
        p = actions.add_parser(name, help=text)
        p.add_argument("--simulate", action="store_true", help="use the simulated kit")
        p.set_defaults(handler=not_built)
    watch = actions.add_parser("watch", help="print live readings of one device until Ctrl-C")
    watch.add_argument("name")
    watch.add_argument("--simulate", action="store_true", help="use the simulated kit")
    watch.set_defaults(handler=not_built)
    wiring = actions.add_parser("wiring", help="draw the wiring picture of one device")
    wiring.add_argument("name")
    wiring.add_argument("--png", required=True, metavar="FILE")
    wiring.set_defaults(handler=not_built)
