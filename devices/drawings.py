"""Simple pictures of the kit's parts for the wiring pictures: an LED's long leg, a sonar's eyes.

Each part is drawn inside a rectangle at scale `s` and returns where each named leg ends; a
device type names its picture (`Part.picture`), a type without one is drawn as a labelled box.
"""

from __future__ import annotations

import pygame

from devices.parts import part

INK = (33, 37, 41)
METAL = (150, 150, 150)
LEG = (120, 120, 120)
Anchors = dict[str, tuple[float, float]]


def draw(surface, dev, r: pygame.Rect, s: float, font) -> Anchors:
    """Draw the part of `dev` in `r`; the leg name -> point its wire's lead should reach."""
    picture = PICTURES.get(part(dev.type).picture, _box)
    return picture(surface, dev, r, s, font)


def resistor(surface, centre, value: str, s: float, font, vertical: bool = False) -> None:
    """A resistor's beige body, its value written beside it."""
    w, h = round(22 * s), round(8 * s)
    if vertical:
        w, h = h, w
    box = pygame.Rect(0, 0, w, h)
    box.center = (round(centre[0]), round(centre[1]))
    pygame.draw.rect(surface, (222, 196, 150), box, border_radius=round(3 * s))
    pygame.draw.rect(surface, INK, box, 1, border_radius=round(3 * s))
    label = font(max(8, round(10 * s))).render(value, True, INK)
    if vertical:
        surface.blit(label, label.get_rect(midleft=(box.right + 2 * s, box.centery)))
    else:
        surface.blit(label, label.get_rect(midbottom=(box.centerx, box.top - 1)))


def ground(surface, top, s: float) -> None:
    x, y = top
    for i, half in enumerate((7, 4.5, 2)):
        yy = y + i * 3 * s
        pygame.draw.line(surface, INK, (x - half * s, yy), (x + half * s, yy), max(1, round(s)))


def divider(surface, at, s: float, font) -> None:
    """The echo's voltage divider at the GPIO junction: 1 kΩ to the sensor, 2 kΩ to ground."""
    x, y = at
    width = max(2, round(2 * s))
    pygame.draw.line(surface, INK, (x, y), (x + 48 * s, y), width)
    resistor(surface, (x + 30 * s, y), "1kΩ", s, font)
    jx = x + 8 * s
    pygame.draw.line(surface, INK, (jx, y), (jx, y + 30 * s), width)
    resistor(surface, (jx, y + 16 * s), "2kΩ", s, font, vertical=True)
    ground(surface, (jx, y + 30 * s), s)


def _line(surface, a, b, s, colour=LEG) -> None:
    pygame.draw.line(surface, colour, a, b, max(2, round(1.5 * s)))


def _pins_below(surface, board: pygame.Rect, names, s) -> Anchors:
    """Header pins along a module's bottom edge, left to right."""
    anchors = {}
    step = board.w / (len(names) + 1)
    for i, name in enumerate(names):
        x = board.left + step * (i + 1)
        _line(surface, (x, board.bottom), (x, board.bottom + 10 * s), s, METAL)
        anchors[name] = (x, board.bottom + 10 * s)
    return anchors


def _mark(surface, text, at, s, font) -> None:
    label = font(max(8, round(12 * s)), True).render(text, True, INK)
    surface.blit(label, label.get_rect(center=at))


