"""`stem-kiosk workshops card ID --png FILE [--lang nl|en|fr]`: the printable card of one workshop.

Registered by kiosk/commands/workshops.py; pygame is imported only when a card is drawn.
"""

from __future__ import annotations

import argparse

from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail


def handle(args: argparse.Namespace) -> int:
    """Draw a workshop's A4 card (150 dpi) to a PNG file."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from devices.kitconfig import load_kit
    from kiosk.card import render_card
    from kiosk.library import load_library, shipped_dir

    config = config_of(args)
    kit, _problems = load_kit(config.kit)
    if kit is None:
        return fail(f"the kit file {config.kit} has problems; run 'stem-kiosk validate'", PROBLEM)
    folders = [shipped_dir(), *config.workshops_dirs, config.imported_workshops_dir]
    library = load_library([f for f in folders if f.is_dir()], kit)
    workshop = library.workshops.get(args.id)
    if workshop is None:
        known = ", ".join(sorted(library.workshops)) or "none"
        return fail(f"unknown workshop '{args.id}' (the library has: {known})", USAGE)
    card = render_card(workshop, kit, args.lang or config.language)
    try:
        pygame.image.save(card.surface, args.png)
    except (pygame.error, OSError) as err:
        return fail(f"cannot write {args.png}: {err}", PROBLEM)
    print(args.png)
    if not card.fits:
        return fail(f"'{args.id}' does not fit on one page even in small print: shorten its steps",
                    PROBLEM)  # fmt: skip
    return OK
