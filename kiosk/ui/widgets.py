"""Shared widgets, drawn through a Canvas (kiosk/ui/canvas.py): touch buttons with stable ids,
labels with an icon, status chips, the title line and the bottom bar.

Widgets only draw and hit-test, in logical units; what a tap does is the screen's callback. A
state shown by colour also shows an icon and a word: a selected button a check mark, a disabled
one a "blocked" mark and "niet nu", a chip its mark beside its word.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from kiosk.ui import icons, theme

STYLES = {  # kind -> (fill, edge, ink)
    "normal": (theme.TILE, theme.TILE_EDGE, theme.INK),
    "primary": (theme.ACCENT, theme.ACCENT, theme.ACCENT_INK),
    "ok": (theme.OK, theme.OK, theme.ACCENT_INK),
    "danger": (theme.BAD, theme.BAD, theme.ACCENT_INK),
    "selected": (theme.PRESSED, theme.ACCENT, theme.INK),
    "disabled": (theme.DISABLED, theme.TILE_EDGE, theme.MUTED),
    "night": (theme.NIGHT, theme.NIGHT_INK, theme.NIGHT_INK),
}
STATE_ICONS = {"selected": "check", "disabled": "blocked"}  # the icon a state adds
CHIP_ICONS = {True: "check", False: "cross", None: "info"}
CHIP_SIZE = 16


@dataclass
class Button:
    """A touch target: a stable `id` (scripts and tests tap it by id), a box, a label, an action;
    optionally a second, smaller line (`detail`) and an icon before the label."""

    id: str
    rect: pygame.Rect
    label: str
    action: Callable[[], None] | None = None
    kind: str = "normal"
    detail: str = ""
    size: int = 22
    enabled: bool = True
    pad: int = 8  # inner margin left and right of the label
    icon: str | None = None  # kiosk/ui/icons.py; selected and disabled buttons get theirs

    def __post_init__(self):
        self.enabled = self.enabled and self.action is not None  # no action: shown greyed out

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.action is not None and self.rect.collidepoint(pos)

    def draw(self, c) -> None:
        kind = "disabled" if not self.enabled else self.kind
        fill, edge, ink = STYLES[kind]
        with c.widget(self.id, self.rect):
            c.rect(fill, self.rect, radius=10)
            c.rect(edge, self.rect, width=3 if kind == "selected" else 2, radius=10)
            inner = self.rect.inflate(-2 * self.pad, -8)
            icon = self.icon or STATE_ICONS.get(kind)
            detail = self.detail
            if kind == "disabled" and not detail and self.label and c.words is not None:
                detail = c.words.t("ui.not_now")
            if not detail:
                labelled(c, icon, self.label, inner, self.size, ink)
                return
            top = pygame.Rect(inner.x, inner.y, inner.w, inner.h * 3 // 5)
            low = pygame.Rect(inner.x, top.bottom, inner.w, inner.h - top.h)
            labelled(c, icon, self.label, top, self.size, ink, valign="bottom")
            c.text(detail, low, max(14, self.size * 2 // 3), ink, valign="top")


def labelled(
    c,
    icon: str | None,
    text: str,
    box,
    size: float,
    colour,
    *,
    bold: bool = True,
    align: str = "center",
    valign: str = "center",
) -> None:
    """A text with an icon before its first line, centred (or left-aligned) together."""
    box = pygame.Rect(box)
    if not icon:
        c.text(text, box, size, colour, bold=bold, align=align, valign=valign)
        return
    side = min(box.h, max(8, round(c.line_height(size, bold) * 0.8)))
    gap = max(4, side // 4)
    room = pygame.Rect(box.x + side + gap, box.y, max(1, box.w - side - gap), box.h)
    fitted = c.fit(text, room, size, bold=bold) if text else None
    width = max(fitted.widths, default=0) / c.scale if fitted else -gap
    height = len(fitted.lines) * fitted.line_px / c.scale if fitted else side
    line = fitted.line_px / c.scale if fitted else side
    left = box.x if align == "left" else max(box.x, box.centerx - (side + gap + width) / 2)
    top = {"top": box.y, "bottom": box.bottom - height}.get(valign, box.centery - height / 2)
    icons.draw(
        c, icon, pygame.Rect(round(left), round(top + (line - side) / 2), side, side), colour
    )
    if fitted:
        area = pygame.Rect(round(left) + side + gap, box.y, 0, box.h)
        area.w = box.right - area.x
        c.write(fitted, area, colour, align="left", valign=valign, text=text, size=size)


def section_title(c, text: str, rect, size: int = 20) -> None:
    """A bold, left-aligned title over a part of a screen ("Materiaal", "Synchronisatie")."""
    c.text(text, rect, size, theme.INK, bold=True, align="left")


def chip(c, text: str, rect, good: bool | None, icon: str | None = "") -> None:
    """A rounded status mark with its icon and word: good, bad or unknown (grey). `icon` None
    leaves the mark out (a tag such as "hergebruikt" is no state)."""
    fill, ink = {
        True: (theme.OK_LIGHT, theme.OK),
        False: (theme.BAD_LIGHT, theme.BAD),
        None: (theme.DISABLED, theme.MUTED),
    }[good]
    rect = pygame.Rect(rect)
    c.rect(fill, rect, radius=rect.h // 2)
    mark = CHIP_ICONS[good] if icon == "" else icon
    labelled(c, mark, text, rect.inflate(-12, -4), CHIP_SIZE, ink)


def chip_width(c, text: str, icon: bool = True) -> int:
    """How wide a chip must be for its word (and mark) at the canvas's text size."""
    line = c.line_height(CHIP_SIZE, True)
    mark = max(8, round(line * 0.8)) + max(4, round(line * 0.2)) if icon else 0
    return round(c.text_width(text, CHIP_SIZE, True)) + mark + 16


def heading(c, text: str, detail: str = "", room: int = 0) -> None:
    """The title line every screen starts with; `room` is kept free at its right (a button)."""
    box = pygame.Rect(
        theme.HEADING.x,
        theme.HEADING.y,
        c.width - 2 * theme.MARGIN - room,
        max(theme.HEADING.h, math.ceil(c.line_height(theme.HEADING_SIZE, True))),
    )
    c.text(text, box, theme.HEADING_SIZE, theme.INK, bold=True, align="left")
    if detail:
        high = max(22, math.ceil(c.line_height(16)))
        c.text(
            detail, pygame.Rect(box.x, box.bottom - 2, box.w, high), 16, theme.MUTED, align="left"
        )


def bar(c, buttons: list[tuple[str, str, Callable | None, str]]) -> list[Button]:
    """The bottom bar: (id, label, action, kind) buttons laid out left to right, equal width."""
    n = len(buttons)
    gap, y = 10, c.height - theme.BAR_H + 4
    width = (c.width - 2 * theme.MARGIN - gap * (n - 1)) // max(n, 1)
    return [
        Button(
            bid,
            pygame.Rect(theme.MARGIN + i * (width + gap), y, width, theme.TARGET),
            text,
            action,
            kind or "normal",
            enabled=action is not None,
            icon="check" if kind == "ok" else None,
        )
        for i, (bid, text, action, kind) in enumerate(buttons)
    ]
