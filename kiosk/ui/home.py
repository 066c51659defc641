"""Home: today's stop, the workshop tiles (age range, duration), the age filter, NL/EN, facilitator.

Workshops are filtered by age band; the stop's planned ones come first (a planned workshop the
kiosk lacks shows as missing); more than one page shows a "more" tile. New workshops and the
listing's plan are taken in each time Home is shown, never during a session.
"""

from __future__ import annotations

import datetime as dt

import pygame

from kiosk.core.stops import planned_first, stop_of_the_day
from kiosk.i18n import next_language
from kiosk.ui import theme
from kiosk.ui.fleet import missing_tile, today_stop_label
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, heading, section_title, text_box
from kiosk.workshop_model import Workshop

FILTERS = {"all": None, "0-9": (0, 9), "10-13": (10, 13), "14-17": (14, 17), "18-": (18, 200)}
PER_PAGE = 6


def fits_band(workshop: Workshop, band: tuple[int, int] | None) -> bool:
    if band is None:
        return True
    low, high = workshop.age_range.low or 0, workshop.age_range.high or 200
    return low <= band[1] and high >= band[0]


class HomeScreen(Screen):
    id = "home"

    def __init__(self, app):
        super().__init__(app)
        self.filter = "all"
        self.page = 0

    def enter(self) -> None:
        app, station = self.app, self.app.station
        if app.session is None:
            station.refresh()  # a pack the sync installed, the plan it kept
        if app.stop is not None and app.stop.stop_id is not None:  # the plan may have changed it
            app.stop = next((s for s in station.stops.stops if s.stop_id == app.stop.stop_id),
                            app.stop)  # fmt: skip
        if app.stop is None:
            app.stop = stop_of_the_day(station.plan, station.tour, dt.date.today())

    def workshops(self) -> list[Workshop]:
        band = FILTERS[self.filter]
        return [w for w in self.ordered()[0] if fits_band(w, band)]

    def ordered(self) -> tuple[list[Workshop], list[str]]:
        """The library with the stop's planned workshops first; the planned ids it lacks."""
        return planned_first(self.app.station.library.sorted(), self.app.stop)

    def build(self) -> list[Button]:
        app, t = self.app, self.t
        stop, detail, kind = today_stop_label(app)
        top = 64
        buttons = [
            Button(
                "home.stop",
                pygame.Rect(16, top, 200, 64),
                stop,
                self.pick_stop,
                kind,
                detail=detail,
                size=18,
            ),
        ]
        x = 224
        for key in FILTERS:
            text = t("ui.home.all") if key == "all" else t(f"ui.band.{key}")
            kind = "selected" if self.filter == key else "normal"
            buttons.append(
                Button(
                    f"home.age.{key}",
                    pygame.Rect(x, top, 72, 64),
                    text,
                    lambda k=key: self.set_filter(k),
                    kind,
                    size=18,
                )
            )
            x += 78
        other = next_language(app.text.lang)
        buttons.append(
            Button(
                "home.lang",
                pygame.Rect(x + 2, top, 64, 64),
                other.upper(),
                lambda: app.set_language(other),
                size=22,
            )
        )
        buttons.append(
            Button(
                "home.facilitator",
                pygame.Rect(x + 74, top, 784 - x - 74, 64),
                t("ui.home.facilitator"),
                self.facilitator,
                size=16,
            )
        )
        if app.session is not None:
            title = app.session.workshop.title.get(app.text.lang)
            buttons.append(
                Button(
                    "home.resume",
                    pygame.Rect(16, 404, 768, 64),
                    t("ui.home.resume", workshop=title),
                    self.resume,
                    "primary",
                )
            )
        buttons.extend(self.tiles(rows=2 if app.session is None else 1))
        return buttons

    def tiles(self, rows: int) -> list[Button]:
        missing = self.ordered()[1]
        shown = self.workshops()
        planned = sum(1 for w in shown if self.app.stop and w.id in self.app.stop.workshops)
        shown = [*shown[:planned], *missing, *shown[planned:]]  # lacking ones next to the rest
        per_page = 3 * rows
        pages = max(1, -(-len(shown) // (per_page - 1))) if len(shown) > per_page else 1
        self.page %= pages
        if pages > 1:
            start = self.page * (per_page - 1)
            shown = shown[start : start + per_page - 1]
        result = []
        for i, workshop in enumerate(shown):
            rect = pygame.Rect(16 + (i % 3) * 260, 140 + (i // 3) * 166, 248, 156)
            if isinstance(workshop, str):
                result.append(missing_tile(self.app, workshop, rect))
            else:
                result.append(WorkshopTile(workshop, rect, self))
        if pages > 1:
            i = len(shown)
            rect = pygame.Rect(16 + (i % 3) * 260, 140 + (i // 3) * 166, 248, 156)
            result.append(
                Button(
                    "home.more",
                    rect,
                    self.t("ui.home.more", page=self.page + 1, pages=pages),
                    self.next_page,
                )
            )
        return result

    def draw(self, surface: pygame.Surface) -> None:
        count = len(self.workshops())
        heading(surface, self.t("home.heading"))
        text_box(
            surface,
            self.app.text.tn("home.count", count),
            pygame.Rect(484, 14, 300, 40),
            18,
            theme.MUTED,
            align="right",
        )
        if count == 0 and not self.ordered()[1]:
            text_box(
                surface, self.t("ui.home.none"), pygame.Rect(16, 160, 768, 120), 22, theme.MUTED
            )

    def shortcuts(self) -> dict[int, str]:
        keys = {
            pygame.K_l: "home.lang",
            pygame.K_f: "home.facilitator",
            pygame.K_s: "home.stop",
            pygame.K_m: "home.more",
            pygame.K_r: "home.resume",
        }
        for i, b in enumerate(b for b in self.buttons if b.id.startswith("home.tile.")):
            keys[pygame.K_1 + i] = b.id
        return keys

    # -- actions -----------------------------------------------------------------------------

    def set_filter(self, key: str) -> None:
        self.filter, self.page = key, 0

    def next_page(self) -> None:
        self.page += 1

    def pick_stop(self) -> None:
        self.app.go("stops", back=self)

    def open(self, workshop: Workshop) -> None:
        self.app.go("intro", workshop=workshop)

    def facilitator(self) -> None:
        self.app.with_pin(lambda: self.app.go("facilitator"))

    def resume(self) -> None:
        self.app.go("player", workshop=self.app.session.workshop)


class WorkshopTile(Button):
    """A workshop as a tile: title, one line of summary, ages and minutes."""

    def __init__(self, workshop: Workshop, rect: pygame.Rect, home: HomeScreen):
        super().__init__(f"home.tile.{workshop.id}", rect, "", lambda: home.open(workshop))
        self.workshop, self.t, self.lang = workshop, home.t, home.app.text.lang

    def draw(self, surface: pygame.Surface) -> None:
        w, r = self.workshop, self.rect
        pygame.draw.rect(surface, theme.TILE, r, border_radius=10)
        pygame.draw.rect(surface, theme.TILE_EDGE, r, width=2, border_radius=10)
        pygame.draw.rect(surface, theme.ACCENT, (r.x, r.y + 10, 6, r.h - 20), border_radius=3)
        inner = r.inflate(-28, -16).move(4, 0)
        section_title(
            surface, w.title.get(self.lang), pygame.Rect(inner.x, inner.y, inner.w, 30), 21
        )
        text_box(
            surface,
            w.summary.get(self.lang),
            pygame.Rect(inner.x, inner.y + 34, inner.w, 64),
            15,
            theme.MUTED,
            align="left",
            valign="top",
        )
        ages = self.t("workshop.ages", ages=w.age_range)
        minutes = self.t("workshop.minutes", minutes=w.duration_min)
        text_box(
            surface,
            f"{ages} · {minutes}",
            pygame.Rect(inner.x, inner.bottom - 22, inner.w, 22),
            16,
            theme.ACCENT,
            bold=True,
            align="left",
        )
