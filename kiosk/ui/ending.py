"""End of session: participants by age band, time spent, checks passed; confirm, then Home.

Confirm closes the session in the journal; until then nothing is final and Back returns.
"""

from __future__ import annotations

import pygame

from kiosk.journal import BANDS
from kiosk.ui import theme
from kiosk.ui.labels import stop_name
from kiosk.ui.screen import Screen
from kiosk.ui.session import safely
from kiosk.ui.widgets import Button, bar, heading, text_box


class EndScreen(Screen):
    id = "end"

    def __init__(self, app, back: Screen):
        super().__init__(app)
        self.back_to = back
        self.counts: dict = {}

    def enter(self) -> None:
        session = self.app.session
        if session is not None:
            safely(self.app, lambda: setattr(self, "counts", session.attendance()))

    def build(self) -> list[Button]:
        t = self.t
        confirm = self.confirm if self.app.session is not None else None
        return bar(
            [
                ("end.back", t("ui.back"), self.back, ""),
                ("end.count", t("ui.player.count"), self.attendance, ""),
                ("end.confirm", t("ui.end.confirm"), confirm, "ok"),
            ]
        )

    def draw(self, surface: pygame.Surface) -> None:
        session = self.app.session
        if session is None:
            heading(surface, self.t("ui.end.heading"))
            return
        title = session.workshop.title.get(self.app.text.lang)
        heading(surface, self.t("ui.end.heading"), f"{title} · {stop_name(self.app, session.stop)}")
        bands = self.counts.get("age_bands", {})
        width = (768 - 4 * 8) // len(BANDS)
        for i, band in enumerate(BANDS):
            box = pygame.Rect(16 + i * (width + 8), 88, width, 120)
            pygame.draw.rect(surface, theme.TILE, box, border_radius=10)
            pygame.draw.rect(surface, theme.TILE_EDGE, box, width=2, border_radius=10)
            text_box(
                surface,
                self.t(f"ui.band.{band}"),
                pygame.Rect(box.x, box.y + 8, box.w, 30),
                20,
                theme.MUTED,
                bold=True,
            )
            text_box(
                surface,
                str(bands.get(band, 0)),
                pygame.Rect(box.x, box.y + 40, box.w, 70),
                48,
                theme.INK,
                bold=True,
            )
        minutes = int((self.app.clock.now() - session.started) // 60)
        lines = [
            self.t("ui.attendance.total", total=self.counts.get("total", 0)),
            self.t("ui.end.time", minutes=minutes),
            self.t("ui.end.checks", checks=len(session.checks), steps=len(session.steps)),
        ]
        for i, line in enumerate(lines):
            text_box(
                surface,
                line,
                pygame.Rect(24, 226 + i * 56, 752, 50),
                28 if i == 0 else 24,
                theme.INK,
                bold=i == 0,
                align="left",
            )

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_RETURN: "end.confirm"}

    def back(self) -> None:
        self.app.show(self.back_to)

    def attendance(self) -> None:
        self.app.go("attendance", back=self)

    def confirm(self) -> None:
        session = self.app.session
        if safely(self.app, session.end):
            self.app.session = None
            self.app.home(self.app.text.tn("ui.end.saved", self.counts.get("total", 0)))
