"""The screens' look: the kiosk's colours, font and text boxes (kiosk/look.py), plus the sizes
only touch screens have.

Everything is in logical units (kiosk/ui/canvas.py): 800x480 at least, drawn at real pixels.
"""

from __future__ import annotations

from kiosk.look import (
    ACCENT,
    ACCENT_INK,
    BACKGROUND,
    BAD,
    BAD_LIGHT,
    BLOCKS,
    CHECK_BOX,
    DISABLED,
    HEADING,
    HEADING_SIZE,
    HEIGHT,
    HINT_BOX,
    HINT_SIZE,
    HINT_TEXT,
    INK,
    INPUTS,
    LARGE_TEXT,
    LEAST,
    MARGIN,
    MUTED,
    NIGHT,
    NIGHT_INK,
    NUMBERS,
    OK,
    OK_LIGHT,
    OUTPUTS,
    PAIRS,
    PRESSED,
    SCREEN,
    SIZE,
    SPEAKER_ROOM,
    SPEAKER_W,
    STEP_TEXT,
    STEP_TEXT_SIZE,
    TILE,
    TILE_EDGE,
    TIME,
    WARN,
    WARN_LIGHT,
    WIDTH,
    font,
)

TARGET = 64  # the smallest touch target, logical pixels
BAR_H = 72  # the bottom bar of buttons

__all__ = [
    "ACCENT", "ACCENT_INK", "BACKGROUND", "BAD", "BAD_LIGHT", "BAR_H", "BLOCKS", "CHECK_BOX",
    "DISABLED", "HEADING", "HEADING_SIZE", "HEIGHT", "HINT_BOX", "HINT_SIZE", "HINT_TEXT", "INK",
    "INPUTS", "LARGE_TEXT", "LEAST", "MARGIN", "MUTED", "NIGHT", "NIGHT_INK", "NUMBERS", "OK",
    "OK_LIGHT", "OUTPUTS", "PAIRS", "PRESSED", "SCREEN", "SIZE", "SPEAKER_ROOM", "SPEAKER_W",
    "STEP_TEXT", "STEP_TEXT_SIZE", "TARGET", "TILE", "TILE_EDGE", "TIME", "WARN", "WARN_LIGHT",
    "WIDTH", "font",
]  # fmt: skip
