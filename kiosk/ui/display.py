"""The window (or the whole screen) the kiosk draws on at its real resolution, and the one place
that shows a frame.

Every frame is drawn through a Canvas (kiosk/ui/canvas.py) made for the window's real size;
touch positions go back to logical units through the same mapping.
"""

from __future__ import annotations

import os

import pygame

from kiosk.ui import theme
from kiosk.ui.canvas import Canvas, fit_window

SIZE_ENV = "STEM_KIOSK_SIZE"  # e.g. "1920x1080": the window size when not fullscreen


def start() -> None:
    """pygame's display, events and fonts, but not its mixer: an open sound device keeps a
    thread mixing silence all day. The theremin opens the mixer while it plays (kiosk.ui.tone)."""
    pygame.display.init()
    pygame.font.init()


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080); ValueError for anything else."""
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or int(w) < 160 or int(h) < 96:
        raise ValueError(f"window size '{text}' must look like 1920x1080")
    return int(w), int(h)


class Display:
    """The window (or the whole screen); frames are drawn on it through `canvas()`."""

    def __init__(self, *, fullscreen: bool, size: tuple[int, int] | None = None):
        self.fullscreen = fullscreen
        if size is None and os.environ.get(SIZE_ENV):
            size = parse_size(os.environ[SIZE_ENV])
        self.window = self._open(size)

    def _open(self, size: tuple[int, int] | None) -> pygame.Surface:
        if self.fullscreen:
            window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            pygame.mouse.set_visible(False)
            return window
        return pygame.display.set_mode(size or theme.SIZE)

    def resize(self, size: tuple[int, int]) -> None:
        self.fullscreen = False
        self.window = self._open(size)

    def canvas(self, **options) -> Canvas:
        """A canvas on the window for the next frame (options: Canvas's text_scale, words)."""
        return Canvas(self.window, **options)

    @property
    def logical_size(self) -> tuple[int, int]:
        return fit_window(self.window.get_size())[1]

    def to_logical(self, pos: tuple[float, float]) -> tuple[int, int] | None:
        """A window position in logical coordinates; None off the logical screen."""
        return Canvas(self.window).logical(pos)

    def to_window(self, pos: tuple[float, float]) -> tuple[float, float]:
        """The window position of the middle of a logical pixel (what a finger touches)."""
        scale, _, (ox, oy) = fit_window(self.window.get_size())
        return ox + (pos[0] + 0.5) * scale, oy + (pos[1] + 0.5) * scale

    def finger_to_logical(self, x: float, y: float) -> tuple[int, int] | None:
        """SDL finger positions are 0..1 of the window."""
        w, h = self.window.get_size()
        return self.to_logical((x * w, y * h))

    def present(self) -> None:
        pygame.display.flip()
