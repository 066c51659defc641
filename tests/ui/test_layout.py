"""Every screen of the demo tour, drawn at every display size the kiosk meets (and some it never
has) in both text sizes: no text cut, no widget over another, nothing off the screen.

The tour is played once; at each of its screenshots the screen is drawn afresh for every size
and text size, and the canvas's record of the frame is checked (tests/ui/layout.py).
"""

from __future__ import annotations

import dataclasses
from importlib import resources

import pygame
import pytest

from kiosk.ui import theme
from kiosk.ui.canvas import Canvas
from kiosk.ui.screens import SCREENS
from kiosk.ui.script import Player, load_script
from kiosk.ui.widgets import Button
from tests.ui.layout import problems

SIZES = [
    (800, 480),  # the official 7" display
    (1024, 600),
    (1280, 720),
    (1280, 800),
    (1920, 1080),
    (3840, 2160),
    (1024, 768),  # never seen on a kiosk: 4:3, a 21:9 monitor, a screen on its side
    (2560, 1080),
    (600, 1024),
]


class Inspector(Player):
    """Plays the tour; at each screenshot, draws and checks the screen at every size."""

    def __init__(self, app, script, folder):
        super().__init__(app, script, folder)
        self.found: list[str] = []
        self.frames: dict[tuple, Canvas] = {}
        self.screens: set[str] = set()

    def do_screenshot(self, name: str) -> None:
        self.app.draw()
        self.screens.add(self.app.screen.id)
        chosen = self.app.large_text
        for large in (False, True):
            self.app.large_text = large
            for size in SIZES:
                _, canvas = self.app.snapshot(size)
                where = f"{name} {size[0]}x{size[1]}{' large' if large else ''}"
                self.found += [f"{where}: {p}" for p in problems(canvas)]
                self.frames[(name, size, large)] = canvas
        self.app.large_text = chosen
        self.app.draw()


@pytest.mark.slow
def test_every_screen_fits_every_size_in_both_text_sizes(make_driver, tmp_path):
    driver = make_driver()
    assert driver.app.voice.check().ok  # the speaker buttons take their place in the layout
    script, _ = load_script(resources.files("kiosk.ui") / "demo.yaml")
    script = dataclasses.replace(script, sizes=[])
    app = driver.app
    app.go("startup")
    inspector = Inspector(app, script, tmp_path)
    inspector.play()
    assert inspector.screens == set(SCREENS)  # the tour shows every screen there is
    assert inspector.found == [], "\n".join(inspector.found[:200])

    frames = inspector.frames
    # Large text is larger: the step's text is drawn at 1.25 times the size, at every size (to
    # the real pixel a font's size is rounded to).
    for size in SIZES:
        normal, large = (step_text(frames[("05-step", size, big)]) for big in (False, True))
        pixel = 1 / frames[("05-step", size, False)].scale
        assert large.drawn == pytest.approx(normal.drawn * theme.LARGE_TEXT, abs=2 * pixel), size
    # Large text shows fewer workshops on Home, and no tile is cut.
    tiles = {
        big: sum(
            m.kind == "button" and m.text.startswith("home.tile.")
            for m in frames[("02-home", (800, 480), big)].marks
        )
        for big in (False, True)
    }
    assert 0 < tiles[True] < tiles[False]
    # A wide screen is used, not barred: the bottom bar reaches its right edge.
    wide = frames[("05-step", (1920, 1080), False)]
    assert wide.width == 853
    assert max(m.rect.right for m in wide.marks if m.kind == "button") == 853 - theme.MARGIN


def step_text(canvas: Canvas):
    return next(
        m
        for m in canvas.marks
        if m.kind == "text" and m.size >= theme.STEP_TEXT_SIZE and m.box.y == theme.STEP_TEXT.y
    )


def test_the_checks_find_cut_text_overlapping_widgets_and_what_falls_off_the_screen():
    """The layout checks are not vacuous: each kind of fault is found."""
    canvas = Canvas(pygame.Surface((800, 480)))
    canvas.fill(theme.BACKGROUND)
    Button("a", pygame.Rect(10, 10, 200, 64), "Een", lambda: None).draw(canvas)
    Button("b", pygame.Rect(150, 40, 200, 64), "Twee", lambda: None).draw(canvas)
    canvas.text(
        "Dit is veel te veel tekst voor zo'n klein vak " * 4,
        pygame.Rect(400, 200, 80, 20),
        20,
        theme.INK,
    )
    canvas.text("Over de rand", pygame.Rect(700, 300, 200, 40), 20, theme.INK)
    canvas.text("Op een knop", pygame.Rect(20, 30, 100, 30), 16, theme.INK)
    canvas.text("Jeugdbewegingen", pygame.Rect(600, 100, 60, 60), 16, theme.INK)
    found = "\n".join(problems(canvas))
    assert "buttons a and b overlap" in found
    assert "is cut" in found
    assert "outside the 800x480 screen" in found
    assert "'Op een knop'" in found and "lies over the button a" in found
    assert "'Jeugdbewegingen'" in found and "broken over two lines" in found
    clean = Canvas(pygame.Surface((800, 480)))
    clean.fill(theme.BACKGROUND)
    Button("a", pygame.Rect(10, 10, 200, 64), "Een", lambda: None).draw(clean)
    clean.text("Naast de knop", pygame.Rect(230, 10, 200, 64), 20, theme.INK)
    assert problems(clean) == []
