"""The theme's colours: every text and background pair the screens draw reads at WCAG 2.x
contrast, and met/unmet (OK, BAD) stay apart for protanopes and deuteranopes."""

from __future__ import annotations

import pytest

from kiosk.card import LOW_COST, LOW_COST_LIGHT, PAPER
from kiosk.ui import theme
from kiosk.ui.widgets import STYLES
from tests.ui.colour_vision import (
    DEUTERANOPIA,
    PROTANOPIA,
    ciede2000,
    contrast,
    lab,
    simulate,
)

# Large text (theme.py says why): bold from 26 logical px, regular from 33.
LARGE_BOLD, LARGE = 26, 33
# Apart for a colour-blind eye: CIEDE2000 of at least 20 between the simulated colours, the
# difference between clearly different colours (a just noticeable difference is about 1-2);
# a test (below) shows the old palette fell far short of it.
APART = 20
VISIONS = {"protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
STATES = [("OK", "BAD"), ("OK_LIGHT", "BAD_LIGHT")]


def wanted(size: int, bold: bool) -> float:
    return 3.0 if size >= (LARGE_BOLD if bold else LARGE) else 4.5


@pytest.mark.parametrize(("ink", "background", "size", "bold"), theme.PAIRS)
def test_every_text_reads_on_its_background(ink, background, size, bold):
    ratio = contrast(getattr(theme, ink), getattr(theme, background))
    assert ratio >= wanted(size, bold), f"{ink} on {background}: {ratio:.2f}:1"


def test_every_button_style_is_a_checked_pair():
    pairs = {(getattr(theme, ink), getattr(theme, bg)) for ink, bg, _, _ in theme.PAIRS}
    for kind, (fill, _edge, ink) in STYLES.items():
        assert (ink, fill) in pairs, kind


def test_the_cards_low_cost_tag_reads():
    assert contrast(LOW_COST, LOW_COST_LIGHT) >= 4.5
    assert PAPER == theme.TILE  # the card's other pairs are the TILE ones


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize(("good", "bad"), STATES)
def test_met_and_unmet_stay_apart_without_red_green(vision, good, bad):
    seen = [simulate(getattr(theme, name), VISIONS[vision]) for name in (good, bad)]
    difference = ciede2000(lab(seen[0]), lab(seen[1]))
    assert difference >= APART, f"{good}/{bad} under {vision}: ΔE00 {difference:.1f}"


def test_the_old_palette_fails_what_the_new_one_passes():
    """The checks are not vacuous: the colours before this test fail them."""
    old = {
        "OK": (25, 135, 84),
        "BAD": (200, 35, 51),
        "OK_LIGHT": (209, 231, 221),
        "BAD_LIGHT": (248, 215, 218),
    }
    for good, bad in STATES:
        seen = [simulate(old[good], DEUTERANOPIA), simulate(old[bad], DEUTERANOPIA)]
        assert ciede2000(lab(seen[0]), lab(seen[1])) < APART
    assert contrast(old["OK"], old["OK_LIGHT"]) < 4.5  # the green chip's text
    assert contrast((204, 122, 0), theme.WARN_LIGHT) < 3  # the old amber on the hint box


# Sharma, Wu and Dalal (2005), table 1: pairs 1, 7, 17, 25 and 34 with their ΔE00.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_the_colour_arithmetic_meets_its_references():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert lab((255, 255, 255)) == pytest.approx((100, 0, 0), abs=0.01)
    for matrix in VISIONS.values():  # grey stays grey; red and green meet
        assert simulate((128, 128, 128), matrix) == pytest.approx((128, 128, 128), abs=1)
        red, green = simulate((200, 0, 0), matrix), simulate((0, 120, 0), matrix)
        assert ciede2000(lab(red), lab(green)) < ciede2000(lab((200, 0, 0)), lab((0, 120, 0))) / 3
