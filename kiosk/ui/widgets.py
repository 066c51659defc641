"""Shared widgets: touch buttons with stable ids, text that fits its box, and status chips.

Widgets only draw and hit-test; what a tap does is the screen's callback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pygame

from kiosk.look import fit
from kiosk.ui import theme

STYLES = {  # kind -> (fill, edge, ink)
    "normal": (theme.TILE, theme.TILE_EDGE, theme.INK),
    "primary": (theme.ACCENT, theme.ACCENT, theme.ACCENT_INK),
    "ok": (theme.OK, theme.OK, theme.ACCENT_INK),
    "danger": (theme.BAD, theme.BAD, theme.ACCENT_INK),
    "selected": (theme.PRESSED, theme.ACCENT, theme.INK),
    "disabled": (theme.DISABLED, theme.TILE_EDGE, theme.MUTED),
    "night": (theme.NIGHT, theme.NIGHT_INK, theme.NIGHT_INK),
}


@dataclass
class Button:
    """A touch target: a stable `id` (scripts and tests tap it by id), a box, a label, an action."""

    id: str
    rect: pygame.Rect
    label: str
    action: Callable[[], None] | None = None
    kind: str = "normal"
    detail: str = ""  # a second, smaller line
    size: int = 22
    enabled: bool = True
    pad: int = 8  # inner margin left and right of the label

    def __post_init__(self):
        self.enabled = self.enabled and self.action is not None  # no action: shown greyed out

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.action is not None and self.rect.collidepoint(pos)

    def draw(self, surface: pygame.Surface) -> None:
        fill, edge, ink = STYLES["disabled" if not self.enabled else self.kind]
        pygame.draw.rect(surface, fill, self.rect, border_radius=10)
        pygame.draw.rect(surface, edge, self.rect, width=2, border_radius=10)
        inner = self.rect.inflate(-2 * self.pad, -8)
        if self.detail:
            top = pygame.Rect(inner.x, inner.y, inner.w, inner.h * 3 // 5)
            low = pygame.Rect(inner.x, top.bottom, inner.w, inner.h - top.h)
            text_box(surface, self.label, top, self.size, ink, bold=True, valign="bottom")
            text_box(surface, self.detail, low, max(14, self.size * 2 // 3), ink, valign="top")
        else:
            text_box(surface, self.label, inner, self.size, ink, bold=True)


@lru_cache(maxsize=1024)
def rendered(line: str, size: int, bold: bool, color: tuple) -> pygame.Surface:
    """One line of text as an image (cached: most frames redraw the same words)."""
    return theme.font(size, bold).render(line, True, color)


def forget() -> None:
    """Drop cached text images (fonts and images die with pygame.quit())."""
    rendered.cache_clear()


def text_box(
    surface: pygame.Surface,
    text: str,
    box: pygame.Rect,
    size: int,
    color,
    *,
    bold: bool = False,
    align: str = "center",
    valign: str = "center",
) -> pygame.Rect:
    """Draw text wrapped and shrunk to fit a box; returns the area it used."""
    size, lines = fit(text, box[2], box[3], size, bold, 12)
    font = theme.font(size, bold)
    height = len(lines) * font.get_linesize()
    y = {"top": box.y, "bottom": box.bottom - height}.get(valign, box.centery - height // 2)
    used = pygame.Rect(box.x, y, 0, height)
    clip = surface.get_clip()
    surface.set_clip(box)
    for line in lines:
        image = rendered(line, size, bold, tuple(color))
        x = {"left": box.x, "right": box.right - image.get_width()}.get(
            align, box.centerx - image.get_width() // 2
        )
        surface.blit(image, (x, y))
        used.union_ip(pygame.Rect(x, y, image.get_width(), font.get_linesize()))
        y += font.get_linesize()
    surface.set_clip(clip)
    return used


def section_title(surface, text: str, rect: pygame.Rect, size: int = 20) -> None:
    """A bold, left-aligned title over a part of a screen ("Materiaal", "Synchronisatie")."""
    text_box(surface, text, rect, size, theme.INK, bold=True, align="left")


def chip(surface, text: str, rect: pygame.Rect, good: bool | None) -> None:
    """A rounded status mark: green (good), red (bad) or grey (unknown)."""
    fill, ink = {
        True: (theme.OK_LIGHT, theme.OK),
        False: (theme.BAD_LIGHT, theme.BAD),
        None: (theme.DISABLED, theme.MUTED),
    }[good]
    pygame.draw.rect(surface, fill, rect, border_radius=rect.h // 2)
    text_box(surface, text, rect.inflate(-12, -4), 16, ink, bold=True)


def heading(surface, text: str, detail: str = "") -> None:
    """The title line every screen starts with."""
    box = theme.HEADING
    text_box(surface, text, box, theme.HEADING_SIZE, theme.INK, bold=True, align="left")
    if detail:
        text_box(surface, detail, pygame.Rect(box.x, 52, box.w, 22), 16, theme.MUTED, align="left")


def bar(buttons: list[tuple[str, str, Callable | None, str]]) -> list[Button]:
    """The bottom bar: (id, label, action, kind) buttons laid out left to right, equal width."""
    n = len(buttons)
    gap, y = 10, theme.HEIGHT - theme.BAR_H + 4
    width = (theme.WIDTH - 2 * theme.MARGIN - gap * (n - 1)) // max(n, 1)
    return [
        Button(
            bid,
            pygame.Rect(theme.MARGIN + i * (width + gap), y, width, theme.TARGET),
            text,
            action,
            kind or "normal",
            enabled=action is not None,
        )
        for i, (bid, text, action, kind) in enumerate(buttons)
    ]
