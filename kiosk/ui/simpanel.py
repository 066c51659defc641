"""The simulator panel (--simulate): drives the simulated sensors by touch and keyboard.

F2 shows it; it sits on the right and takes taps before the screen. What each input takes
comes from its device type (`Part.control`); its values are the simulator's own.
"""

from __future__ import annotations

import math

import pygame

from devices.parts import part
from kiosk.ui import theme
from kiosk.ui.labels import device_label
from kiosk.ui.widgets import Button

LABEL_W, CONTROLS_W = 136, 142  # a device's name and value, its controls (the panel: 300 wide)
ROW = 66
ROWS = 7
STEPS = 20  # a − or + moves a sensor by 1/20 of its range
KEYS = {
    pygame.K_SPACE: ("button", 0),
    pygame.K_b: ("button", 1),
    pygame.K_m: ("motion_sensor", 0),
    pygame.K_PAGEDOWN: ("distance_sensor", -1),
    pygame.K_PAGEUP: ("distance_sensor", 1),
    pygame.K_MINUS: ("mcp3008", -1),
    pygame.K_EQUALS: ("mcp3008", 1),
    pygame.K_COMMA: ("light_sensor", -1),
    pygame.K_PERIOD: ("light_sensor", 1),
    pygame.K_t: ("cpu_temperature", 1),
}


class SimPanel:
    def __init__(self, app):
        self.app = app
        self.visible = False
        self.buttons: list[Button] = []
        self.area = pygame.Rect(500, 0, 300, 480)  # where the last frame drew it
        spec = app.station.spec
        controls = [(n, d.type) for n, d in spec.devices.items() if part(d.type).control]
        self.devices = controls[:ROWS]

    @property
    def simulator(self):
        return self.app.kit.simulator

    def value(self, name: str):
        return self.simulator.values.get(name)

    def set(self, name: str, value) -> None:
        self.simulator.set(name, value)

    def toggle(self, name: str) -> None:
        self.set(name, not self.value(name))

    def nudge(self, name: str, kind: str, direction: int) -> None:
        low, high, _ = part(kind).control
        now = self.value(name)
        now = (low + high) / 2 if now is None else float(now)
        value = now + direction * (high - low) / STEPS
        self.set(name, round(min(high, max(low, value)), 2))

    def rows(self) -> list[Button]:
        buttons, y = [], 4
        t, x = self.app.text.t, self.area.right - 8 - CONTROLS_W
        for name, kind in self.devices:
            if part(kind).control is bool:
                on = bool(self.value(name))
                text = t("ui.sim.on" if on else "ui.sim.off")
                buttons.append(
                    Button(f"sim.{name}", pygame.Rect(x, y, CONTROLS_W, 62), text,
                           lambda n=name: self.toggle(n), "selected" if on else "normal", size=16)
                )  # fmt: skip
            else:
                for i, (sign, label) in enumerate(((-1, "−"), (1, "+"))):
                    buttons.append(
                        Button(f"sim.{name}.{'down' if sign < 0 else 'up'}",
                               pygame.Rect(x + i * 74, y, 68, 62), label,
                               lambda n=name, k=kind, s=sign: self.nudge(n, k, s), size=26)
                    )  # fmt: skip
            y += ROW
        return buttons

    def render(self, c) -> None:
        label_w = round(LABEL_W * c.text_scale)  # the panel is wider in large text
        width = 8 + label_w + 6 + CONTROLS_W + 8
        self.area = pygame.Rect(c.width - width, 0, width, c.height)
        self.buttons = self.rows()
        c.rect(theme.NIGHT, self.area)
        y, x = 4, self.area.x + 8
        for name, kind in self.devices:
            value = self.value(name)
            if part(kind).control is bool:
                shown = ""
            else:
                shown = "—" if value is None else f"{value:g} {part(kind).control[2]}".strip()
            value_h = math.ceil(c.line_height(15))
            label = pygame.Rect(x, y + 2, label_w, ROW - 6 - value_h)  # two lines in large text
            c.text(
                device_label(self.app, name),
                label,
                16,
                theme.NIGHT_INK,
                bold=True,
                align="left",
                valign="bottom",
            )
            c.text(
                shown,
                pygame.Rect(x, label.bottom, label_w, value_h),
                15,
                theme.NIGHT_INK,
                align="left",
            )
            y += ROW
        for button in self.buttons:
            button.draw(c)

    def tap(self, pos) -> bool:
        if not self.area.collidepoint(pos):
            return False
        for button in self.buttons:
            if button.hit(pos):
                button.action()
        return True

    def key(self, key: int) -> bool:
        wanted = KEYS.get(key)
        names = [n for n, k in self.devices if wanted and k == wanted[0]]
        if not names:
            return False
        kind, arg = wanted
        if part(kind).control is bool:
            self.toggle(names[min(arg, len(names) - 1)])
        else:
            self.nudge(names[0], kind, arg)
        return True
