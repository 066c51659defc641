"""Live demo: a big reading and a scrolling graph of any sensor of the kit.

Samples at a fixed rate from the kit's current reading; a gap where the sensor is not connected.
"""

from __future__ import annotations

from collections import deque

import pygame

from kiosk.ui import theme
from kiosk.ui.labels import device_label, show_value
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading, labelled

SAMPLE_S = 0.05
SAMPLES = 300  # 15 s of history
GRAPH = pygame.Rect(16, 170, 768, 226)  # at 800x480; `areas` fits them to any screen
READING = pygame.Rect(16, 80, 768, 84)


def areas(c) -> tuple[pygame.Rect, pygame.Rect]:
    """The big reading and the graph under it, across the screen's width and down to the bar."""
    reading = pygame.Rect(READING.x, READING.y, c.width - 32, READING.h)
    graph = pygame.Rect(GRAPH.x, GRAPH.y, c.width - 32, c.height - theme.BAR_H - 14 - GRAPH.y)
    return reading, graph


def as_number(value) -> float | None:
    if value is None:
        return None
    return float(value)


def input_devices(app) -> list[str]:
    """Every input device of the kit: what the graph can show."""
    spec = app.station.spec
    return [name for name, d in spec.devices.items() if d.is_input] if spec else []


class GraphScreen(Screen):
    id = "graph"
    animating = True

    def __init__(self, app, device: str, back: Screen):
        super().__init__(app)
        self.device_name = device
        self.back_to = back
        self.samples: deque[float | None] = deque(maxlen=SAMPLES)
        self.reading = None
        self.sampled = 0.0

    def tick(self, now: float) -> bool:
        if self.app.kit is None or now - self.sampled < SAMPLE_S:
            return False
        steps = min(SAMPLES, int((now - self.sampled) / SAMPLE_S)) if self.sampled else 1
        self.sampled = now
        self.reading = self.app.kit.reading(self.device_name)
        value = as_number(self.reading.value) if self.reading.connected else None
        self.samples.extend([value] * steps)
        return True

    def build(self, c) -> list[Button]:
        others = [d for d in input_devices(self.app) if d != self.device_name]
        switch = self.next_device if others else None
        return bar(
            c,
            [
                ("graph.back", self.t("ui.back"), self.back, ""),
                ("graph.next", self.t("ui.graph.next"), switch, ""),
            ],
        )

    def draw(self, c) -> None:
        heading(c, device_label(self.app, self.device_name), self.t("ui.demo.graph"))
        reading, graph = areas(c)
        r = self.reading
        if r is None or not r.connected:  # a fault: a mark and words, not only red
            labelled(c, "warning", self.t("ui.device.missing"), reading, 60, theme.BAD)
        else:
            c.text(show_value(r.value, r.unit), reading, 60, theme.ACCENT, bold=True)
        self.draw_graph(c, graph)

    def draw_graph(self, c, box: pygame.Rect) -> None:
        c.rect(theme.TILE, box, radius=10)
        numbers = [v for v in self.samples if v is not None]
        if not numbers:
            return
        low, high = min(numbers), max(numbers)
        if high - low < 1e-9:
            low, high = low - 1, high + 1
        inner = box.inflate(-24, -24)
        step = inner.w / (SAMPLES - 1)
        start = SAMPLES - len(self.samples)
        line: list[tuple[float, float]] = []
        for i, v in enumerate(self.samples):
            if v is None:
                if len(line) > 1:
                    c.lines(theme.ACCENT, line, 3)
                line = []
                continue
            x = inner.x + (start + i) * step
            y = inner.bottom - (v - low) / (high - low) * inner.h
            line.append((x, y))
        if len(line) > 1:
            c.lines(theme.ACCENT, line, 3)
        label_h = round(c.line_height(14)) + 2
        for value, y in ((high, inner.y), (low, inner.bottom - label_h)):
            c.text(
                show_value(value, ""),
                pygame.Rect(inner.x, y, 160, label_h),
                14,
                theme.MUTED,
                align="left",
            )

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_TAB: "graph.next"}

    def next_device(self) -> None:
        names = input_devices(self.app)
        at = names.index(self.device_name) if self.device_name in names else -1
        self.device_name = names[(at + 1) % len(names)]
        self.samples.clear()
        self.sampled = 0.0

    def back(self) -> None:
        self.app.show(self.back_to)
