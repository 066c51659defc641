"""Colours, sizes and the kiosk's own font (DejaVu Sans, shipped) in one place."""

from __future__ import annotations

from functools import cache

import pygame

from devices.typeface import font_file

SIZE = (800, 480)  # the logical screen; the official 7" display's resolution

BACKGROUND = (250, 248, 242)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (0, 119, 182)
TILE = (255, 255, 255)
TILE_EDGE = (206, 212, 218)


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    return pygame.font.Font(font_file(bold), size)
