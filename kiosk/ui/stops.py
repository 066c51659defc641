"""Pick today's stop: the tour plan's stops (today's first), "unknown place", or "other place".

The chosen stop goes on every session started afterwards; "other place" types one in.
"""

from __future__ import annotations

import datetime as dt

import pygame

from kiosk.ui.labels import stop_name, stop_place
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

ROWS = 4


class StopScreen(Screen):
    id = "stops"

    def __init__(self, app, back: Screen):
        super().__init__(app)
        self.back_to = back
        self.page = 0

    def stops(self) -> list:
        tour = self.app.station.tour
        today = dt.date.today()
        stops = (
            sorted(tour.stops, key=lambda s: (s.date != today, s.date or today, s.name))
            if (tour)
            else []
        )
        return [*stops, self.app.station.stop_for(None)]

    def build(self) -> list[Button]:
        stops = self.stops()
        pages = -(-len(stops) // ROWS)
        self.page %= pages
        buttons = []
        for i, stop in enumerate(stops[self.page * ROWS : (self.page + 1) * ROWS]):
            when = stop.date.isoformat() if stop.date else ""
            detail = " · ".join(p for p in (stop_place(self.app, stop), when) if p)
            buttons.append(
                Button(
                    f"stops.{self.page * ROWS + i}",
                    pygame.Rect(16, 84 + i * 80, 768, 72),
                    stop_name(self.app, stop),
                    lambda s=stop: self.choose(s),
                    detail=detail,
                )
            )
        more = self.next_page if pages > 1 else None
        return buttons + bar(
            [
                ("stops.back", self.t("ui.back"), self.back, ""),
                ("stops.more", self.t("ui.more"), more, ""),
                ("stops.other", self.t("ui.stops.other"), self.other, ""),
            ]
        )

    def draw(self, surface: pygame.Surface) -> None:
        heading(surface, self.t("ui.stops.heading"), self.t("ui.stops.detail"))

    def next_page(self) -> None:
        self.page += 1

    def choose(self, stop) -> None:
        self.app.stop = stop
        self.app.show(self.back_to)

    def other(self) -> None:
        self.app.go("stopentry", back=self, home=self.back_to)

    def back(self) -> None:
        self.app.show(self.back_to)
