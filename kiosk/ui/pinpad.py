"""The PIN lock in front of the facilitator screen: a keypad, the hash check, a short lock-out.

With no PIN set, only a simulated kit accepts the development PIN; otherwise the screen says why.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kiosk.pin import DEV_PIN, verify_pin
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, heading

MAX_TRIES = 3
LOCK_S = 30
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
KEY = (108, 68)


class PinScreen(Screen):
    id = "pin"
    idle_ok = False

    def __init__(self, app, back: Screen, then: Callable[[], None]):
        super().__init__(app)
        self.back_to, self.then = back, then
        self.entered = ""
        self.tries = 0
        self.locked_until = 0.0
        self.message = ""

    @property
    def stored(self) -> str | None:
        return self.app.station.config.facilitator_pin_hash

    def enter(self) -> None:
        if self.stored is None:
            key = "ui.pin.dev_default" if self.app.simulate else "ui.pin.not_set"
            self.message = self.t(key, pin=DEV_PIN)

    def tick(self, now: float) -> bool:
        if self.locked_until and now >= self.locked_until:
            self.locked_until, self.tries, self.message = 0.0, 0, ""
            return True
        return False

    def build(self, c) -> list[Button]:
        locked = bool(self.locked_until)
        buttons = []
        left = c.width - 16 - 3 * KEY[0] - 2 * 8  # the keypad keeps to the right
        for i, key in enumerate(KEYS):
            rect = pygame.Rect(left + (i % 3) * (KEY[0] + 8), 84 + (i // 3) * 76, *KEY)
            text = {"clear": self.t("ui.pin.clear"), "ok": self.t("ui.ok")}.get(key, key)
            kind = "primary" if key == "ok" else "normal"
            action = None if locked else (lambda k=key: self.press(k))
            buttons.append(Button(f"pin.{key}", rect, text, action, kind, size=26))
        back = pygame.Rect(16, c.height - 80, 300, 64)
        buttons.append(Button("pin.back", back, self.t("ui.back"), self.back))
        return buttons

    def draw(self, c) -> None:
        heading(c, self.t("ui.pin.heading"), self.t("ui.pin.detail"))
        width = c.width - 16 - 3 * KEY[0] - 2 * 8 - 24 - 16
        box = pygame.Rect(16, 100, width, 80)
        c.rect(theme.TILE, box, radius=12)
        c.rect(theme.TILE_EDGE, box, width=2, radius=12)
        for i in range(len(self.entered)):
            c.circle(theme.INK, (box.x + 40 + i * 44, box.centery), 12)
        if self.message:
            color = theme.BAD if self.tries or self.locked_until else theme.MUTED
            area = pygame.Rect(16, 196, width, c.height - 80 - 10 - 196)
            c.text(self.message, area, 18, color, align="left", valign="top")

    def shortcuts(self) -> dict[int, str]:
        keys = {pygame.K_0 + d: f"pin.{d}" for d in range(10)}
        keys.update({pygame.K_KP0 + d: f"pin.{d}" for d in range(1, 10)})
        keys.update(
            {
                pygame.K_KP0: "pin.0",
                pygame.K_RETURN: "pin.ok",
                pygame.K_KP_ENTER: "pin.ok",
                pygame.K_BACKSPACE: "pin.clear",
            }
        )
        return keys

    def press(self, key: str) -> None:
        if key == "clear":
            self.entered = ""
        elif key == "ok":
            self.submit()
        elif len(self.entered) < 8:
            self.entered += key

    def accepts(self, pin: str) -> bool:
        if self.stored is None:
            return self.app.simulate and pin == DEV_PIN
        return verify_pin(pin, self.stored)

    def submit(self) -> None:
        pin, self.entered = self.entered, ""
        if self.accepts(pin):
            self.then()
            return
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.locked_until = self.app.clock.now() + LOCK_S
            self.message = self.app.text.tn("ui.pin.locked", LOCK_S)
        else:
            self.message = self.t("ui.pin.wrong")

    def back(self) -> None:
        self.app.show(self.back_to)
