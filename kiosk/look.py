"""The kiosk's look, shared by its screens and by what it prints (cards, charts): colours, the
font (DejaVu Sans, shipped), text wrapped and fitted, and the boxes workshop text goes in.

Sizes are logical pixels of the smallest screen, 800x480 (kiosk/ui/canvas.py draws them at the
display's real resolution); large text multiplies every text size by LARGE_TEXT. The content
lint (kiosk/lint.py) measures every workshop's text at both sizes in the boxes the screens use.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pygame

from devices.typeface import font_file, mono_file

SIZE = (800, 480)  # the smallest logical screen: the official 7" display's resolution
WIDTH, HEIGHT = SIZE
MARGIN = 16
LARGE_TEXT = 1.25  # large text (Home's "A+", `large_text: true`): every text this much larger
LEAST = 12  # the smallest text a box may shrink its text to (times the text scale)
SPEAKER_W = 150  # the read-aloud button at the right of the title line (intro, steps, end)

# Where workshop text goes on screen, at which size.
HEADING = pygame.Rect(MARGIN, 10, WIDTH - 2 * MARGIN, 44)  # every screen's title: one line, bold
SPEAKER_ROOM = SPEAKER_W + 8  # what a title leaves free for the read-aloud button at its right
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
# Maker mode's blocks, one colour for what a block touches (as MakeCode and Scratch colour theirs):
# always beside the block's icon and words, and white text reads on each.
INPUTS = (176, 0, 150)
OUTPUTS = (92, 45, 145)
TIME = (22, 110, 22)
NUMBERS = (166, 64, 0)
SCREEN = (0, 99, 177)
BLOCKS = {"inputs": INPUTS, "outputs": OUTPUTS, "time": TIME, "numbers": NUMBERS, "screen": SCREEN}

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
    ("BAD", "TILE", 12, False),  # why a maker rule does not run, on its card
    ("ACCENT_INK", "INPUTS", 12, True),  # maker mode's block groups, picked
    ("ACCENT_INK", "OUTPUTS", 12, True),
    ("ACCENT_INK", "TIME", 12, True),
    ("ACCENT_INK", "NUMBERS", 12, True),
    ("ACCENT_INK", "SCREEN", 12, True),
)


def title_box(text_scale: float = 1.0, room: int = 0) -> pygame.Rect:
    """Every screen's title line at a text size: one bold line, as tall as large text needs
    (its detail line follows right under it); `room` is kept free at its right."""
    high = max(HEADING.h, font(px(HEADING_SIZE * text_scale), True).get_linesize())
    return pygame.Rect(MARGIN, HEADING.y, WIDTH - 2 * MARGIN - room, high)


def px(size: float) -> int:
    """A text size (logical px times the text scale and the screen's scale) as a font's px."""
    return max(1, int(size + 0.5))


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(font_file(bold), size)


@cache
def mono(size: int) -> pygame.font.Font:
    """The monospaced face of program text (maker mode's code panel, the creation card)."""
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(mono_file(), size)


def wrap(text: str, font: pygame.font.Font, width: int, *, breaking: bool = False) -> list[str]:
    """Greedy word wrap; a single word wider than the box stays on its own line, or with
    `breaking` is cut into pieces that fit (a path, a URL: never for sentences that fit)."""
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
            while breaking and len(line) > 1 and font.size(line)[0] > width:
                cut = len(line) - 1
                while cut > 1 and font.size(line[:cut])[0] > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


@lru_cache(maxsize=4096)
def fit(
    text: str, w: int, h: int, size: int, bold: bool, least: int, step: int = 2
) -> tuple[int, tuple, bool]:
    """The largest size (from `size` down in `step`s, not below `least`) at which the text wraps
    into a w x h box, its lines at that size, and whether they fit. At the least size a word
    wider than the box (a path) is broken rather than cut off: more lines than words then."""
    while True:
        face = font(size, bold)
        lines = wrap(text, face, w)
        if _inside(lines, face, w, h):
            return size, tuple(lines), True
        if size <= least:
            broken = wrap(text, face, w, breaking=True)
            return size, tuple(broken), _inside(broken, face, w, h)
        size = max(least, size - step)


def _inside(lines: list[str], face: pygame.font.Font, w: int, h: int) -> bool:
    widest = max((face.size(line)[0] for line in lines), default=0)
    return len(lines) * face.get_linesize() <= h and widest <= w


def forget() -> None:
    """Drop cached fonts and fitted text (fonts die with pygame.quit())."""
    font.cache_clear()
    mono.cache_clear()
    fit.cache_clear()
