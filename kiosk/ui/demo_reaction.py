"""Live demo: the reaction game. The LED goes on after a random wait; press the button fast.

Times are measured from the LED switching on to the button's event stamp (both monotonic); the
session keeps a scoreboard of the best times.
"""

from __future__ import annotations

import random
import time

import pygame

from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading, section_title

WAIT_S = (1.5, 4.0)
BOARD = 5
BOARD_W = 292


class ReactionScreen(Screen):
    id = "reaction"

    def __init__(self, app, device: str, back: Screen):
        super().__init__(app)
        self.button, self.back_to = device, back
        spec = app.station.spec
        leds = [n for n, d in spec.devices.items() if d.type == "led"] if spec else []
        self.led = leds[0] if leds else None
        self.state = "ready"  # ready | waiting | go | result | early
        self.go_at = 0.0  # app clock: when the LED goes on
        self.lit_at = 0.0  # monotonic: when it went on
        self.last: float | None = None
        self.local_scores: list[float] = []
        self.rng = random.Random()

    @property
    def animating(self) -> bool:
        return self.state == "waiting"

    @property
    def scores(self) -> list[float]:
        session = self.app.session
        return session.scores if session is not None else self.local_scores

    def light(self, on: bool) -> None:
        if self.led and self.app.kit is not None:
            self.app.kit.set_output(self.led, on)

    def leave(self) -> None:
        self.light(False)

    def start(self) -> None:
        self.state = "waiting"
        self.go_at = self.app.clock.now() + self.rng.uniform(*WAIT_S)
        self.light(False)

    def tick(self, now: float) -> bool:
        if self.state == "waiting" and now >= self.go_at:
            self.state = "go"
            self.light(True)
            self.lit_at = time.monotonic()
            return True
        return False

    def device(self, event) -> bool:
        if event.device != self.button or event.kind != "pressed":
            return False
        return self.pressed(event.at)

    def pressed(self, at: float) -> bool:
        if self.state == "waiting":
            self.state = "early"
            return True
        if self.state != "go":
            return False
        self.last = max(0.0, at - self.lit_at)
        self.scores.append(self.last)
        self.scores.sort()
        del self.scores[BOARD:]
        self.state = "result"
        self.light(False)
        return True

    def build(self, c) -> list[Button]:
        start = self.start if self.state in ("ready", "result", "early") else None
        label = "ui.reaction.start" if self.state == "ready" else "ui.reaction.again"
        return bar(
            c,
            [
                ("reaction.back", self.t("ui.back"), self.back, ""),
                ("reaction.start", self.t(label), start, "primary"),
            ],
        )

    def draw(self, c) -> None:
        heading(c, self.t("ui.demo.reaction"), self.t("ui.reaction.detail"))
        fill, ink, text = {
            "ready": (theme.TILE, theme.INK, self.t("ui.reaction.ready")),
            "waiting": (theme.NIGHT, theme.NIGHT_INK, self.t("ui.reaction.wait")),
            "go": (theme.OK, theme.ACCENT_INK, self.t("ui.reaction.go")),
            "early": (theme.BAD_LIGHT, theme.BAD, self.t("ui.reaction.early")),
            "result": (
                theme.TILE,
                theme.ACCENT,
                self.t("ui.reaction.result", ms=round((self.last or 0) * 1000)),
            ),
        }[self.state]
        high = c.height - theme.BAR_H - 12 - 84
        stage = pygame.Rect(16, 84, c.width - 48 - BOARD_W, high)
        c.rect(fill, stage, radius=14)
        c.text(text, stage.inflate(-30, -30), 48, ink, bold=True)
        board = pygame.Rect(c.width - 16 - BOARD_W, 84, BOARD_W, high)
        c.rect(theme.TILE, board, radius=14)
        inner = board.inflate(-32, 0)
        section_title(c, self.t("ui.reaction.board"), pygame.Rect(inner.x, 94, inner.w, 32), 20)
        if not self.scores:
            c.text(
                self.t("ui.reaction.no_scores"),
                pygame.Rect(inner.x, 134, inner.w, 60),
                16,
                theme.MUTED,
                align="left",
                valign="top",
            )
        row = min(50, (board.bottom - 140) // BOARD)
        for i, score in enumerate(self.scores):
            c.text(
                f"{i + 1}.  {round(score * 1000)} ms",
                pygame.Rect(inner.x, 134 + i * row, inner.w, row - 4),
                26,
                theme.INK,
                bold=i == 0,
                align="left",
            )

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_RETURN: "reaction.start"}

    def back(self) -> None:
        self.app.show(self.back_to)
