"""The base of every screen: enter/leave, build the buttons, draw, react to taps, keys, devices.

A screen is a small state: the app calls it, it never flips the display nor blocks. It lays
itself out on every frame from the canvas it is given (kiosk/ui/canvas.py: logical width and
height, text scale), so a wide screen, a tall one or large text each get their own layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from kiosk.ui import theme
from kiosk.ui.widgets import Button

if TYPE_CHECKING:
    from kiosk.ui.app import App
    from kiosk.ui.canvas import Canvas


class Screen:
    id = "screen"  # stable: scripts assert on it, ids of widgets start with it
    animating = False  # True while it wants frames at the animation rate
    idle_ok = True  # False: the attract mode never takes over from this screen

    def __init__(self, app: App):
        self.app = app
        self.buttons: list[Button] = []

    def t(self, key: str, **values: object) -> str:
        return self.app.text.t(key, **values)

    def enter(self) -> None:
        """Called when the screen becomes current."""

    def leave(self) -> None:
        """Called when another screen replaces this one."""

    def build(self, c: Canvas) -> list[Button]:
        """The screen's buttons for the current state, laid out for the canvas (every frame)."""
        return []

    def draw(self, c: Canvas) -> None:
        """Everything but the buttons."""

    def shortcuts(self) -> dict[int, str]:
        """Keyboard key -> id of the button it taps."""
        return {}

    def typed(self, text: str) -> None:
        """Text from a physical keyboard (pygame TEXTINPUT); only text-entry screens use it."""

    def device(self, event) -> bool:
        """A DeviceEvent from the kit; True when the screen must be redrawn."""
        return False

    def tick(self, now: float) -> bool:
        """Called every loop turn with the app clock; True when the screen must be redrawn."""
        return False

    # -- used by the app ---------------------------------------------------------------------

    def render(self, c: Canvas) -> None:
        c.fill(theme.BACKGROUND)
        self.buttons = self.build(c)
        self.draw(c)
        for button in self.buttons:
            button.draw(c)

    def tap(self, pos: tuple[int, int]) -> bool:
        for button in reversed(self.buttons):
            if button.hit(pos):
                button.action()
                return True
        return False

    def key(self, key: int) -> bool:
        wanted = self.shortcuts().get(key)
        if wanted is None and key == pygame.K_ESCAPE:
            wanted = next((b.id for b in self.buttons if b.id.endswith(".back")), None)
        button = next((b for b in self.buttons if b.id == wanted), None)
        if button is None or not button.enabled or button.action is None:
            return False
        button.action()
        return True
