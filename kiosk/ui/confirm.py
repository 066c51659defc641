"""A yes/no question on its own screen, for actions that cannot be taken back (leave, shut down).

No returns to the screen that asked.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, text_box


class ConfirmScreen(Screen):
    id = "confirm"
    idle_ok = False

    def __init__(self, app, back: Screen, question: str, yes: Callable[[], None]):
        super().__init__(app)
        self.back_to, self.question, self.yes = back, question, yes

    def build(self) -> list[Button]:
        return [
            Button("confirm.no", pygame.Rect(120, 300, 260, 80), self.t("ui.no"), self.back),
            Button(
                "confirm.yes", pygame.Rect(420, 300, 260, 80), self.t("ui.yes"), self.yes, "danger"
            ),
        ]

    def draw(self, surface: pygame.Surface) -> None:
        text_box(surface, self.question, pygame.Rect(60, 80, 680, 180), 30, theme.INK, bold=True)

    def shortcuts(self) -> dict[int, str]:
        return {
            pygame.K_y: "confirm.yes",
            pygame.K_j: "confirm.yes",
            pygame.K_n: "confirm.no",
            pygame.K_ESCAPE: "confirm.no",
        }

    def back(self) -> None:
        self.app.show(self.back_to)
