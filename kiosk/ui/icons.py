"""Icons drawn as vector shapes at the real pixel size (no font glyphs the shipped DejaVu may lack):
every state the screens show in colour also shows one of these, next to a word.

`draw(canvas, "check", box, colour)`; the shapes are in a unit square, drawn four times larger
and scaled down smoothly (anti-aliased at any size), cached per real size and colour.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pygame

SUPERSAMPLE = 4
NAMES = (
    "check",
    "cross",
    "warning",
    "clock",
    "info",
    "blocked",
    "speaker",
    "stop",
    "larger",
    "smaller",
    "plus",
    "trash",
    "copy",
    "save",
    "code",
    "up",
    "down",
    "list",
    "input",
    "output",
    "number",
    "screen",
)


class Pen:
    """Smooth shapes on a square surface, in units of its side (0..1)."""

    def __init__(self, surface: pygame.Surface, colour):
        self.surface, self.colour, self.side = surface, colour, surface.get_width()

    def at(self, p) -> tuple[int, int]:
        return round(p[0] * self.side), round(p[1] * self.side)

    def polygon(self, points) -> None:
        pygame.draw.polygon(self.surface, self.colour, [self.at(p) for p in points])

    def dot(self, centre, radius: float) -> None:
        pygame.draw.circle(self.surface, self.colour, self.at(centre), radius * self.side)

    def stroke(self, points, width: float = 0.12) -> None:
        half = width / 2
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            length = math.hypot(x2 - x1, y2 - y1) or 1
            nx, ny = -(y2 - y1) / length * half, (x2 - x1) / length * half
            self.polygon(
                [(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)]
            )
        for p in points:
            self.dot(p, half)

    def arc(self, centre, radius: float, start: float, end: float, width: float = 0.1) -> None:
        """Degrees, clockwise from 3 o'clock (screen coordinates)."""
        steps = max(6, round(abs(end - start) / 10))
        self.stroke(
            [
                (
                    centre[0] + radius * math.cos(math.radians(start + (end - start) * i / steps)),
                    centre[1] + radius * math.sin(math.radians(start + (end - start) * i / steps)),
                )
                for i in range(steps + 1)
            ],
            width,
        )


def _letter_a(pen: Pen) -> None:
    pen.stroke([(0.06, 0.86), (0.3, 0.16), (0.54, 0.86)], 0.11)
    pen.stroke([(0.16, 0.62), (0.44, 0.62)], 0.09)


def _paint(name: str, pen: Pen) -> None:
    if name == "check":
        pen.stroke([(0.16, 0.54), (0.4, 0.78), (0.86, 0.26)], 0.15)
    elif name == "cross":
        pen.stroke([(0.22, 0.22), (0.78, 0.78)], 0.15)
        pen.stroke([(0.78, 0.22), (0.22, 0.78)], 0.15)
    elif name == "warning":
        pen.stroke([(0.5, 0.1), (0.92, 0.86), (0.08, 0.86), (0.5, 0.1)], 0.1)
        pen.stroke([(0.5, 0.38), (0.5, 0.6)], 0.11)
        pen.dot((0.5, 0.74), 0.06)
    elif name == "clock":
        pen.arc((0.5, 0.5), 0.4, 0, 360)
        pen.stroke([(0.5, 0.24), (0.5, 0.5), (0.7, 0.62)], 0.1)
    elif name == "info":
        pen.arc((0.5, 0.5), 0.4, 0, 360)
        pen.dot((0.5, 0.3), 0.065)
        pen.stroke([(0.5, 0.46), (0.5, 0.72)], 0.11)
    elif name == "blocked":
        pen.arc((0.5, 0.5), 0.38, 0, 360, 0.11)
        pen.stroke([(0.24, 0.76), (0.76, 0.24)], 0.11)
    elif name == "speaker":
        pen.polygon(
            [(0.08, 0.36), (0.26, 0.36), (0.5, 0.14), (0.5, 0.86), (0.26, 0.64), (0.08, 0.64)]
        )
        pen.arc((0.5, 0.5), 0.18, -45, 45, 0.08)
        pen.arc((0.5, 0.5), 0.36, -50, 50, 0.08)
    elif name == "stop":
        pen.polygon([(0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8)])
    elif name in ("larger", "smaller"):
        _letter_a(pen)
        pen.stroke([(0.66, 0.4), (0.94, 0.4)], 0.1)
        if name == "larger":
            pen.stroke([(0.8, 0.26), (0.8, 0.54)], 0.1)
    elif name in MAKER:
        MAKER[name](pen)
    else:
        raise KeyError(f"no icon '{name}'")


