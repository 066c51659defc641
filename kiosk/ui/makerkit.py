"""What the maker screens share: the workbench running live under every one of them, and the
block as a touch target (its group's colour and icon beside its words, as MakeCode draws it).

The screens themselves reach each other by name (kiosk/ui/screens.py) and hand the `Bench` on.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from kiosk.maker.bench import Bench
from kiosk.maker.blocks import EVENTS
from kiosk.ui import icons, theme
from kiosk.ui.widgets import Button, labelled

GROUP_ICONS = {
    "inputs": "input",
    "outputs": "output",
    "screen": "screen",
    "time": "clock",
    "numbers": "number",
}  # fmt: skip  (in the palette's order)
BAND = 44  # the coloured band at a block's left, with the group's icon
MORE = "…"


class Live:
    """A maker screen: the creation keeps running on the kit while it is shown. The app's loop
    hands it every kit event and ticks it every frame; it redraws when the run shows change.
    Someone pressing the gadget's button is someone there: attract mode waits."""

    bench: Bench
    app: object

    def device(self, event) -> bool:
        at = self.app.clock.since(event.at)
        if event.kind in EVENTS:
            self.app.last_input = max(self.app.last_input, at)
        return self.bench.device(replace(event, at=at))

    def tick(self, now: float) -> bool:
        return self.bench.tick(now)


class BlockButton(Button):
    """A block to tap: a band in its group's colour with the group's icon, then its words."""

    def __init__(self, bid: str, rect, label: str, action, group: str, **options):
        super().__init__(bid, pygame.Rect(rect), label, action, size=options.pop("size", 18),
                         **options)  # fmt: skip
        self.group = group

    def draw(self, c) -> None:
        if not self.enabled:
            super().draw(c)
            return
        r, colour = self.rect, theme.BLOCKS[self.group]
        selected = self.kind == "selected"
        with c.widget(self.id, r):
            c.rect(theme.PRESSED if selected else theme.TILE, r, radius=10)
            c.rect(colour, r, width=3 if selected else 2, radius=10)
            band = pygame.Rect(r.x, r.y, BAND, r.h)
            c.rect(colour, band, radius=10)
            c.rect(colour, band.inflate(-BAND // 2, 0).move(BAND // 4, 0))  # square on the right
            side = min(28, r.h - 16)
            icons.draw(c, GROUP_ICONS[self.group], band.inflate(side - BAND, side - r.h),
                       theme.ACCENT_INK)  # fmt: skip
            inner = pygame.Rect(band.right + 8, r.y + 4, r.right - band.right - 16, r.h - 8)
            icon = "check" if selected else None
            labelled(c, icon, self.label, inner, self.size, theme.INK, align="left")


def with_icons(c, buttons: list[Button], names: list[str | None]) -> None:
    """Give each button its icon where its words still fit whole beside it (a narrow bar in
    large text keeps the words)."""
    for button, name in zip(buttons, names, strict=True):
        inner = button.rect.inflate(-2 * button.pad, -8)
        side = round(c.line_height(button.size, True) * 0.8) + 6
        room = pygame.Rect(inner.x, inner.y, inner.w - side, inner.h)
        fitted = c.fit(button.label, room, button.size, bold=True)
        button.icon = name if fitted.fits and not fitted.broken else None


def fit_list(c, words: list[str], width: float, size: float, head: str = "", *, sep=", ",
             bold=False) -> str:  # fmt: skip
    """`head` and as many of the words as one line of `width` holds, then "…": a rule's
    actions on its card (the editor shows them all), a sentence cut short."""
    for n in range(len(words), 0, -1):
        shown = sep.join(words[:n]) + (f"{sep}{MORE}" if n < len(words) else "")
        line = f"{head} {shown}".strip()
        if c.text_width(line, size, bold) <= width:
            return line
    return f"{head} {MORE}".strip()
