"""The code panel of maker mode: the creation's gpiozero program in a monospaced face, numbered,
comments in a softer colour, long lines wrapped under themselves (kiosk/maker/codelines.py),
scrolled by whole lines.
"""

from __future__ import annotations

import math

import pygame

from kiosk.maker.codegen import first_rule_line
from kiosk.maker.codelines import wrapped
from kiosk.ui import theme

SIZE = 15  # logical px (large text: 1.25 times)
PAD = 10
TITLE_SIZE = 16


class CodeView:
    """The panel laid out in a box: how many characters a line holds, how many lines show."""

    def __init__(self, c, box: pygame.Rect, code: str, total_label):
        self.c, self.box, self.code = c, box, code
        self.line_h = c.line_height(SIZE)
        self.title_h = math.ceil(c.line_height(TITLE_SIZE, True)) + 4
        self.advance = c.mono_width(SIZE)
        text_w = box.w - 2 * PAD
        self.gutter = len(str(code.rstrip("\n").count("\n") + 1)) + 1
        self.cols = max(12, int(text_w / self.advance + 1e-6) - self.gutter)
        self.lines = wrapped(code, self.cols)
        self.total = max(n for n, _, _ in self.lines)
        self.rows = max(1, int((box.h - self.title_h - 2 * PAD) / self.line_h))
        self.total_label = total_label

    @property
    def last_top(self) -> int:
        return max(0, len(self.lines) - self.rows)

    def top(self, wanted: int | None) -> int:
        """The first line to show: the one asked for, or (None) where the rules begin."""
        if wanted is None:
            first = first_rule_line(self.code)
            wanted = next((k for k, line in enumerate(self.lines) if line[0] == first), 0)
        return min(max(0, wanted), self.last_top)

    def draw(self, wanted: int | None, title: str) -> None:
        c, box = self.c, self.box
        top = self.top(wanted)
        c.rect(theme.TILE, box, radius=10)
        c.rect(theme.TILE_EDGE, box, width=2, radius=10)
        head = pygame.Rect(box.x + PAD, box.y + 4, box.w - 2 * PAD, self.title_h)
        numbers = [n for n, _, _ in self.lines[: top + self.rows] if n]  # the program's own
        first = next((n for n, _, _ in reversed(self.lines[: top + 1]) if n), 1)
        shown = self.total_label(first, numbers[-1] if numbers else 1, self.total)
        count_w = math.ceil(c.text_width(shown, TITLE_SIZE)) + 2
        if c.text_width(title, TITLE_SIZE, True) + count_w + 8 > head.w:
            count_w = 0  # no room for both: the title only (the arrows say there is more)
        else:
            c.text(shown, pygame.Rect(head.right - count_w, head.y, count_w, head.h), TITLE_SIZE,
                   theme.MUTED, align="right")  # fmt: skip
        title_box = pygame.Rect(head.x, head.y, head.w - count_w - (8 if count_w else 0), head.h)
        c.text(title, title_box, TITLE_SIZE, theme.INK, bold=True, align="left")
        x0 = box.x + PAD
        y = head.bottom + PAD // 2
        for number, code, comment in self.lines[top : top + self.rows]:
            row = pygame.Rect(x0, round(y), box.right - PAD - x0, math.ceil(self.line_h))
            if number:
                label = str(number).rjust(self.gutter - 1)
                c.code(label, row, SIZE, theme.MUTED)
            x = x0 + self.gutter * self.advance
            if code.strip():
                c.code(code, pygame.Rect(round(x), row.y, row.right - round(x), row.h), SIZE,
                       theme.INK)  # fmt: skip
            if comment:
                x += len(code) * self.advance
                c.code(comment, pygame.Rect(round(x), row.y, row.right - round(x), row.h), SIZE,
                       theme.MUTED)  # fmt: skip
            y += self.line_h
