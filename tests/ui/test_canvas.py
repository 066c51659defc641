"""The drawing layer: logical units mapped to real pixels both ways, shapes and text drawn at the
real resolution, pictures made for the size they are shown at, and the record of a frame."""

from __future__ import annotations

import pygame
import pytest

from devices.kitconfig import load_kit
from kiosk.ui import pictures, theme
from kiosk.ui.canvas import Canvas


@pytest.fixture
def hd():
    pygame.init()
    canvas = Canvas(pygame.Surface((1920, 1080)))
    canvas.fill(theme.BACKGROUND)
    yield canvas
    pygame.quit()
    pictures.forget()


def covered(canvas: Canvas, colour) -> int:
    mask = pygame.mask.from_threshold(canvas.surface, colour, (1, 1, 1, 255))
    return mask.count()


def test_touches_map_back_to_the_logical_units_they_were_drawn_in(hd):
    assert (hd.width, hd.height, hd.scale) == (853, 480, 2.25)
    for pos in [(0, 0), (16, 84), (452, 336), (852, 479)]:
        assert hd.logical(hd.point((pos[0] + 0.5, pos[1] + 0.5))) == pos
    assert hd.logical((-1, 10)) is None and hd.logical((10, 1080)) is None


def test_neighbouring_boxes_stay_neighbours_in_real_pixels(hd):
    left, right = hd.real((10, 10, 33, 20)), hd.real((43, 10, 33, 20))
    assert left.right == right.x  # no gap, no overlap, whatever the rounding
    back = hd.unreal(hd.real((10, 10, 33, 20)))  # rounded outwards, by less than a unit
    assert back.contains((10, 10, 33, 20)) and pygame.Rect(9, 9, 35, 22).contains(back)


def test_shapes_are_drawn_at_real_pixels(hd):
    hd.rect(theme.ACCENT, (100, 100, 100, 50))
    assert covered(hd, theme.ACCENT) == pytest.approx(225 * 112.5, rel=0.01)
    hd.polygon(theme.OK, [(300, 100), (400, 100), (300, 200)])  # a triangle of 5000 units²
    assert covered(hd, theme.OK) == pytest.approx(5000 * 2.25**2, rel=0.03)
    hd.line(theme.BAD, (500, 100), (600, 100), 2)
    assert hd.thickness(2) in (4, 5)  # 2 units at 2.25: 4.5 real pixels, rounded
    assert covered(hd, theme.BAD) == pytest.approx(100 * 2.25 * hd.thickness(2), rel=0.03)
    hd.circle(theme.INK, (700, 300), 20)
    assert covered(hd, theme.INK) == pytest.approx(3.1416 * (20 * 2.25) ** 2, rel=0.03)
    kinds = [m.kind for m in hd.marks]
    assert kinds == ["box", "shape", "shape", "shape"]


def test_text_is_set_in_a_font_of_the_real_size_and_recorded(hd):
    used = hd.text("Sluit de knop aan", pygame.Rect(16, 10, 600, 44), 30, theme.INK, bold=True)
    mark = hd.marks[-1]
    assert mark.kind == "text" and mark.fits and not mark.broken
    assert mark.drawn * hd.scale == hd.font_px(30) == 68  # 30 units at 2.25: a 68 px font
    assert used == mark.rect and pygame.Rect(16, 10, 600, 44).contains(used)
    large = Canvas(pygame.Surface((1920, 1080)), text_scale=theme.LARGE_TEXT)
    large.text("Sluit de knop aan", pygame.Rect(16, 10, 600, 60), 30, theme.INK, bold=True)
    assert large.marks[-1].drawn == pytest.approx(30 * theme.LARGE_TEXT, abs=0.5)


def test_a_long_path_breaks_where_a_sentence_shrinks(hd):
    box = pygame.Rect(0, 0, 200, 80)
    hd.text("/var/lib/stem-kiosk/journal/journal.sqlite3", box, 15, theme.INK)
    assert hd.marks[-1].fits and hd.marks[-1].broken
    hd.text("Sluit de knop aan op het bord", box, 30, theme.INK)
    assert hd.marks[-1].fits and not hd.marks[-1].broken and hd.marks[-1].drawn < 30


def test_a_wiring_picture_is_made_for_the_size_it_is_shown_at(hd):
    spec, _ = load_kit()
    box = pygame.Rect(452, 84, 332, 316)
    image = pictures.wiring(spec, "button", hd.real_size(box), "nl")
    assert image.get_size() == hd.real(box).size == (747, 711)
    hd.picture(image, box)
    assert hd.marks[-1].kind == "picture" and hd.marks[-1].rect == box
