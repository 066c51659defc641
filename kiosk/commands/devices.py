"""`stem-kiosk devices list|check|watch|wiring`: see and test the kit's hardware."""

from __future__ import annotations

import argparse
import os
import time

from devices.kit import Kit, KitError, Reading
from devices.kitconfig import KitSpec, load_kit
from devices.pinmap import BCM_TO_BOARD
from devices.selftest import selftest
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail

WATCH_HZ = 20


def register(sub) -> None:
    parser = sub.add_parser("devices", help="list, self-test, watch or draw the kit's devices")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text, handler in (
        ("list", "the kit's devices and pins", list_devices),
        ("check", "self-test every device, one line each", check),
    ):
        p = actions.add_parser(name, help=text)
        p.add_argument("--simulate", action="store_true", help="use the simulated kit")
        p.set_defaults(handler=handler)
    watch_p = actions.add_parser("watch", help="print live readings of one device until Ctrl-C")
    watch_p.add_argument("name")
    watch_p.add_argument("--simulate", action="store_true", help="use the simulated kit")
    watch_p.set_defaults(handler=watch)
    wiring_p = actions.add_parser("wiring", help="draw the wiring picture of one device")
    wiring_p.add_argument("name")
    wiring_p.add_argument("--png", required=True, metavar="FILE")
    wiring_p.set_defaults(handler=wiring)


def _spec(args: argparse.Namespace) -> tuple[KitSpec | None, int]:
    """The kit file of the config; its problems printed (the valid devices still count)."""
    spec, problems = load_kit(config_of(args).kit)
    for problem in problems:
        print(problem)
    return spec, PROBLEM if problems else OK


def _named(args: argparse.Namespace) -> tuple[KitSpec | None, int]:
    """The kit and the exit code to stop with if it can't be read or lacks the named device."""
    spec, _code = _spec(args)
    if spec is None:
        return None, PROBLEM
    if args.name not in spec.devices:
        known = ", ".join(spec.devices)
        return None, fail(f"no device '{args.name}' in the kit (it has: {known})", USAGE)
    return spec, OK


def list_devices(args: argparse.Namespace) -> int:
    spec, code = _spec(args)
    if spec is None:
        return PROBLEM
    for dev in spec.devices.values():
        pins = ", ".join(
            f"{role} GPIO{bcm} (pin {BCM_TO_BOARD[bcm]})" for role, bcm in dev.pins.items()
        )
        options = " ".join(f"{k}={v}" for k, v in dev.options.items())
        print(f"{dev.name:<16} {dev.type:<16} {pins or '-'}  {options}  {dev.label.nl}".rstrip())
    return code


def check(args: argparse.Namespace) -> int:
    spec, code = _spec(args)
    if spec is None:
        return PROBLEM
    try:
        with Kit(spec, simulate=args.simulate) as kit:
            print(f"pin factory: {kit.factory_name}")
            results = selftest(kit)
    except KitError as err:
        return fail(str(err), PROBLEM)
    for result in results:
        print(f"{result.device:<16} {'ok  ' if result.ok else 'FAIL'}  {result.text}")
    return code if all(r.ok for r in results) else PROBLEM


def _show(reading: Reading) -> str:
    if not reading.connected:
        return f"not connected: {reading.reason}"
    if reading.value is None and reading.reason:
        return reading.reason
    value = reading.value
    if isinstance(value, bool):
        value = "on" if value else "off"
    return f"{value} {reading.unit}".rstrip()


def watch(args: argparse.Namespace) -> int:
    spec, code = _named(args)
    if spec is None:
        return code
    try:
        kit = Kit(spec, simulate=args.simulate)
    except KitError as err:
        return fail(str(err), PROBLEM)
    with kit:
        print(f"watching '{args.name}' on {kit.factory_name}; Ctrl-C to stop", flush=True)
        shown = None
        try:
            while True:  # only a changed reading is printed; 20 Hz keeps it live and cheap
                line = _show(kit.reading(args.name))
                if line != shown:
                    print(f"{time.strftime('%H:%M:%S')}  {args.name}  {line}", flush=True)
                    shown = line
                time.sleep(1 / WATCH_HZ)
        except KeyboardInterrupt:
            return OK


def wiring(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from devices.wiring import save_png  # pygame only for the command that draws

    spec, code = _named(args)
    if spec is None:
        return code
    try:
        save_png(spec, args.name, args.png)
    except OSError as err:
        return fail(f"cannot write {args.png}: {err.strerror}", PROBLEM)
    print(args.png)
    return OK
