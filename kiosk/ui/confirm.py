"""A yes/no question on its own screen, for actions that cannot be taken back (leave, shut down).

No returns to the screen that asked.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button


class ConfirmScreen(Screen):
    id = "confirm"
    idle_ok = False

    def __init__(self, app, back: Screen, question: str, yes: Callable[[], None]):
        super().__init__(app)
        self.back_to, self.question, self.yes = back, question, yes

    def build(self, c) -> list[Button]:
        middle = c.width // 2
        return [
            Button(
                "confirm.no", pygame.Rect(middle - 280, 300, 260, 80), self.t("ui.no"), self.back
            ),
            Button(
                "confirm.yes",
                pygame.Rect(middle + 20, 300, 260, 80),
                self.t("ui.yes"),
                self.yes,
                "danger",
            ),
        ]

    def draw(self, c) -> None:
        c.text(self.question, pygame.Rect(60, 80, c.width - 120, 180), 30, theme.INK, bold=True)

    def shortcuts(self) -> dict[int, str]:
        return {
            pygame.K_y: "confirm.yes",
            pygame.K_j: "confirm.yes",
            pygame.K_n: "confirm.no",
            pygame.K_ESCAPE: "confirm.no",
        }

    def back(self) -> None:
        self.app.show(self.back_to)
