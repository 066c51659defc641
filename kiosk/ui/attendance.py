"""Attendance: one big button per age band, an optional gender row and "came before", undo.

A tap shows +1 only after the journal returned the new total, i.e. once it is durable.
"""

from __future__ import annotations

import pygame

from kiosk.journal import BANDS, GENDERS
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.session import safely
from kiosk.ui.widgets import Button, bar, heading

FLASH_S = 1.2
TOTAL_BOX = pygame.Rect(16, 322, 480, 76)  # the running total (at 800x480; wider: wider)
UNDO_W = 276


class AttendanceScreen(Screen):
    id = "attendance"

    def __init__(self, app, back: Screen):
        super().__init__(app)
        self.back_to = back
        self.gender: str | None = None
        self.returning = False
        self.counts: dict = {}
        self.flash: tuple[str, float] | None = None  # band, until

    @property
    def animating(self) -> bool:
        return self.flash is not None

    def enter(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        session = self.app.session
        if session is not None:
            safely(self.app, lambda: setattr(self, "counts", session.attendance()))

    @property
    def total(self) -> int:
        return self.counts.get("total", 0)

    def tick(self, now: float) -> bool:
        if self.flash and now >= self.flash[1]:
            self.flash = None
            return True
        return False

    def build(self, c) -> list[Button]:
        t = self.t
        bands = self.counts.get("age_bands", {})
        buttons = []
        width = (c.width - 32 - 4 * 8) // len(BANDS)
        for i, band in enumerate(BANDS):
            buttons.append(
                Button(
                    f"attendance.band.{band}",
                    pygame.Rect(16 + i * (width + 8), 84, width, 150),
                    t(f"ui.band.{band}"),
                    lambda b=band: self.count(b),
                    "primary",
                    detail=str(bands.get(band, 0)),
                    size=30,
                )
            )
        for i, gender in enumerate(GENDERS):
            kind = "selected" if self.gender == gender else "normal"
            buttons.append(
                Button(
                    f"attendance.gender.{gender}",
                    pygame.Rect(16 + i * 118, 244, 110, 64),
                    t(f"ui.gender.{gender}"),
                    lambda g=gender: self.pick(g),
                    kind,
                    size=17,
                )
            )
        x = 16 + len(GENDERS) * 118
        buttons.append(
            Button(
                "attendance.returning",
                pygame.Rect(x, 244, c.width - 16 - x, 64),
                t("ui.attendance.returning"),
                self.toggle_returning,
                "selected" if self.returning else "normal",
                size=18,
                detail=t("ui.yes" if self.returning else "ui.no"),
            )
        )
        session = self.app.session
        can_undo = session is not None and session.taps > 0
        buttons.append(
            Button(
                "attendance.undo",
                pygame.Rect(c.width - 16 - UNDO_W, 328, UNDO_W, 64),
                t("ui.attendance.undo"),
                self.undo if can_undo else None,
            )
        )
        buttons += bar(
            c,
            [
                ("attendance.back", t("ui.back"), self.back, ""),
                ("attendance.end", t("ui.attendance.end"), self.end, "primary"),
            ],
        )
        return buttons

    def draw(self, c) -> None:
        heading(c, self.t("ui.attendance.heading"), self.t("ui.attendance.detail"))
        box = TOTAL_BOX.copy()
        box.w = c.width - 16 - UNDO_W - 12 - box.x
        c.rect(theme.TILE, box, radius=12)
        c.rect(theme.TILE_EDGE, box, width=2, radius=12)
        text = self.t("ui.attendance.total", total=self.total)
        c.text(text, box.inflate(-24, -8), 40, theme.INK, bold=True, align="left")
        if self.flash:
            bid = f"attendance.band.{self.flash[0]}"
            band_button = next(b for b in self.buttons if b.id == bid)
            spot = pygame.Rect(0, 0, 76, 44)
            spot.midtop = (band_button.rect.centerx, band_button.rect.y + 6)
            with c.owned(bid):  # on the band just counted, on purpose
                c.rect(theme.OK, spot, radius=22)
                c.text("+1", spot, 26, theme.ACCENT_INK, bold=True)

    def render(self, c) -> None:
        c.fill(theme.BACKGROUND)
        self.buttons = self.build(c)
        for button in self.buttons:
            button.draw(c)
        self.draw(c)  # the +1 goes on top of its band's button

    def shortcuts(self) -> dict[int, str]:
        keys = {pygame.K_1 + i: f"attendance.band.{b}" for i, b in enumerate(BANDS)}
        keys.update(
            {
                pygame.K_u: "attendance.undo",
                pygame.K_BACKSPACE: "attendance.undo",
                pygame.K_r: "attendance.returning",
                pygame.K_e: "attendance.end",
            }
        )
        return keys

    # -- actions -----------------------------------------------------------------------------

    def count(self, band: str) -> None:
        session = self.app.session
        if session is None:
            return
        if safely(self.app, lambda: session.count(band, self.gender, self.returning)):
            self.refresh()  # the journal said it is durable: now the screen may show it
            self.flash = (band, self.app.clock.now() + FLASH_S)
            self.gender, self.returning = None, False

    def undo(self) -> None:
        session = self.app.session
        if safely(self.app, session.undo):
            self.refresh()
            self.flash = None

    def pick(self, gender: str) -> None:
        self.gender = None if self.gender == gender else gender

    def toggle_returning(self) -> None:
        self.returning = not self.returning

    def back(self) -> None:
        self.app.show(self.back_to)

    def end(self) -> None:
        self.app.go("end", back=self)