def _box(pen: Pen, left: float, top: float, right: float, bottom: float, w: float) -> None:
    pen.stroke([(left, top), (right, top), (right, bottom), (left, bottom), (left, top)], w)


def _trash(pen: Pen) -> None:
    pen.stroke([(0.14, 0.24), (0.86, 0.24)], 0.1)
    pen.stroke([(0.38, 0.24), (0.42, 0.1), (0.58, 0.1), (0.62, 0.24)], 0.08)
    pen.stroke([(0.24, 0.34), (0.3, 0.9), (0.7, 0.9), (0.76, 0.34)], 0.1)
    pen.stroke([(0.5, 0.42), (0.5, 0.78)], 0.08)


def _save(pen: Pen) -> None:  # a floppy disk
    pen.stroke([(0.14, 0.12), (0.72, 0.12), (0.88, 0.28), (0.88, 0.88), (0.14, 0.88),
                (0.14, 0.12)], 0.1)  # fmt: skip
    pen.polygon([(0.3, 0.12), (0.64, 0.12), (0.64, 0.36), (0.3, 0.36)])
    _box(pen, 0.3, 0.56, 0.72, 0.88, 0.08)


def _output(pen: Pen) -> None:  # a light bulb
    pen.arc((0.5, 0.4), 0.28, 0, 360, 0.1)
    pen.stroke([(0.38, 0.7), (0.62, 0.7)], 0.1)
    pen.stroke([(0.4, 0.84), (0.6, 0.84)], 0.1)


# The blocks of maker mode and what its screens do with them.
MAKER = {
    "plus": lambda p: (p.stroke([(0.5, 0.16), (0.5, 0.84)], 0.15),
                       p.stroke([(0.16, 0.5), (0.84, 0.5)], 0.15)),
    "trash": _trash,
    "copy": lambda p: (_box(p, 0.1, 0.1, 0.62, 0.62, 0.09), _box(p, 0.38, 0.38, 0.9, 0.9, 0.09)),
    "save": _save,
    "code": lambda p: (p.stroke([(0.32, 0.24), (0.08, 0.5), (0.32, 0.76)], 0.1),
                       p.stroke([(0.68, 0.24), (0.92, 0.5), (0.68, 0.76)], 0.1),
                       p.stroke([(0.58, 0.16), (0.42, 0.84)], 0.09)),
    "up": lambda p: p.polygon([(0.5, 0.18), (0.9, 0.74), (0.1, 0.74)]),
    "down": lambda p: p.polygon([(0.1, 0.26), (0.9, 0.26), (0.5, 0.82)]),
    "list": lambda p: [(p.dot((0.16, y), 0.07), p.stroke([(0.36, y), (0.88, y)], 0.1))
                       for y in (0.24, 0.5, 0.76)],
    "input": lambda p: (_box(p, 0.12, 0.64, 0.88, 0.88, 0.09),  # a push button, pressed
                        p.arc((0.5, 0.64), 0.2, 180, 360, 0.1),
                        p.stroke([(0.5, 0.04), (0.5, 0.26)], 0.1),
                        p.polygon([(0.36, 0.22), (0.64, 0.22), (0.5, 0.38)])),
    "output": _output,
    "number": lambda p: (p.stroke([(0.38, 0.12), (0.3, 0.88)], 0.09),
                         p.stroke([(0.7, 0.12), (0.62, 0.88)], 0.09),
                         p.stroke([(0.14, 0.36), (0.88, 0.36)], 0.09),
                         p.stroke([(0.12, 0.64), (0.86, 0.64)], 0.09)),
    "screen": lambda p: (_box(p, 0.1, 0.14, 0.9, 0.68, 0.09),
                         p.stroke([(0.5, 0.68), (0.5, 0.84)], 0.09),
                         p.stroke([(0.3, 0.86), (0.7, 0.86)], 0.09)),
}  # fmt: skip


@lru_cache(maxsize=256)
def image(name: str, side: int, colour: tuple) -> pygame.Surface:
    """The icon as a transparent square image of `side` real pixels."""
    large = pygame.Surface((side * SUPERSAMPLE, side * SUPERSAMPLE), pygame.SRCALPHA)
    large.fill((*colour[:3], 0))  # transparent, of the icon's colour: smooth edges stay clean
    _paint(name, Pen(large, colour))
    return pygame.transform.smoothscale(large, (side, side))


def draw(canvas, name: str, box, colour) -> None:
    """An icon in the square centred in a logical box, at the box's real size."""
    real = canvas.real(box)
    side = max(4, min(real.w, real.h))
    picture = image(name, side, tuple(colour))
    canvas.surface.blit(picture, picture.get_rect(center=real.center))
    canvas.mark("icon", box, text=name)


def forget() -> None:
    image.cache_clear()
