"""The screens' look: the kiosk's colours, font and text boxes (kiosk/look.py), plus the sizes
only touch screens have.

Everything is in logical pixels of the 800x480 surface; the display scales it.
"""

from __future__ import annotations

from kiosk.look import (
    ACCENT,
    ACCENT_INK,
    BACKGROUND,
    BAD,
    BAD_LIGHT,
    CHECK_BOX,
    DISABLED,
    HEADING,
    HEADING_SIZE,
    HEIGHT,
    HINT_BOX,
    HINT_SIZE,
    HINT_TEXT,
    INK,
    MARGIN,
    MUTED,
    NIGHT,
    NIGHT_INK,
    OK,
    OK_LIGHT,
    PAIRS,
    PRESSED,
    SIZE,
    STEP_TEXT,
    STEP_TEXT_SIZE,
    TILE,
    TILE_EDGE,
    WARN,
    WARN_LIGHT,
    WIDTH,
    font,
)

TARGET = 64  # the smallest touch target, logical pixels
BAR_H = 72  # the bottom bar of buttons

__all__ = [
    "ACCENT", "ACCENT_INK", "BACKGROUND", "BAD", "BAD_LIGHT", "BAR_H", "CHECK_BOX", "DISABLED",
    "HEADING", "HEADING_SIZE", "HEIGHT", "HINT_BOX", "HINT_SIZE", "HINT_TEXT", "INK", "MARGIN",
    "MUTED", "NIGHT", "NIGHT_INK", "OK", "OK_LIGHT", "PAIRS", "PRESSED", "SIZE", "STEP_TEXT",
    "STEP_TEXT_SIZE", "TARGET", "TILE", "TILE_EDGE", "WARN", "WARN_LIGHT", "WIDTH", "font",
]  # fmt: skip
