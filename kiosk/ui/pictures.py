"""Pictures on screen: a step's own picture file and the kit's wiring picture, fitted and cached.

A picture that cannot be loaded or drawn is left out (and logged), never a fault on screen.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import pygame

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


_wirings: dict[tuple[str, tuple[int, int]], pygame.Surface | None] = {}


def wiring(spec, size: tuple[int, int]) -> pygame.Surface | None:
    """The kit's wiring picture of one device (devices.wiring), fitted to size (cached)."""
    key = (spec.name, size)
    if key not in _wirings:
        try:
            from devices import wiring as drawing

            _wirings[key] = fit_into(drawing.render(spec), size)
        except Exception:
            log.exception("wiring picture of %s", spec.name)
            _wirings[key] = None
    return _wirings[key]
