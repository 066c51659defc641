"""Pick today's stop: the known stops (the listing's plan, then the tour file; today's first, a
cancelled one saying so), "unknown place", or "other place".

The chosen stop goes on every session started afterwards; "other place" types one in.
"""

from __future__ import annotations

import datetime as dt

import pygame

from kiosk.ui import theme
from kiosk.ui.labels import stop_name, stop_place
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

ROW = 72  # a stop's button; as many as the screen's height holds


class StopScreen(Screen):
    id = "stops"

    def __init__(self, app, back: Screen):
        super().__init__(app)
        self.back_to = back
        self.page = 0

    def stops(self) -> list:
        today = dt.date.today()
        known = self.app.station.stops.stops
        stops = sorted(known, key=lambda s: (s.date != today, s.date or today, s.cancelled))
        return [*stops, self.app.station.stop_for(None)]

    def build(self, c) -> list[Button]:
        stops = self.stops()
        rows = max(1, (c.height - theme.BAR_H - 84) // (ROW + 8))
        pages = -(-len(stops) // rows)
        page = self.page % pages
        buttons = []
        for i, stop in enumerate(stops[page * rows : (page + 1) * rows]):
            when = stop.date.isoformat() if stop.date else ""
            cancelled = self.t("ui.stop.cancelled") if stop.cancelled else ""
            detail = " · ".join(p for p in (stop_place(self.app, stop), when, cancelled) if p)
            buttons.append(
                Button(
                    f"stops.{page * rows + i}",
                    pygame.Rect(16, 84 + i * (ROW + 8), c.width - 32, ROW),
                    stop_name(self.app, stop),
                    lambda s=stop: self.choose(s),
                    detail=detail,
                )
            )
        more = self.next_page if pages > 1 else None
        return buttons + bar(
            c,
            [
                ("stops.back", self.t("ui.back"), self.back, ""),
                ("stops.more", self.t("ui.more"), more, ""),
                ("stops.other", self.t("ui.stops.other"), self.other, ""),
            ],
        )

    def draw(self, c) -> None:
        heading(c, self.t("ui.stops.heading"), self.t("ui.stops.detail"))

    def next_page(self) -> None:
        self.page += 1

    def choose(self, stop) -> None:
        self.app.stop = stop
        self.app.show(self.back_to)

    def other(self) -> None:
        self.app.go("stopentry", back=self, home=self.back_to)

    def back(self) -> None:
        self.app.show(self.back_to)
