"""`stem-kiosk pin`: set the facilitator PIN (asked twice, stored as a salted hash in the config).

The rest of the config file is kept as it is.
"""

from __future__ import annotations

import argparse
import getpass

from kiosk.commands.common import OK, PROBLEM, fail
from kiosk.config import config_path, ensure_config
from kiosk.pin import PIN_PATTERN, hash_pin, store_pin_hash


def pin(args: argparse.Namespace) -> int:
    path = config_path(args.config)
    if args.config is None:
        ensure_config(path)
    try:
        first = getpass.getpass("New facilitator PIN (4 to 8 digits): ")
        second = getpass.getpass("Again: ")
    except EOFError:
        return fail("no PIN given", PROBLEM)
    if not PIN_PATTERN.fullmatch(first):
        return fail("the PIN must be 4 to 8 digits", PROBLEM)
    if first != second:
        return fail("the two PINs differ; nothing changed", PROBLEM)
    try:
        store_pin_hash(path, hash_pin(first))
    except OSError as err:
        return fail(f"cannot write {path}: {err.strerror}", PROBLEM)
    print(f"PIN set in {path}")
    return OK
