"""A creation's printable card: one A4 page with every rule in words, the wiring of each device
it uses and its whole program (smaller, in two columns, when it is long); `stem-kiosk maker card`
writes it."""

from __future__ import annotations

import random
import subprocess
import sys

import pygame
import pytest

from kiosk.card import MARGIN, PAGE, PAPER
from kiosk.maker.blocks import TEXT_MAX
from kiosk.maker.card import render_creation_card
from kiosk.maker.rules import MAX_ACTIONS, MAX_RULES, Action, Creation, Rule, Trigger
from kiosk.maker.store import Store
from kiosk.ui import theme

THREE = Creation("Snelle Raket", (
    Rule(Trigger("pressed", "button"), (Action("switch_on", "led"),)),
    Rule(Trigger("closer", "distance", 20), (Action("beep", "buzzer", 2),
                                             Action("show_text", None, "Dichtbij!"))),
    Rule(Trigger("every", None, 2), (Action("count_up"), Action("show_count")), 3),
))  # fmt: skip


def ink(surface: pygame.Surface, rect: pygame.Rect) -> int:
    area = surface.subsurface(rect)
    mask = pygame.mask.from_threshold(area, area.map_rgb(PAPER), (1, 1, 1, 255))
    return rect.w * rect.h - mask.count()


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
def test_a_three_rule_creation_fits_one_page_whole(spec, lang):
    card = render_creation_card(THREE, spec, lang)
    assert card.surface.get_size() == PAGE and not card.cut
    page = pygame.Rect(MARGIN, MARGIN, PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN)
    regions = [*card.rules, *card.pictures, card.code]
    assert len(card.rules) == 3 and len(card.pictures) == 4  # button, led, distance, buzzer
    for i, region in enumerate(regions):
        assert page.contains(region), f"region {i} leaves the page"
        assert region.collidelist(regions[:i]) == -1, f"region {i} overlaps another"
        assert ink(card.surface, region) > 500, f"region {i} is empty"
    # Each rule starts with its number in the colour of what starts it.
    first = card.rules[0]
    colours = {tuple(card.surface.get_at((x, y)))[:3] for x in range(first.x, first.x + 40)
               for y in range(first.y, first.y + 30)}  # fmt: skip
    assert theme.INPUTS in colours


def test_the_biggest_creation_still_makes_one_page(spec):
    """20 rules of 8 actions: the program is cut, and the card says where the rest is."""
    rng = random.Random(5)
    actions = [Action("show_text", None, "x" * TEXT_MAX), Action("toggle", "led"),
               Action("wait", None, 1), Action("beep", "buzzer", 3)]  # fmt: skip
    rules = tuple(Rule(Trigger("pressed", rng.choice(["button", "button2"])),
                       tuple(rng.choice(actions) for _ in range(MAX_ACTIONS)))
                  for _ in range(MAX_RULES))  # fmt: skip
    card = render_creation_card(Creation("Grote Machine", rules), spec)
    assert card.surface.get_size() == PAGE
    assert len(card.rules) == MAX_RULES
    assert card.code.bottom <= PAGE[1] - MARGIN
    assert card.cut or ink(card.surface, card.code) > 0


def test_the_cli_writes_the_card_and_names_an_unknown_creation(tmp_path):
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n")
    Store(tmp_path / "data").save(THREE)

    def cli(*argv):
        return subprocess.run([sys.executable, "-m", "kiosk.cli", "--config", str(config),
                               "maker", "card", *argv], capture_output=True, text=True,
                              timeout=60)  # fmt: skip

    png = tmp_path / "kaart.png"
    done = cli("snelle raket", "--png", str(png), "--lang", "en")
    assert (done.returncode, done.stdout.strip()) == (0, str(png)), done.stderr
    assert pygame.image.load(str(png)).get_size() == PAGE
    unknown = cli("Trage Slak", "--png", str(png))
    assert unknown.returncode == 2 and "no creation named 'Trage Slak'" in unknown.stderr
