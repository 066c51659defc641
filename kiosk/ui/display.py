"""The one place that shows a frame: a logical 800x480 surface scaled, letterboxed, to the window.

Input positions go the other way through `to_logical`; screenshots use the same scaling.
"""

from __future__ import annotations

import os

import pygame

from kiosk.ui import theme

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


def fit(window: tuple[int, int]) -> tuple[float, pygame.Rect]:
    """The scale and the letterboxed area of the logical screen inside a window of that size."""
    scale = min(window[0] / theme.WIDTH, window[1] / theme.HEIGHT)
    w, h = round(theme.WIDTH * scale), round(theme.HEIGHT * scale)
    return scale, pygame.Rect((window[0] - w) // 2, (window[1] - h) // 2, w, h)


def render_to(logical: pygame.Surface, target: pygame.Surface) -> None:
    """Draw the logical frame onto a target of any size, scaled to fit, black bars around."""
    _, area = fit(target.get_size())
    if area.size == logical.get_size():
        target.blit(logical, area)
        return
    target.fill((0, 0, 0))
    target.blit(pygame.transform.smoothscale(logical, area.size), area)


class Display:
    """The window (or the whole screen) and the logical surface every screen draws on."""

    def __init__(self, *, fullscreen: bool, size: tuple[int, int] | None = None):
        self.logical = pygame.Surface(theme.SIZE)
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

    @property
    def scale_area(self) -> tuple[float, pygame.Rect]:
        return fit(self.window.get_size())

    def to_logical(self, pos: tuple[float, float]) -> tuple[int, int] | None:
        """A window position to logical coordinates; None on the black bars."""
        scale, area = self.scale_area
        if not area.collidepoint(pos):
            return None
        return int((pos[0] - area.x) / scale), int((pos[1] - area.y) / scale)

    def finger_to_logical(self, x: float, y: float) -> tuple[int, int] | None:
        """SDL finger positions are 0..1 of the window."""
        w, h = self.window.get_size()
        return self.to_logical((x * w, y * h))

    def present(self) -> None:
        render_to(self.logical, self.window)
        pygame.display.flip()

    def screenshot(self, path: str, size: tuple[int, int] | None = None) -> None:
        target = pygame.Surface(size or self.window.get_size())
        render_to(self.logical, target)
        pygame.image.save(target, path)
