"""`stem-kiosk maker list|export|card`: the creations of maker mode kept on this kiosk, their
gpiozero program written to a `.py` file to take home, and their printable card."""

from __future__ import annotations

import argparse
import sys

from devices.kitconfig import KitSpec, load_kit
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.maker.export import export_py
from kiosk.maker.rules import Creation, Palette
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


def _creation_and_kit(args: argparse.Namespace) -> tuple[Creation, KitSpec] | int:
    """The named creation and the kit, or the exit code after saying what is wrong."""
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
    return creation, spec


def export_creation(args: argparse.Namespace) -> int:
    found = _creation_and_kit(args)
    if isinstance(found, int):
        return found
    try:
        path = export_py(*found, args.py)
    except OSError as err:
        return fail(f"cannot write {args.py}: {err.strerror or err}", PROBLEM)
    print(path)
    return OK


def creation_card(args: argparse.Namespace) -> int:
    """Draw a creation's A4 card (150 dpi) to a PNG file."""
    found = _creation_and_kit(args)
    if isinstance(found, int):
        return found
    import pygame  # drawing only here: `maker list` and `export` start without it

    from kiosk.maker.card import render_creation_card

    creation, spec = found
    card = render_creation_card(creation, spec, args.lang or config_of(args).language)
    try:
        pygame.image.save(card.surface, args.png)
    except (pygame.error, OSError) as err:
        return fail(f"cannot write {args.png}: {err}", PROBLEM)
    print(args.png)
    return OK
