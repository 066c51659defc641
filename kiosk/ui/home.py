"""The home screen: the workshop tiles with their age range and duration."""

from __future__ import annotations

import pygame

from kiosk.i18n import Catalogue
from kiosk.ui import theme
from kiosk.workshop import Workshop


def draw_home(screen: pygame.Surface, workshops: list[Workshop], text: Catalogue) -> None:
    screen.fill(theme.BACKGROUND)
    heading = theme.font(32, bold=True).render(text.t("home.heading"), True, theme.INK)
    screen.blit(heading, (24, 16))
    count = theme.font(18).render(text.t("home.count", count=len(workshops)), True, theme.MUTED)
    screen.blit(count, (800 - 24 - count.get_width(), 28))
    columns, tile_w, tile_h, gap = 3, 240, 88, 12
    for i, workshop in enumerate(workshops[:12]):
        x = 24 + (i % columns) * (tile_w + gap)
        y = 76 + (i // columns) * (tile_h + gap)
        rect = pygame.Rect(x, y, tile_w, tile_h)
        pygame.draw.rect(screen, theme.TILE, rect, border_radius=10)
        pygame.draw.rect(screen, theme.TILE_EDGE, rect, width=2, border_radius=10)
        title = theme.font(20, bold=True).render(workshop.title.get(text.lang), True, theme.INK)
        screen.blit(title, (x + 12, y + 12))
        ages = text.t("workshop.ages", ages=workshop.age_range)
        minutes = text.t("workshop.minutes", minutes=workshop.duration_min)
        meta = theme.font(16).render(f"{ages} · {minutes}", True, theme.MUTED)
        screen.blit(meta, (x + 12, y + 52))
