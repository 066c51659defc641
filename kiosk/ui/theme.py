"""Colours, sizes and the kiosk's own font (DejaVu Sans, shipped) in one place.

Everything is in logical pixels of the 800x480 surface; the display scales it.
"""

from __future__ import annotations

from functools import cache

import pygame

from devices.typeface import font_file

SIZE = (800, 480)  # the logical screen; the official 7" display's resolution
WIDTH, HEIGHT = SIZE
MARGIN = 16
TARGET = 64  # the smallest touch target, logical pixels
BAR_H = 72  # the bottom bar of buttons

# Where workshop text goes: the screens draw in these boxes at these sizes, and the content lint
# (kiosk/lint.py) measures every workshop's text against the same boxes.
HEADING = pygame.Rect(MARGIN, 10, WIDTH - 2 * MARGIN, 44)  # every screen's title: one line, bold
HEADING_SIZE = 30
STEP_TEXT = pygame.Rect(16, 84, 420, 246)  # the player's step text, above its check box
STEP_TEXT_SIZE = 26
CHECK_BOX = pygame.Rect(16, 330, 420, 70)  # where the check shows: green when met
HINT_BOX = pygame.Rect(16, 236, 420, 164)  # "Lukt het niet?" over the foot of the step text
HINT_TEXT = pygame.Rect(26, 277, 400, 116)  # the hint itself, under that line
HINT_SIZE = 22

BACKGROUND = (250, 248, 242)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (0, 119, 182)
ACCENT_INK = (255, 255, 255)
TILE = (255, 255, 255)
TILE_EDGE = (206, 212, 218)
PRESSED = (222, 235, 247)
OK = (25, 135, 84)
OK_LIGHT = (209, 231, 221)
WARN = (204, 122, 0)
WARN_LIGHT = (255, 243, 205)
BAD = (200, 35, 51)
BAD_LIGHT = (248, 215, 218)
DISABLED = (233, 236, 239)
NIGHT = (18, 24, 38)
NIGHT_INK = (240, 244, 248)


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    return pygame.font.Font(font_file(bold), size)
