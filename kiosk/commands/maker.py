"""`stem-kiosk maker list|export`: the creations of maker mode kept on this kiosk, and their
gpiozero program written to a `.py` file to take home."""

from __future__ import annotations

import argparse
import sys

from devices.kitconfig import load_kit
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.maker.export import export_py
from kiosk.maker.rules import Palette
from kiosk.maker.store import Store


def list_creations(args: argparse.Namespace) -> int:
    """One line per creation; a file that does not load is named on stderr (exit 1)."""
    config = config_of(args)
    creations, problems = Store(config.data_dir).load()
    spec, _ = load_kit(config.kit)
    palette = Palette(spec) if spec is not None else None
    for creation in creations:
        devices = ", ".join(creation.devices) or "-"
        off = sum(1 for r in creation.rules if palette and palette.misfit(r))
        note = f"  ({off} do not fit this kit)" if off else ""
        rules = f"{len(creation.rules)} rule{'s' * (len(creation.rules) != 1)}"
        print(f"{creation.name:<28} {rules:<9} {devices}{note}")
    for problem in problems:
        print(f"{problem} (skipped)", file=sys.stderr)
    return PROBLEM if problems else OK


def export_creation(args: argparse.Namespace) -> int:
    config = config_of(args)
    store = Store(config.data_dir)
    creation = store.get(args.name)
    if creation is None:
        creations, _ = store.load()
        known = ", ".join(f"'{c.name}'" for c in creations) or "none"
        return fail(f"no creation named '{args.name}' (the kiosk has: {known})", USAGE)
    spec, _ = load_kit(config.kit)
    if spec is None:
        return fail(f"the kit file {config.kit} has problems; run 'stem-kiosk validate'", PROBLEM)
    try:
        path = export_py(creation, spec, args.py)
    except OSError as err:
        return fail(f"cannot write {args.py}: {err.strerror or err}", PROBLEM)
    print(path)
    return OK
