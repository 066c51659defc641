"""`stem-kiosk workshops card ID --png FILE [--lang LANG]`: the printable card of one workshop."""

from __future__ import annotations

import argparse

import pygame

from devices.kitconfig import load_kit
from kiosk.card import render_card
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail, unknown_workshop
from kiosk.core.folders import open_library


def card(args: argparse.Namespace) -> int:
    """Draw a workshop's A4 card (150 dpi) to a PNG file."""
    config = config_of(args)
    kit, _problems = load_kit(config.kit)
    if kit is None:
        return fail(f"the kit file {config.kit} has problems; run 'stem-kiosk validate'", PROBLEM)
    library = open_library(config, kit)
    workshop = library.workshops.get(args.id)
    if workshop is None:
        return fail(unknown_workshop(args.id, library), USAGE)
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
