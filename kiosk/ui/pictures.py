"""Pictures on screen: a step's own picture file and the kit's wiring picture, made for the real
pixel size they are shown at (Canvas.real_size), and cached.

A picture that cannot be loaded or drawn is left out (and logged), never a fault on screen.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import pygame

from devices import wiring as drawing
from kiosk import look
from kiosk.ui import canvas, icons

log = logging.getLogger(__name__)


def fit_into(image: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    scale = min(size[0] / image.get_width(), size[1] / image.get_height())
    target = (max(1, round(image.get_width() * scale)), max(1, round(image.get_height() * scale)))
    return pygame.transform.smoothscale(
        image.convert_alpha() if pygame.display.get_surface() else image, target
    )


@lru_cache(maxsize=16)
def picture(path: Path, size: tuple[int, int]) -> pygame.Surface | None:
    try:
        return fit_into(pygame.image.load(str(path)), size)
    except (pygame.error, OSError):
        log.exception("picture %s", path)
        return None


_wirings: dict[tuple, pygame.Surface | None] = {}


def wiring(spec, name: str, size: tuple[int, int], lang: str) -> pygame.Surface | None:
    """The kit's wiring picture of one device (devices.wiring), drawn at that size (cached)."""
    key = (spec.path, name, size, lang)
    if key not in _wirings:
        try:
            _wirings[key] = drawing.render(spec, name, size, lang)
        except Exception:
            log.exception("wiring picture of %s", name)
            _wirings[key] = None
    return _wirings[key]


def forget() -> None:
    """Drop every cached picture, icon, text image and font (they die with pygame.quit())."""
    picture.cache_clear()
    _wirings.clear()
    look.forget()
    canvas.forget()
    icons.forget()
    drawing._font.cache_clear()  # devices.wiring caches its fonts too
