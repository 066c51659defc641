"""End of session: participants by age band, time spent, checks passed, read aloud; confirm,
then Home.

Confirm closes the session in the journal; until then nothing is final and Back returns.
"""

from __future__ import annotations

import pygame

from kiosk.journal import BANDS
from kiosk.ui import readaloud, theme
from kiosk.ui.labels import stop_name
from kiosk.ui.screen import Screen
from kiosk.ui.session import safely
from kiosk.ui.widgets import Button, bar, heading


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

    def build(self, c) -> list[Button]:
        t = self.t
        confirm = self.confirm if self.app.session is not None else None
        speaker = readaloud.speaker(self, c, "end", self.reading) if self.app.session else []
        return speaker + bar(
            c,
            [
                ("end.back", t("ui.back"), self.back, ""),
                ("end.count", t("ui.player.count"), self.attendance, ""),
                ("end.confirm", t("ui.end.confirm"), confirm, "ok"),
            ],
        )

    def lines(self) -> list[str]:
        session = self.app.session
        minutes = int((self.app.clock.now() - session.started) // 60)
        return [
            self.t("ui.attendance.total", total=self.counts.get("total", 0)),
            self.t("ui.end.time", minutes=minutes),
            self.t("ui.end.checks", checks=len(session.checks), steps=len(session.steps)),
        ]

    def reading(self) -> tuple[str, str]:
        """What the speaker reads: the title and the summary lines, in the screen's language."""
        title = self.app.session.workshop.title.get(self.app.text.lang)
        parts = [self.t("ui.end.heading"), title, *self.lines()]
        return readaloud.sentences(parts), self.app.text.lang

    def draw(self, c) -> None:
        session = self.app.session
        if session is None:
            heading(c, self.t("ui.end.heading"))
            return
        title = session.workshop.title.get(self.app.text.lang)
        heading(
            c,
            self.t("ui.end.heading"),
            f"{title} · {stop_name(self.app, session.stop)}",
            readaloud.room(self.app),
        )
        bands = self.counts.get("age_bands", {})
        width = (c.width - 32 - 4 * 8) // len(BANDS)
        label_h = round(c.line_height(20, True)) + 2
        for i, band in enumerate(BANDS):
            box = pygame.Rect(16 + i * (width + 8), 88, width, 120)
            c.rect(theme.TILE, box, radius=10)
            c.rect(theme.TILE_EDGE, box, width=2, radius=10)
            c.text(
                self.t(f"ui.band.{band}"),
                pygame.Rect(box.x + 4, box.y + 6, box.w - 8, label_h),
                20,
                theme.MUTED,
                bold=True,
            )
            count = pygame.Rect(box.x + 4, box.y + 8 + label_h, box.w - 8, box.h - 14 - label_h)
            c.text(str(bands.get(band, 0)), count, 48, theme.INK, bold=True)
        for i, line in enumerate(self.lines()):
            c.text(
                line,
                pygame.Rect(24, 226 + i * 56, c.width - 48, 50),
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
