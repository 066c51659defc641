"""`stem-kiosk devices list|check|watch`: see and test the kit's hardware (wiring: wiring.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from devices.kit import Kit, KitError, Reading
from devices.kitconfig import KitSpec, load_kit
from devices.pinmap import BCM_TO_BOARD
from devices.selftest import selftest
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.core.kitcheck import record_kit_check

WATCH_HZ = 20


def kit_spec(args: argparse.Namespace, config=None) -> tuple[KitSpec | None, int]:
    """The kit file of the config; its problems printed (the valid devices still count)."""
    spec, problems = load_kit((config or config_of(args)).kit)
    for problem in problems:
        print(problem)
    return spec, PROBLEM if problems else OK


def named(args: argparse.Namespace) -> tuple[KitSpec | None, int]:
    """The kit and the exit code to stop with if it can't be read or lacks the named device."""
    spec, _code = kit_spec(args)
    if spec is None:
        return None, PROBLEM
    if args.name not in spec.devices:
        known = ", ".join(spec.devices)
        return None, fail(f"no device '{args.name}' in the kit (it has: {known})", USAGE)
    return spec, OK


def list_devices(args: argparse.Namespace) -> int:
    spec, code = kit_spec(args)
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
    """The self-test, kept in the data dir for the status the sync sends the listing."""
    config = config_of(args)
    spec, code = kit_spec(args, config)
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
    failed = [(r.device, r.text) for r in results if not r.ok]
    try:
        record_kit_check(config.data_dir, failed, dt.datetime.now(dt.UTC))
    except OSError as err:
        print(f"stem-kiosk: cannot keep the outcome in {config.data_dir}: {err}", file=sys.stderr)
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
    spec, code = named(args)
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
