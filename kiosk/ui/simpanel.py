"""The simulator panel (--simulate): drives the simulated sensors by touch and keyboard.

F2 (or a script's `key: F2`) shows it; it sits on the right and takes taps before the screen.
"""

from __future__ import annotations

import pygame

from kiosk.ui import theme
from kiosk.ui.intro import device_label
from kiosk.ui.widgets import Button, text_box

AREA = pygame.Rect(500, 0, 300, 480)
ROW = 66
STEPS = {"distance_sensor": 10.0, "mcp3008": 0.1, "cpu_temperature": 5.0, "light_sensor": 0.5}
LIMITS = {
    "distance_sensor": (2.0, 200.0),
    "mcp3008": (0.0, 1.0),
    "cpu_temperature": (20.0, 90.0),
    "light_sensor": (0.0, 1.0),
}
START = {"distance_sensor": 50.0, "mcp3008": 0.5, "cpu_temperature": 45.0, "light_sensor": 1.0}
TOGGLES = ("button", "motion_sensor")
KEYS = {
    pygame.K_SPACE: ("button", 0),
    pygame.K_b: ("button", 1),
    pygame.K_m: ("motion_sensor", 0),
    pygame.K_PAGEDOWN: ("distance_sensor", -1),
    pygame.K_PAGEUP: ("distance_sensor", 1),
    pygame.K_MINUS: ("mcp3008", -1),
    pygame.K_EQUALS: ("mcp3008", 1),
    pygame.K_l: ("light_sensor", 0),
    pygame.K_t: ("cpu_temperature", 1),
}


class SimPanel:
    def __init__(self, app):
        self.app = app
        self.visible = False
        self.buttons: list[Button] = []
        spec = app.services.spec
        self.devices = [(n, d.type) for n, d in spec.devices.items() if d.is_input][:7]
        self.values: dict[str, object] = {
            n: False if kind in TOGGLES else START[kind] for n, kind in self.devices
        }

    def set(self, name: str, value) -> None:
        self.values[name] = value
        self.app.kit.simulator.set(name, value)

    def toggle(self, name: str) -> None:
        self.set(name, not self.values[name])

    def nudge(self, name: str, kind: str, direction: int) -> None:
        low, high = LIMITS[kind]
        value = float(self.values[name]) + direction * STEPS[kind]
        self.set(name, round(min(high, max(low, value)), 2))

    def cycle_light(self, name: str) -> None:
        self.set(name, 0.0 if float(self.values[name]) >= 0.5 else 1.0)

    def rows(self) -> list[Button]:
        buttons, y = [], 4
        t = self.app.text.t
        for name, kind in self.devices:
            value = self.values[name]
            if kind in TOGGLES or kind == "light_sensor":
                if kind == "light_sensor":
                    text, act = (
                        t("ui.sim.light" if value >= 0.5 else "ui.sim.dark"),
                        self.cycle_light,
                    )
                else:
                    text, act = t("ui.sim.on" if value else "ui.sim.off"), self.toggle
                buttons.append(
                    Button(
                        f"sim.{name}",
                        pygame.Rect(650, y, 142, 62),
                        text,
                        lambda n=name, a=act: a(n),
                        "selected" if value else "normal",
                        size=16,
                    )
                )
            else:
                for i, (sign, label) in enumerate(((-1, "−"), (1, "+"))):
                    buttons.append(
                        Button(
                            f"sim.{name}.{'down' if sign < 0 else 'up'}",
                            pygame.Rect(650 + i * 74, y, 68, 62),
                            label,
                            lambda n=name, k=kind, s=sign: self.nudge(n, k, s),
                            size=26,
                        )
                    )
            y += ROW
        return buttons

    def render(self, surface: pygame.Surface) -> None:
        self.buttons = self.rows()
        pygame.draw.rect(surface, theme.NIGHT, AREA)
        y = 4
        for name, kind in self.devices:
            value = self.values[name]
            shown = "" if kind in TOGGLES or kind == "light_sensor" else f"{value:g}"
            text_box(
                surface,
                device_label(self.app, name),
                pygame.Rect(508, y + 4, 136, 30),
                16,
                theme.NIGHT_INK,
                bold=True,
                align="left",
            )
            text_box(
                surface, shown, pygame.Rect(508, y + 32, 136, 26), 15, theme.NIGHT_INK, align="left"
            )
            y += ROW
        for button in self.buttons:
            button.draw(surface)

    def tap(self, pos) -> bool:
        if not AREA.collidepoint(pos):
            return False
        for button in self.buttons:
            if button.hit(pos):
                button.action()
        return True

    def key(self, key: int) -> bool:
        wanted = KEYS.get(key)
        if wanted is None:
            return False
        kind, arg = wanted
        names = [n for n, k in self.devices if k == kind]
        if not names:
            return False
        if kind in TOGGLES:
            self.toggle(names[min(arg, len(names) - 1)])
        elif kind == "light_sensor":
            self.cycle_light(names[0])
        else:
            self.nudge(names[0], kind, arg)
        return True
