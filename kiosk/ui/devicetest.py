"""Device test (facilitator): every device of the kit with its live reading; tap a sensor for its
graph, tap an output to switch it on and off. A sensor that does not answer shows a warning mark
with "niet aangesloten"; an output that is on, a check mark with "aan".
"""

from __future__ import annotations

import pygame

from kiosk.ui import theme
from kiosk.ui.labels import device_label, show_value
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

TILE = (248, 70)  # the least size of a device's button
GAP = 12
POLL_S = 0.25


class DeviceTestScreen(Screen):
    id = "devices"

    def __init__(self, app, back: Screen):
        super().__init__(app)
        self.back_to = back
        self.page = 0
        self.readings: dict = {}
        self.on: set[str] = set()
        self.polled = 0.0

    def enter(self) -> None:
        self.poll()

    def poll(self) -> bool:
        kit = self.app.kit
        readings = kit.readings() if kit is not None else {}
        shown = {n: (r.connected, r.value) for n, r in readings.items()}
        changed = shown != {n: (r.connected, r.value) for n, r in self.readings.items()}
        self.readings = readings
        return changed

    def tick(self, now: float) -> bool:
        if now - self.polled < POLL_S:
            return False
        self.polled = now
        return self.poll()

    def leave(self) -> None:
        for name in list(self.on):
            self.toggle(name)

    def build(self, c) -> list[Button]:
        spec = self.app.station.spec
        names = list(spec.devices) if spec else []
        area = pygame.Rect(16, 84, c.width - 32, c.height - theme.BAR_H - 8 - 84)
        cols = max(1, (area.w + GAP) // (TILE[0] + GAP))
        rows = max(1, (area.h + 8) // (TILE[1] + 8))
        per_page = cols * rows
        pages = max(1, -(-len(names) // per_page))
        page = self.page % pages
        width = (area.w - (cols - 1) * GAP) // cols
        buttons = []
        for i, name in enumerate(names[page * per_page : (page + 1) * per_page]):
            device = spec.devices[name]
            reading = self.readings.get(name)
            icon = None
            if device.is_input:
                if reading is None or not reading.connected:
                    detail, icon = self.t("ui.device.missing"), "warning"
                else:
                    detail = show_value(reading.value, reading.unit)
                action = lambda n=name: self.graph(n)  # noqa: E731
                kind = "normal"
            else:
                detail = self.t("ui.devices.on" if name in self.on else "ui.devices.off")
                action = lambda n=name: self.toggle(n)  # noqa: E731
                kind = "selected" if name in self.on else "normal"
            rect = pygame.Rect(
                area.x + (i % cols) * (width + GAP), area.y + (i // cols) * 78, width, TILE[1]
            )
            buttons.append(
                Button(
                    f"devices.{name}",
                    rect,
                    device_label(self.app, name),
                    action,
                    kind,
                    detail=detail,
                    size=17,
                    icon=icon,
                )
            )
        more = self.next_page if pages > 1 else None
        return buttons + bar(
            c,
            [
                ("devices.back", self.t("ui.back"), self.back, ""),
                ("devices.more", self.t("ui.more"), more, ""),
            ],
        )

    def draw(self, c) -> None:
        factory = self.app.kit.factory_name if self.app.kit else self.t("ui.devices.no_kit")
        heading(c, self.t("ui.facilitator.devices"), factory)

    def toggle(self, name: str) -> None:
        output = self.app.kit.part(name)
        on = name not in self.on
        self.app.kit.set_output(name, output.on if on else output.off)
        (self.on.add if on else self.on.discard)(name)

    def graph(self, name: str) -> None:
        self.app.go("graph", device=name, back=self)

    def next_page(self) -> None:
        self.page += 1

    def back(self) -> None:
        self.app.show(self.back_to)
