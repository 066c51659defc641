"""Attendance: one big button per age band, an optional gender row and "came before", undo.

A tap shows +1 only after the journal returned the new total, i.e. once it is durable.
"""

from __future__ import annotations

import pygame

from kiosk.journal import BANDS, GENDERS
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.session import safely
from kiosk.ui.widgets import Button, bar, heading, text_box

FLASH_S = 1.2
TOTAL_BOX = pygame.Rect(16, 322, 480, 76)  # the running total


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

    def build(self) -> list[Button]:
        t = self.t
        bands = self.counts.get("age_bands", {})
        buttons = []
        width = (768 - 4 * 8) // len(BANDS)
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
        buttons.append(
            Button(
                "attendance.returning",
                pygame.Rect(488, 244, 296, 64),
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
                pygame.Rect(508, 328, 276, 64),
                t("ui.attendance.undo"),
                self.undo if can_undo else None,
            )
        )
        buttons += bar(
            [
                ("attendance.back", t("ui.back"), self.back, ""),
                ("attendance.end", t("ui.attendance.end"), self.end, "primary"),
            ]
        )
        return buttons

    def draw(self, surface: pygame.Surface) -> None:
        heading(surface, self.t("ui.attendance.heading"), self.t("ui.attendance.detail"))
        pygame.draw.rect(surface, theme.TILE, TOTAL_BOX, border_radius=12)
        pygame.draw.rect(surface, theme.TILE_EDGE, TOTAL_BOX, width=2, border_radius=12)
        text = self.t("ui.attendance.total", total=self.total)
        text_box(surface, text, TOTAL_BOX.inflate(-24, -8), 40, theme.INK, bold=True, align="left")
        if self.flash:
            band_button = next(
                b for b in self.buttons if b.id == f"attendance.band.{self.flash[0]}"
            )
            spot = pygame.Rect(0, 0, 76, 44)
            spot.midtop = (band_button.rect.centerx, band_button.rect.y + 6)
            pygame.draw.rect(surface, theme.OK, spot, border_radius=22)
            text_box(surface, "+1", spot, 26, theme.ACCENT_INK, bold=True)

    def render(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        self.buttons = self.build()
        for button in self.buttons:
            button.draw(surface)
        self.draw(surface)  # the +1 goes on top of its band's button

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
