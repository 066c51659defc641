"""The kiosk's look, shared by its screens and by what it prints (cards, charts): colours, the
font (DejaVu Sans, shipped), text wrapped and fitted, and the boxes workshop text goes in.

Sizes are logical pixels of the 800x480 screen (the display scales it); the content lint
(kiosk/lint.py) measures every workshop's text against the same boxes the screens draw in.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pygame

from devices.typeface import font_file

SIZE = (800, 480)  # the logical screen; the official 7" display's resolution
WIDTH, HEIGHT = SIZE
MARGIN = 16

# Where workshop text goes on screen, at which size.
HEADING = pygame.Rect(MARGIN, 10, WIDTH - 2 * MARGIN, 44)  # every screen's title: one line, bold
HEADING_SIZE = 30
STEP_TEXT = pygame.Rect(16, 84, 420, 246)  # the player's step text, above its check box
STEP_TEXT_SIZE = 26
CHECK_BOX = pygame.Rect(16, 330, 420, 70)  # where the check shows: green when met
HINT_BOX = pygame.Rect(16, 236, 420, 164)  # "Lukt het niet?" over the foot of the step text
HINT_TEXT = pygame.Rect(26, 277, 400, 116)  # the hint itself, under that line
HINT_SIZE = 22

# Colours: every text colour reads at WCAG 2.x contrast on the backgrounds it is drawn on (PAIRS,
# below), and OK and BAD (and their light versions) stay apart for red-green colour-blind eyes:
# a blue-leaning green against a deep red and a salmon (tests/ui/test_theme.py).
BACKGROUND = (250, 248, 242)
INK = (33, 37, 41)
MUTED = (97, 106, 114)
ACCENT = (0, 119, 182)
ACCENT_INK = (255, 255, 255)
TILE = (255, 255, 255)
TILE_EDGE = (206, 212, 218)
PRESSED = (222, 235, 247)
OK = (29, 117, 99)
OK_LIGHT = (212, 252, 240)
WARN = (166, 91, 0)
WARN_LIGHT = (255, 243, 205)
BAD = (147, 0, 15)
BAD_LIGHT = (253, 159, 135)
DISABLED = (233, 236, 239)
NIGHT = (18, 24, 38)
NIGHT_INK = (240, 244, 248)

# Every (text, background) the screens draw, the smallest text size (logical px) and whether
# that smallest text is bold. Large text (WCAG: 14 pt bold or 18 pt, i.e. 18.7 or 24 CSS px)
# scaled to the 7" display's logical pixel (0.193 mm against the CSS pixel's 0.265 mm) is
# bold from 26 px or regular from 33 px: it needs 3:1, all other text 4.5:1.
PAIRS = (
    ("INK", "BACKGROUND", 12, False),  # headings, step text, rows; 12: text_box's least size
    ("MUTED", "BACKGROUND", 12, False),  # heading details, counts, the PIN message
    ("INK", "TILE", 12, False),  # buttons, tiles, boards, the printed card (white paper)
    ("MUTED", "TILE", 12, False),  # tile summaries, field captions, graph axes, the card
    ("ACCENT", "TILE", 12, True),  # a tile's ages and minutes, a reaction time, card titles
    ("ACCENT", "BACKGROUND", 56, True),  # the big live reading of the graph and the theremin
    ("ACCENT_INK", "ACCENT", 12, True),  # primary buttons
    ("ACCENT_INK", "OK", 12, True),  # ok buttons, "Gelukt!", "+1", the reaction game's NU!
    ("ACCENT_INK", "BAD", 12, True),  # danger buttons
    ("INK", "PRESSED", 12, True),  # selected buttons
    ("MUTED", "DISABLED", 12, False),  # greyed buttons, the check's "waiting" line, grey chips
    ("NIGHT_INK", "NIGHT", 12, False),  # attract mode, the simulator panel, the theremin wave
    ("OK", "OK_LIGHT", 12, True),  # good chips ("aangesloten", "hergebruikt", "OK")
    ("BAD", "BAD_LIGHT", 12, True),  # bad chips ("probleem"), "Te vroeg!"
    ("WARN", "WARN_LIGHT", 12, True),  # "Veilig werken", "Lukt het niet?"
    ("INK", "WARN_LIGHT", 12, False),  # notices, safety notes, hints
    ("BAD", "BACKGROUND", 12, False),  # "niet aangesloten", skipped files, refused sessions
    ("OK", "TILE", 12, True),  # the card's check of a step
)


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(font_file(bold), size)


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap; a single word wider than the box stays on its own line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@lru_cache(maxsize=1024)
def fit(text: str, w: int, h: int, size: int, bold: bool, least: int) -> tuple[int, tuple]:
    """The largest size (from `size` down, in steps of 2, not below `least`) at which the text
    wraps into a w x h box, and its lines at that size."""
    while True:
        face = font(size, bold)
        lines = wrap(text, face, w)
        widest = max((face.size(line)[0] for line in lines), default=0)
        if (len(lines) * face.get_linesize() <= h and widest <= w) or size <= least:
            return size, tuple(lines)
        size -= 2


def forget() -> None:
    """Drop cached fonts and fitted text (fonts die with pygame.quit())."""
    font.cache_clear()
    fit.cache_clear()
