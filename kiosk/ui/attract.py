"""Attract mode after idle minutes: a live sensor animation and "Kom je mee bouwen?".

Any touch or key brings back the screen it left, exactly as it was.
"""

from __future__ import annotations

import math

import pygame

from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button

SENSORS = ("distance", "light", "knob", "motion", "cpu")  # the liveliest first, when the kit has it
POLL_S = 1 / 15


class AttractScreen(Screen):
    id = "attract"
    animating = True
    idle_ok = False

    def __init__(self, app, left: Screen):
        super().__init__(app)
        self.left = left
        spec = app.station.spec
        names = [n for n in SENSORS if spec and n in spec.devices]
        self.sensor = names[0] if names else None
        self.level = 0.5
        self.phase = 0.0
        self.polled = 0.0

    def tick(self, now: float) -> bool:
        if now - self.polled < POLL_S:
            return False
        self.polled = now
        self.phase = now
        if self.sensor and self.app.kit is not None:
            reading = self.app.kit.reading(self.sensor)
            if reading.connected and reading.value is not None:
                value = float(reading.value)
                target = min(value / 100, 1.0) if reading.unit == "cm" else min(abs(value), 1.0)
                self.level += (target - self.level) * 0.3
        return True

    def build(self, c) -> list[Button]:
        return [
            Button("attract.wake", pygame.Rect(0, 0, c.width, c.height), "", self.wake, "night")
        ]

    def render(self, c) -> None:
        self.buttons = self.build(c)
        c.fill(theme.NIGHT)
        centre = (c.width / 2, 190 + (c.height - theme.HEIGHT) / 2)
        for i in range(24):
            angle = self.phase * 0.8 + i * math.tau / 24
            radius = 70 + 60 * self.level + 20 * math.sin(self.phase * 2 + i)
            x = centre[0] + math.cos(angle) * radius * 2.2
            y = centre[1] + math.sin(angle) * radius
            c.circle(theme.ACCENT, (x, y), 6 + (i % 4) * 3)
        bottom = c.height - theme.HEIGHT
        c.text(
            self.t("ui.attract.invite"),
            pygame.Rect(40, 320 + bottom, c.width - 80, 70),
            46,
            theme.NIGHT_INK,
            bold=True,
        )
        c.text(
            self.t("ui.attract.touch"),
            pygame.Rect(40, 394 + bottom, c.width - 80, 40),
            22,
            theme.NIGHT_INK,
        )

    def key(self, key: int) -> bool:
        self.wake()
        return True

    def wake(self) -> None:
        self.app.show(self.left, enter=False)
