"""Device test (facilitator): every device of the kit with its live reading; tap a sensor for its
graph, tap an output to switch it on and off.
"""

from __future__ import annotations

import pygame

from kiosk.ui.labels import device_label, show_value
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

PER_PAGE = 12
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

    def build(self) -> list[Button]:
        spec = self.app.station.spec
        names = list(spec.devices) if spec else []
        pages = max(1, -(-len(names) // PER_PAGE))
        self.page %= pages
        buttons = []
        for i, name in enumerate(names[self.page * PER_PAGE : (self.page + 1) * PER_PAGE]):
            device = spec.devices[name]
            reading = self.readings.get(name)
            if device.is_input:
                if reading is None or not reading.connected:
                    detail = self.t("ui.device.missing")
                else:
                    detail = show_value(reading.value, reading.unit)
                action = lambda n=name: self.graph(n)  # noqa: E731
                kind = "normal"
            else:
                detail = self.t("ui.devices.on" if name in self.on else "ui.devices.off")
                action = lambda n=name: self.toggle(n)  # noqa: E731
                kind = "selected" if name in self.on else "normal"
            buttons.append(
                Button(
                    f"devices.{name}",
                    pygame.Rect(16 + (i % 3) * 260, 84 + (i // 3) * 78, 248, 70),
                    device_label(self.app, name),
                    action,
                    kind,
                    detail=detail,
                    size=17,
                )
            )
        more = self.next_page if pages > 1 else None
        return buttons + bar(
            [
                ("devices.back", self.t("ui.back"), self.back, ""),
                ("devices.more", self.t("ui.more"), more, ""),
            ]
        )

    def draw(self, surface: pygame.Surface) -> None:
        factory = self.app.kit.factory_name if self.app.kit else self.t("ui.devices.no_kit")
        heading(surface, self.t("ui.facilitator.devices"), factory)

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
