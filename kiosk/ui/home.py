"""Home: today's stop, the workshop tiles (age range, duration), the age filter, the language,
large text ("A+"), facilitator.

Workshops are filtered by age band; the stop's planned ones come first (a planned workshop the
kiosk lacks shows as missing); as many tiles as the screen holds (fewer in large text), and a
"more" tile when they do not all fit. New workshops and the listing's plan are taken in each
time Home is shown, never during a session.
"""

from __future__ import annotations

import datetime as dt

import pygame

from kiosk.core.stops import planned_first, stop_of_the_day
from kiosk.i18n import next_language
from kiosk.ui import theme
from kiosk.ui.fleet import missing_tile, today_stop_label
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, heading, section_title
from kiosk.workshop_model import Workshop

FILTERS = {"all": None, "0-9": (0, 9), "10-13": (10, 13), "14-17": (14, 17), "18-": (18, 200)}
ROW_A, ROW_B, TILES_TOP = 8, 80, 152  # the title row, the stop and age row, the tiles
TILE = (248, 150)  # the least size of a tile (large text: 1.25 times as wide)
GAP = 12


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
        self.title_room = 0  # what the buttons of the title row take at its right

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

    def build(self, c) -> list[Button]:
        app, t, ts = self.app, self.t, c.text_scale
        right = c.width - 16
        other = next_language(app.text.lang)
        larger = "smaller" if app.large_text else "larger"
        size_word = t("ui.home.smaller") if app.large_text else t("ui.home.larger")
        top = [  # right to left along the title row
            ("home.facilitator", 130, t("ui.home.facilitator"), self.facilitator, None, 16),
            ("home.lang", 64, other.upper(), lambda: app.set_language(other), None, 22),
            ("home.text_size", 150, size_word, app.toggle_text_size, larger, 18),
        ]
        buttons = []
        for bid, width, label, action, icon, size in top:
            right -= width
            buttons.append(
                Button(
                    bid, pygame.Rect(right, ROW_A, width, 64), label, action, size=size, icon=icon
                )
            )
            right -= 8
        self.title_room = c.width - 16 - right
        width = 108 if ts > 1 else 96  # an age with its check mark, in large text too
        x = c.width - 16 - len(FILTERS) * (width + 6) + 6
        stop, detail, kind, icon = today_stop_label(app)
        buttons.append(
            Button(
                "home.stop",
                pygame.Rect(16, ROW_B, x - 24, 64),
                stop,
                self.pick_stop,
                kind,
                detail=detail,
                size=18,
                icon=icon,
            )
        )
        for key in FILTERS:
            text = t("ui.home.all") if key == "all" else t(f"ui.band.{key}")
            kind = "selected" if self.filter == key else "normal"
            buttons.append(
                Button(
                    f"home.age.{key}",
                    pygame.Rect(x, ROW_B, width, 64),
                    text,
                    lambda k=key: self.set_filter(k),
                    kind,
                    size=18,
                )
            )
            x += width + 6
        bottom = c.height - 16
        if app.session is not None:
            title = app.session.workshop.title.get(app.text.lang)
            bottom -= 72
            buttons.append(
                Button(
                    "home.resume",
                    pygame.Rect(16, bottom + 8, c.width - 32, 64),
                    t("ui.home.resume", workshop=title),
                    self.resume,
                    "primary",
                )
            )
        buttons.extend(self.tiles(c, pygame.Rect(16, TILES_TOP, c.width - 32, bottom - TILES_TOP)))
        return buttons

    def tiles(self, c, area: pygame.Rect) -> list[Button]:
        """As many tiles as fit the area (a last one "more" when there are more); a planned
        workshop the kiosk lacks right after those it has."""
        missing = self.ordered()[1]
        shown = self.workshops()
        planned = sum(1 for w in shown if self.app.stop and w.id in self.app.stop.workshops)
        shown = [*shown[:planned], *missing, *shown[planned:]]
        cols = max(1, (area.w + GAP) // (round(TILE[0] * c.text_scale) + GAP))
        rows = max(1, (area.h + GAP) // (TILE[1] + GAP))
        per_page = cols * rows
        pages = max(1, -(-len(shown) // (per_page - 1))) if len(shown) > per_page else 1
        page = self.page % pages
        if pages > 1:
            shown = shown[page * (per_page - 1) : (page + 1) * (per_page - 1)]
        w, h = (area.w - (cols - 1) * GAP) // cols, (area.h - (rows - 1) * GAP) // rows

        def place(i: int) -> pygame.Rect:
            return pygame.Rect(
                area.x + (i % cols) * (w + GAP), area.y + (i // cols) * (h + GAP), w, h
            )

        result: list[Button] = [
            missing_tile(self.app, wk, place(i)) if isinstance(wk, str)
            else WorkshopTile(wk, place(i), self)
            for i, wk in enumerate(shown)
        ]  # fmt: skip
        if pages > 1:
            label = self.t("ui.home.more", page=page + 1, pages=pages)
            result.append(Button("home.more", place(len(shown)), label, self.next_page))
        return result

    def draw(self, c) -> None:
        count = len(self.workshops())
        shown = self.app.text.tn("home.count", count)
        if self.filter != "all":
            band = self.t(f"ui.band.{self.filter}")
            shown += " · " + self.t("ui.home.for_band", band=band)
        heading(c, self.t("home.heading"), shown, room=self.title_room)
        if count == 0 and not self.ordered()[1]:
            c.text(
                self.t("ui.home.none"),
                pygame.Rect(16, TILES_TOP + 8, c.width - 32, 120),
                22,
                theme.MUTED,
            )

    def shortcuts(self) -> dict[int, str]:
        keys = {
            pygame.K_l: "home.lang",
            pygame.K_f: "home.facilitator",
            pygame.K_s: "home.stop",
            pygame.K_m: "home.more",
            pygame.K_r: "home.resume",
            pygame.K_a: "home.text_size",
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

    def draw(self, c) -> None:
        w, r = self.workshop, self.rect
        with c.widget(self.id, r):
            c.rect(theme.TILE, r, radius=10)
            c.rect(theme.TILE_EDGE, r, width=2, radius=10)
            c.rect(theme.ACCENT, (r.x, r.y + 10, 6, r.h - 20), radius=3)
            inner = r.inflate(-28, -16).move(4, 0)
            title_h = round(c.line_height(21, True)) + 2
            facts_h = round(c.line_height(16, True)) + 2
            section_title(c, w.title.get(self.lang), (inner.x, inner.y, inner.w, title_h), 21)
            summary = pygame.Rect(
                inner.x, inner.y + title_h + 4, inner.w, inner.h - title_h - facts_h - 8
            )
            c.text(w.summary.get(self.lang), summary, 15, theme.MUTED, align="left", valign="top")
            ages = self.t("workshop.ages", ages=w.age_range)
            minutes = self.t("workshop.minutes", minutes=w.duration_min)
            c.text(
                f"{ages} · {minutes}",
                (inner.x, inner.bottom - facts_h, inner.w, facts_h),
                16,
                theme.ACCENT,
                bold=True,
                align="left",
            )
