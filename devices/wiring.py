"""Wiring pictures drawn from the kit file: the 40-pin header, the device's wires, the part.

Pins come from the same KitSpec the Kit uses, so a picture can never disagree with the pins.
"""

from __future__ import annotations

import os
from functools import cache

import pygame

from devices import drawings, pinmap
from devices.kitconfig import DeviceSpec, KitSpec
from devices.parts import part
from devices.parts.base import Terminal
from devices.typeface import font_file

SIZE = (380, 300)  # the size the kiosk's step screen shows it at
PAPER = (255, 255, 255)
INK = (33, 37, 41)
MUTED = (173, 181, 189)
BOARD = (20, 92, 58)
POWER = {"3V3": (240, 140, 0), "5V": (220, 30, 30), "GND": (25, 25, 25)}
WIRES = [(0, 114, 178), (0, 150, 110), (130, 80, 180), (200, 80, 150), (160, 90, 40), (0, 160, 190)]


def _bcm(dev: DeviceSpec, net: str) -> int | None:
    if net.startswith("spi:"):
        role = net[4:]
        if role == "select":
            return pinmap.SPI0["select"][dev.options.get("chip", 0)]
        return pinmap.SPI0[role]
    return dev.pins.get(net)


def _power_pin(label: str, near_row: float, taken_rows: set[int]) -> int:
    """The header pin of a power rail or ground nearest the device's pins, on a row of its own."""
    pins = [board for board, text in pinmap.HEADER.items() if text == label]
    return min(
        pins,
        key=lambda board: ((board - 1) // 2 in taken_rows, abs((board - 1) // 2 - near_row), board),
    )


def connections(dev: DeviceSpec) -> list[tuple[Terminal, int]]:
    """Each terminal of the part with the physical header pin (1-40) its wire goes to."""
    terminals = part(dev.type).terminals
    gpio = {t.net: _bcm(dev, t.net) for t in terminals if _bcm(dev, t.net) is not None}
    rows = [(pinmap.BCM_TO_BOARD[b] - 1) // 2 for b in gpio.values()] or [0]
    near = sum(rows) / len(rows)
    power = {
        net: _power_pin(net, near, set(rows)) for net in {t.net for t in terminals} - set(gpio)
    }
    return [
        (t, pinmap.BCM_TO_BOARD[gpio[t.net]] if t.net in gpio else power[t.net]) for t in terminals
    ]


@cache
def _font(size: int, bold: bool = False) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame.font.Font(font_file(bold), size)


def render(spec: KitSpec, name: str, size: tuple[int, int] = SIZE, lang: str = "nl"):
    """The wiring picture of one device as a pygame Surface (KeyError for an unknown name)."""
    dev = spec.devices[name]
    w, h = size
    s = min(w / SIZE[0], h / SIZE[1])
    surface = pygame.Surface(size)
    surface.fill(PAPER)
    title = _font(round(15 * s), True).render(dev.label.get(lang), True, INK)
    surface.blit(title, (round(8 * s), round(5 * s)))
    top, bottom = 30 * s, h - 8 * s
    pitch = (bottom - top) / 20
    hx = 0.30 * w  # the header's centre line
    pin_xy = {
        board: (hx + (7 if board % 2 == 0 else -7) * s, top + pitch * ((board - 1) // 2 + 0.5))
        for board in pinmap.HEADER
    }
    wired = connections(dev)
    colours = _colours(wired)
    _header(surface, pin_xy, pitch, s, {board: colours[i] for i, (_t, board) in enumerate(wired)})
    body = pygame.Rect(round(0.55 * w), round(top), round(0.45 * w - 6 * s), round(bottom - top))
    ys = _terminal_ys(len(wired), body)
    lanes = _lanes(len(wired), 0.35 * w, 0.44 * w)  # leaves room for a resistor
    # The longest vertical run takes the leftmost lane: crossings then fall near the header,
    # not on a resistor.
    order = sorted(range(len(wired)), key=lambda i: -abs(ys[i] - pin_xy[wired[i][1]][1]))
    used = {board for _t, board in wired}
    for lane_index, i in enumerate(order):
        terminal, board = wired[i]
        start = [pin_xy[board]]
        if board % 2 and board + 1 in used:  # leave the odd pin below its used neighbour
            x, y = pin_xy[board]
            start.append((x + 7 * s, y + pitch / 2))
        _wire(surface, start, lanes[lane_index], (body.x, ys[i]), colours[i], s, terminal)
    gap = round(74 * s) if wired else 0
    art = pygame.Rect(body.x + gap, body.y, body.w - gap, body.h)
    anchors = drawings.draw(surface, dev, art, s, _font)
    for i, (terminal, _board) in enumerate(wired):
        _terminal(surface, (body.x, ys[i]), terminal, colours[i], s, anchors.get(terminal.name))
    return surface


def save_png(spec: KitSpec, name: str, path: str | os.PathLike, size=SIZE) -> None:
    pygame.image.save(render(spec, name, size), os.fspath(path))


def _colours(wired: list[tuple[Terminal, int]]) -> list[tuple[int, int, int]]:
    palette = iter(WIRES)
    return [POWER.get(pinmap.HEADER[board]) or next(palette) for _t, board in wired]


def _header(surface, pin_xy, pitch, s, used: dict[int, tuple]) -> None:
    xs = [x for x, _ in pin_xy.values()]
    ys = [y for _, y in pin_xy.values()]
    pad = pitch * 0.55
    outline = pygame.Rect(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, 0)
    outline.height = round(max(ys) - min(ys) + 2 * pad)
    pygame.draw.rect(surface, BOARD, outline, border_radius=round(3 * s))
    radius = max(2, round(min(pitch * 0.34, 5 * s)))
    small = _font(max(8, round(11 * s)), True)
    for board, (x, y) in pin_xy.items():
        label = pinmap.HEADER[board]
        pygame.draw.circle(surface, POWER.get(label, MUTED), (x, y), radius - 1)
        if board == 1:  # pin 1 is the square pad, as printed on the board
            pygame.draw.rect(surface, (255, 255, 255), _square(x, y, radius), 1)
        if board in used:
            pygame.draw.circle(surface, (255, 255, 255), (x, y), radius + 2)
            pygame.draw.circle(surface, used[board], (x, y), radius)
    # Labels of the used pins to the left, spread so none overlaps, each led to its pin.
    placed = sorted(used, key=lambda board: pin_xy[board][1])
    height = small.get_linesize()
    ys, floor = [], -1e9
    for board in placed:
        floor = max(pin_xy[board][1], floor + height)
        ys.append(floor)
    margin = height / 2 + 3 * s  # the lowest label keeps its descenders on the picture
    shift = max(0.0, ys[-1] + margin - surface.get_height()) if ys else 0.0
    right = outline.left - 6 * s
    for board, y in zip(placed, (y - shift for y in ys), strict=True):
        x, pin_y = pin_xy[board]
        pygame.draw.lines(surface, used[board], False, [(right, y), (right + 3 * s, y), (x, pin_y)])
        text = small.render(f"{pinmap.HEADER[board]} ({board})", True, used[board])
        surface.blit(text, text.get_rect(midright=(right - 2 * s, y)))


def _square(x: float, y: float, r: int) -> pygame.Rect:
    return pygame.Rect(round(x - r - 1), round(y - r - 1), 2 * r + 2, 2 * r + 2)


def _terminal_ys(n: int, body: pygame.Rect) -> list[float]:
    if n == 0:
        return []
    step = min(body.h / n, body.h / 4)
    first = body.centery - step * (n - 1) / 2
    return [first + step * i for i in range(n)]


def _lanes(n: int, left: float, right: float) -> list[float]:
    if n <= 1:
        return [(left + right) / 2] * n
    return [left + (right - left) * i / (n - 1) for i in range(n)]


def _wire(surface, start, lane_x, end, colour, s, terminal: Terminal) -> None:
    width = max(2, round(2.5 * s))
    points = [*start, (lane_x, start[-1][1]), (lane_x, end[1]), end]
    pygame.draw.lines(surface, colour, False, points, width)
    if terminal.resistor:
        drawings.resistor(surface, ((lane_x + end[0]) / 2, end[1]), terminal.resistor, s, _font)


def _terminal(surface, at, terminal: Terminal, colour, s, anchor) -> None:
    """The wire's end, the leg's name, and the leg itself to where it is on the part."""
    x, y = at
    pygame.draw.circle(surface, colour, (x, y), max(3, round(4 * s)))
    text = _font(max(8, round(12 * s)), True).render(terminal.name, True, INK)
    if terminal.divider:
        drawings.divider(surface, (x, y), s, _font)
        x += 50 * s
    box = surface.blit(text, text.get_rect(midleft=(x + 7 * s, y)))
    if anchor is not None:
        start = (box.right + 3 * s, y)
        bend = (max(start[0], anchor[0] - 6 * s), y)
        pygame.draw.lines(surface, drawings.LEG, False, [start, bend, anchor], max(1, round(s)))