def _dome(surface, base, radius, colour) -> None:
    """An LED lying down: its round head to the right of `base`, legs going left."""
    x, y = base
    pygame.draw.rect(surface, colour, pygame.Rect(x, y - radius, radius, 2 * radius))
    pygame.draw.circle(surface, colour, (x + radius, y), radius)
    pygame.draw.rect(surface, colour, pygame.Rect(x - 3, y - radius - 3, 4, 2 * radius + 6))
    pygame.draw.circle(surface, (255, 255, 255), (x + radius * 1.3, y - radius // 2), radius // 4)


def _legs(surface, base, s, legs) -> Anchors:
    """Legs to the left of a part's base: (name, dy, length) each; returns their ends."""
    x, y = base
    anchors = {}
    for name, dy, length in legs:
        end = (x - length * s, y + dy * s)
        _line(surface, (x, y + dy * s), end, s)
        anchors[name] = end
    return anchors


def _led(surface, dev, r, s, font) -> Anchors:
    base = (r.centerx + 10 * s, r.top + 70 * s)
    anchors = _legs(surface, base, s, (("+", -6, 70), ("−", 6, 45)))  # + is the long leg
    _dome(surface, base, round(16 * s), (220, 40, 40))
    return anchors


def _rgb_led(surface, dev, r, s, font) -> Anchors:
    base = (r.centerx + 10 * s, r.top + 90 * s)
    legs = (("R", -15, 50), ("−", -5, 75), ("G", 5, 50), ("B", 15, 50))  # − is the longest
    anchors = _legs(surface, base, s, legs)
    _dome(surface, base, round(20 * s), (235, 235, 240))
    return anchors


def _button(surface, dev, r, s, font) -> Anchors:
    box = pygame.Rect(0, 0, round(44 * s), round(44 * s))
    box.center = r.center
    ends = {}
    for name, dy in (("1", -1), ("2", 1)):
        for dx in (-1, 1):
            x, y = box.centerx + dx * 16 * s, box.centery + dy * 22 * s
            end = (x, y + dy * 10 * s)
            _line(surface, (x, y), end, s, METAL)
            if dx < 0:
                ends[name] = end
    pygame.draw.rect(surface, (60, 60, 60), box, border_radius=round(4 * s))
    pygame.draw.circle(surface, (30, 30, 30), box.center, round(13 * s))
    return ends


def _buzzer(surface, dev, r, s, font) -> Anchors:
    c = (r.centerx + 20 * s, r.top + 70 * s)
    anchors = _legs(surface, (c[0] - 26 * s, c[1]), s, (("+", -8, 40), ("−", 8, 40)))
    pygame.draw.circle(surface, (30, 30, 30), c, round(26 * s))
    pygame.draw.circle(surface, (80, 80, 80), c, round(5 * s))
    label = font(max(8, round(12 * s)), True).render("+", True, (255, 255, 255))
    surface.blit(label, label.get_rect(center=(c[0] - 14 * s, c[1] - 12 * s)))
    return anchors


def _traffic_lights(surface, dev, r, s, font) -> Anchors:
    box = pygame.Rect(0, 0, round(50 * s), round(100 * s))
    box.midtop = (r.centerx, r.top + 10 * s)
    pygame.draw.rect(surface, (40, 40, 40), box, border_radius=round(6 * s))
    for i, colour in enumerate(((220, 40, 40), (245, 170, 0), (40, 170, 70))):
        pygame.draw.circle(surface, colour, (box.centerx, box.top + (18 + 32 * i) * s), 12 * s)
    return _pins_below(surface, box, ("R", "A", "G", "GND"), s)


def _pir(surface, dev, r, s, font) -> Anchors:
    board = pygame.Rect(0, 0, round(64 * s), round(64 * s))
    board.midtop = (r.centerx, r.top + 30 * s)
    pygame.draw.rect(surface, (20, 110, 60), board, border_radius=round(4 * s))
    pygame.draw.circle(surface, (245, 245, 240), board.center, round(26 * s))
    pygame.draw.circle(surface, (210, 210, 205), board.center, round(26 * s), 2)
    return _pins_below(surface, board, ("VCC", "OUT", "GND"), s)


def _ldr(surface, dev, r, s, font) -> Anchors:
    ldr = (r.centerx, r.top + 40 * s)
    pygame.draw.circle(surface, (235, 200, 120), ldr, 16 * s)
    points = [(ldr[0] - 10 * s + i * 4 * s, ldr[1] + (5 if i % 2 else -5) * s) for i in range(6)]
    pygame.draw.lines(surface, (150, 60, 30), False, points, max(2, round(1.5 * s)))
    top_leg, joint = (ldr[0], ldr[1] - 30 * s), (ldr[0], ldr[1] + 50 * s)
    _line(surface, top_leg, (ldr[0], ldr[1] - 16 * s), s)
    _line(surface, (ldr[0], ldr[1] + 16 * s), joint, s)
    cap = pygame.Rect(0, 0, round(26 * s), round(36 * s))
    cap.midtop = (round(joint[0]), round(joint[1] + 6 * s))
    _line(surface, joint, cap.midtop, s)
    pygame.draw.rect(surface, (30, 60, 140), cap, border_radius=round(5 * s))
    stripe = pygame.Rect(cap.left, cap.bottom - round(8 * s), cap.w, round(5 * s))
    pygame.draw.rect(surface, (200, 200, 210), stripe)  # the − side of the capacitor
    minus = (cap.centerx, cap.bottom + 14 * s)
    _line(surface, cap.midbottom, minus, s)
    return {"LDR": top_leg, "LDR C+": joint, "C−": minus}


def _sonar(surface, dev, r, s, font) -> Anchors:
    board = pygame.Rect(0, 0, round(min(r.w - 8 * s, 110 * s)), round(50 * s))
    board.midtop = (r.centerx, r.top + 4 * s)
    pygame.draw.rect(surface, (20, 90, 170), board, border_radius=round(4 * s))
    for dx in (-0.27, 0.27):
        centre = (board.centerx + dx * board.w, board.centery)
        pygame.draw.circle(surface, METAL, centre, 19 * s)
        pygame.draw.circle(surface, (60, 60, 60), centre, 13 * s)
    return _pins_below(surface, board, ("VCC", "Trig", "Echo", "GND"), s)


def _servo(surface, dev, r, s, font) -> Anchors:
    box = pygame.Rect(0, 0, round(60 * s), round(34 * s))
    box.center = (r.centerx - 8 * s, r.top + 40 * s)
    pygame.draw.rect(surface, (30, 90, 190), box, border_radius=round(3 * s))
    hub = (box.right - 14 * s, box.top - 4 * s)
    arm = ((hub[0] - 22 * s, hub[1]), (hub[0] + 22 * s, hub[1]))
    pygame.draw.line(surface, (245, 245, 245), *arm, round(7 * s))
    pygame.draw.circle(surface, (245, 245, 245), hub, 8 * s)
    anchors = {}
    for i, (name, colour) in enumerate(
        (("S", (240, 140, 0)), ("+", (220, 30, 30)), ("−", (110, 60, 30)))
    ):
        x = box.left + (14 + 8 * i) * s
        end = (x, box.bottom + 60 * s)
        _line(surface, (x, box.bottom), end, s, colour)
        anchors[name] = end
    return anchors


def _adc(surface, dev, r, s, font) -> Anchors:
    chip = pygame.Rect(0, 0, round(30 * s), round(96 * s))
    chip.midtop = (r.left + 30 * s, r.top + 4 * s)
    legs = [chip.top + (10 + 11 * i) * s for i in range(8)]
    for y in legs:
        _line(surface, (chip.left - 6 * s, y), (chip.right + 6 * s, y), s, METAL)
    pygame.draw.rect(surface, (30, 30, 30), chip, border_radius=round(2 * s))
    pygame.draw.circle(surface, (90, 90, 90), chip.midbottom, 5 * s)  # the notch: turned round
    left = ("DGND", "CS", "DIN", "DOUT", "CLK", "AGND", "VREF", "VDD")
    anchors = {name: (chip.left - 6 * s, y) for name, y in zip(left, legs, strict=True)}
    _line(surface, anchors["VREF"], anchors["VDD"], s, INK)
    anchors["VREF VDD"] = anchors["VDD"]
    channel = dev.options.get("channel", 0)
    wiper_leg = (chip.right + 6 * s, legs[7 - channel])  # CH0 is pin 1: bottom right
    pot = (chip.right + 40 * s, chip.bottom + 40 * s)
    pygame.draw.circle(surface, (30, 110, 200), pot, 17 * s)
    pygame.draw.line(surface, (255, 255, 255), pot, (pot[0], pot[1] - 15 * s), max(2, round(3 * s)))
    _line(surface, wiper_leg, (pot[0], wiper_leg[1]), s, (0, 150, 110))
    _line(surface, (pot[0], wiper_leg[1]), (pot[0], pot[1] - 17 * s), s, (0, 150, 110))
    _mark(surface, f"CH{channel}", (wiper_leg[0] + 18 * s, wiper_leg[1] - 8 * s), s * 0.8, font)
    anchors["pot +"] = (pot[0] - 17 * s, pot[1] + 4 * s)
    anchors["pot −"] = (pot[0] - 8 * s, pot[1] + 16 * s)
    return anchors


def _cpu(surface, dev, r, s, font) -> Anchors:
    chip = pygame.Rect(0, 0, round(70 * s), round(70 * s))
    chip.center = r.center
    pygame.draw.rect(surface, (70, 70, 75), chip, border_radius=round(4 * s))
    inner = chip.inflate(round(-18 * s), round(-18 * s))
    pygame.draw.rect(surface, (200, 200, 205), inner, border_radius=round(3 * s))
    _mark(surface, "CPU", chip.center, s, font)
    return {}


def _box(surface, dev, r, s, font) -> Anchors:
    """A part without a picture of its own: a module with its type written on it, pins below."""
    label = font(max(8, round(11 * s)), True).render(dev.type, True, (255, 255, 255))
    width = min(r.w, max(110 * s, label.get_width() + 16 * s))
    board = pygame.Rect(0, 0, round(width), round(50 * s))
    board.midtop = (r.centerx, r.top + 4 * s)
    board.right = min(board.right, surface.get_width() - round(4 * s))
    pygame.draw.rect(surface, (60, 60, 70), board, border_radius=round(4 * s))
    surface.blit(label, label.get_rect(center=board.center))
    return _pins_below(surface, board, [t.name for t in part(dev.type).terminals], s)


PICTURES = {
    "button": _button,
    "led": _led,
    "rgb_led": _rgb_led,
    "buzzer": _buzzer,
    "traffic_lights": _traffic_lights,
    "pir": _pir,
    "ldr": _ldr,
    "sonar": _sonar,
    "servo": _servo,
    "adc": _adc,
    "cpu": _cpu,
}
