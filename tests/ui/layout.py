"""What makes a frame well laid out, read from the canvas's record of it (kiosk/ui/canvas.py) and
its pixels: no text cut, no widget over another, nothing off the screen.

A word broken over two lines is a fault too, except in a path (a file's, on the start-up check).
`problems(canvas)` lists what is wrong, one line each; the layout test runs it on every screen
of the demo tour at every size and both text sizes.
"""

from __future__ import annotations

import itertools

import pygame

from kiosk.ui.canvas import Canvas, Mark

SLACK = 1  # logical units a rounded edge may stray (real pixels rounded to logical ones)


def problems(c: Canvas) -> list[str]:
    screen = pygame.Rect(0, 0, c.width, c.height).inflate(2 * SLACK, 2 * SLACK)
    found = []
    for mark in c.marks:
        if mark.rect.w and mark.rect.h and not screen.contains(mark.rect):
            found.append(f"{describe(mark)} is outside the {c.width}x{c.height} screen")
        if mark.kind == "text" and mark.drawn * c.scale < c.font_px(mark.least / c.text_scale):
            found.append(f"{describe(mark)} shrank below its least size to {mark.drawn:.0f} px")
        if mark.kind == "text" and not mark.fits:
            found.append(
                f"{describe(mark)} is cut: it does not fit its box {tuple(mark.box)} "
                f"even at {mark.drawn:.0f} px"
            )
        if mark.kind == "text" and mark.broken and "/" not in mark.text:
            found.append(f"{describe(mark)} has a word broken over two lines")
    for layer in {m.layer for m in c.marks}:
        found += overlaps([m for m in c.marks if m.layer == layer])
    found += unpainted(c)
    return found


def overlaps(marks: list[Mark]) -> list[str]:
    buttons = {m.text: m.rect for m in marks if m.kind == "button"}
    found = [
        f"buttons {a} and {b} overlap"
        for (a, ra), (b, rb) in itertools.combinations(buttons.items(), 2)
        if ra.colliderect(rb)
    ]
    texts = [m for m in marks if m.kind in ("text", "icon") and m.rect.w and m.rect.h]
    for mark in texts:
        if mark.owner:
            if not buttons[mark.owner].inflate(2 * SLACK, 2 * SLACK).contains(mark.rect):
                found.append(f"{describe(mark)} spills out of its button {mark.owner}")
            continue
        found += [
            f"{describe(mark)} lies over the button {bid}"
            for bid, rect in buttons.items()
            if shrunk(mark.rect).colliderect(rect)
        ]
    free = [m for m in texts if not m.owner]
    found += [
        f"{describe(a)} and {describe(b)} overlap"
        for a, b in itertools.combinations(free, 2)
        if shrunk(a.rect).colliderect(shrunk(b.rect))
    ]
    return found


def shrunk(rect: pygame.Rect) -> pygame.Rect:
    """A drawn area without the logical unit its rounding outwards may have added."""
    return rect.inflate(-2 * SLACK, -2 * SLACK) if rect.w > 2 and rect.h > 2 else rect


def unpainted(c: Canvas) -> list[str]:
    """Texts the record says were drawn but whose area holds one colour only (nothing shows);
    what an overlay (a notice, the simulator panel) covers on purpose is not looked at."""
    found = []
    for i, mark in enumerate(c.marks):
        if mark.kind != "text" or not mark.text.strip() or not (mark.rect.w and mark.rect.h):
            continue
        later = c.marks[i + 1 :]
        if any(m.layer != mark.layer and m.rect.colliderect(mark.rect) for m in later):
            continue  # an overlay drawn over it
        real = c.real(mark.rect).clip(c.surface.get_rect())
        if real.w < 2 or real.h < 2:
            found.append(f"{describe(mark)} has no room on screen")
            continue
        area = c.surface.subsurface(real)
        ground = area.get_at((0, 0))
        same = pygame.mask.from_threshold(area, ground, (6, 6, 6, 255)).count()
        if same == real.w * real.h:
            found.append(f"{describe(mark)} left no ink on screen")
    return found


def describe(mark: Mark) -> str:
    what = f"'{mark.text[:40]}'" if mark.text else ""
    owner = f" in {mark.owner}" if mark.owner else ""
    return f"{mark.kind} {what}{owner} at {tuple(mark.rect)}".replace("  ", " ")
