"""The printable workshop card: one A4 page (1240x1754 px, 150 dpi) to prepare a workshop with.

Title, ages, time and group; materials (recycled, low-cost); safety; the kit's wiring pictures;
the steps with their tests. Text shrinks, in steps, until the whole card fits on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from devices import wiring
from devices.checks import Check
from devices.kitconfig import KitSpec
from devices.parts import part
from kiosk import look
from kiosk.i18n import Catalogue
from kiosk.workshop_model import AgeRange, Workshop

PAGE = (1240, 1754)  # A4 portrait at 150 dpi
MARGIN = 72  # 12 mm: inside what every printer prints
GAP = 28
WIDTH = PAGE[0] - 2 * MARGIN
BODY = 24  # body text, px (11.5 pt); shrinks to LEAST when a workshop is long
LEAST = 17  # 8 pt: the smallest text a facilitator still reads comfortably
FOOTER_TOP = PAGE[1] - MARGIN - 2 * LEAST  # the steps end above this line
PICTURE = wiring.SIZE  # the wiring pictures' own proportions, at most this big
PAPER = (255, 255, 255)
LOW_COST = (0, 92, 153)
LOW_COST_LIGHT = (214, 234, 248)


@dataclass
class Card:
    surface: pygame.Surface
    body: int  # the body text size it was set in
    steps: list[pygame.Rect] = field(default_factory=list)  # each step's number and text
    bottom: int = 0  # where the last step ends

    @property
    def fits(self) -> bool:
        return self.bottom <= FOOTER_TOP


def render_card(workshop: Workshop, kit: KitSpec, lang: str = "nl") -> Card:
    """The card at the largest body size (BODY down to LEAST) at which it fits on one page;
    steps in two columns when one is not enough. `fits` is False if even that is too long."""
    for columns in (1, 2):
        for body in range(BODY, LEAST - 1, -1):
            card = _Page(workshop, kit, Catalogue(lang), body, columns).draw()
            if card.fits:
                return card
    return card


def paragraph(surface, text, x, y, width, size, color=look.INK, bold=False) -> int:
    """Wrapped text at (x, y) on a page; returns the y below it."""
    font = look.font(size, bold)
    for line in look.wrap(text, font, width):
        surface.blit(font.render(line, True, color), (x, y))
        y += font.get_linesize()
    return y


def group_text(group: AgeRange) -> str:
    if group.high is None:
        return f"{group.low or 1}+"
    return str(group)


def number(x: float, lang: str) -> str:
    """0.8 in English, 0,8 in Dutch."""
    return f"{x:g}".replace(".", ",") if lang == "nl" else f"{x:g}"


def check_text(check: Check, kit: KitSpec, text: Catalogue) -> str:
    """'Test: Afstandssensor meet minder dan 20 cm, 2 s lang' (no live values: it is paper)."""
    device = kit.devices[check.device]
    unit = part(device.type).unit
    threshold = ""
    if check.threshold is not None:
        threshold = f"{number(check.threshold, text.lang)} {unit}".strip()
    what = text.t(f"card.check.{check.condition}", device=device.label.get(text.lang),
                  threshold=threshold)  # fmt: skip
    if check.seconds:
        what = text.t("card.check.seconds", check=what, seconds=number(check.seconds, text.lang))
    return text.t("card.test", check=what)


class _Page:
    """One attempt at laying the card out at one body size."""

    def __init__(self, workshop: Workshop, kit: KitSpec, text: Catalogue, body: int, columns: int):
        self.w, self.kit, self.text, self.body, self.columns = workshop, kit, text, body, columns
        self.lang = text.lang
        self.surface = pygame.Surface(PAGE)
        self.surface.fill(PAPER)

    def draw(self) -> Card:
        y = self.header(MARGIN)
        left = self.materials(MARGIN, y, (WIDTH - GAP) // 2)
        right = self.safety(MARGIN + (WIDTH + GAP) // 2, y, (WIDTH - GAP) // 2)
        y = self.pictures(max(left, right) + GAP)
        card = Card(self.surface, self.body)
        card.bottom = self.steps(y, card.steps)
        self.para(self.text.t("card.footer", id=self.w.id, version=self.w.version),
                  MARGIN, FOOTER_TOP + LEAST, WIDTH, LEAST - 2, look.MUTED)  # fmt: skip
        return card

    # -- text --------------------------------------------------------------------------------

    def para(self, text, x, y, width, size, color=look.INK, bold=False) -> int:
        return paragraph(self.surface, text, x, y, width, size, color, bold)

    def item(self, marker: str, text: str, x, y, width, size, head: str = "") -> int:
        """A list item with a hanging indent: the marker, an optional bold head line, the text."""
        font = look.font(size)
        self.surface.blit(font.render(marker, True, look.INK), (x, y))
        indent = max(font.size(marker)[0] + 8, size)
        if head:
            y = self.para(head, x + indent, y, width - indent, size, bold=True)
        return self.para(text, x + indent, y, width - indent, size)

    def title(self, text: str, y: int, x: int = MARGIN, width: int = WIDTH) -> int:
        return self.para(text, x, y, width, self.body + 6, look.ACCENT, bold=True) + 6

    def tag(self, text: str, right: int, y: int, colours) -> int:
        """A small rounded mark ending at `right`; returns its left edge."""
        font = look.font(self.body - 6, True)
        image = font.render(text, True, colours[0])
        box = pygame.Rect(0, y + 2, image.get_width() + 16, font.get_linesize() + 2)
        box.right = right
        pygame.draw.rect(self.surface, colours[1], box, border_radius=box.h // 2)
        self.surface.blit(image, image.get_rect(center=box.center))
        return box.x

    # -- sections ----------------------------------------------------------------------------

    def header(self, y: int) -> int:
        w, t = self.w, self.text.t
        y = self.para(w.title.get(self.lang), MARGIN, y, WIDTH, 2 * self.body + 8, bold=True)
        y = self.para(w.summary.get(self.lang), MARGIN, y + 4, WIDTH, self.body + 2)
        facts = " · ".join([t("workshop.ages", ages=w.age_range),
                            t("workshop.minutes", minutes=w.duration_min),
                            t("card.group", group=group_text(w.group_size))])  # fmt: skip
        y = self.para(facts, MARGIN, y + 6, WIDTH, self.body, look.MUTED, bold=True) + 10
        pygame.draw.line(self.surface, look.TILE_EDGE, (MARGIN, y), (PAGE[0] - MARGIN, y), 3)
        return y + GAP

    def materials(self, x: int, y: int, width: int) -> int:
        y = self.title(self.text.t("card.materials"), y, x, width)
        for m in self.w.materials:
            name = m.name.get(self.lang)
            name = f"{m.count} × {name}" if m.count > 1 else name
            left = x + width
            if m.low_cost:
                left = self.tag(self.text.t("card.low_cost"), left, y,
                                (LOW_COST, LOW_COST_LIGHT)) - 6  # fmt: skip
            if m.recycled:
                left = self.tag(self.text.t("card.recycled"), left, y,
                                (look.OK, look.OK_LIGHT)) - 6  # fmt: skip
            y = self.item("•", name, x, y, left - x - 8, self.body) + 4
        return y

    def safety(self, x: int, y: int, width: int) -> int:
        inner = width - 2 * 16
        notes = [n.get(self.lang) for n in self.w.safety]
        font = look.font(self.body)
        indent = font.size("•")[0] + 8
        lines = sum(len(look.wrap(n, font, inner - indent)) for n in notes)
        head = look.font(self.body + 6, True).get_linesize() + 6
        box = pygame.Rect(
            x, y, width, 16 + head + lines * font.get_linesize() + 4 * len(notes) + 12
        )
        pygame.draw.rect(self.surface, look.WARN_LIGHT, box, border_radius=12)
        ny = self.para(self.text.t("card.safety"), x + 16, y + 14, inner, self.body + 6,
                       look.WARN, bold=True) + 6  # fmt: skip
        for note in notes:
            ny = self.item("•", note, x + 16, ny, inner, self.body) + 4
        return box.bottom

    def pictures(self, y: int) -> int:
        names = [n for n in self.w.devices if wiring.connections(self.kit.devices[n])]
        if not names:  # built-in parts (the Pi's own thermometer) have no wires to show
            return y
        y = self.title(self.text.t("card.wiring"), y)
        per_row = min(3, len(names))
        scale = self.body / BODY
        width = min(round(PICTURE[0] * 1.4 * scale), (WIDTH - (per_row - 1) * GAP) // per_row)
        size = (width, width * PICTURE[1] // PICTURE[0])
        for i, name in enumerate(names):
            row, col = divmod(i, per_row)
            at = (MARGIN + col * (width + GAP), y + row * (size[1] + GAP))
            self.surface.blit(wiring.render(self.kit, name, size, self.lang), at)
            pygame.draw.rect(self.surface, look.TILE_EDGE, pygame.Rect(at, size), 2)
        rows = -(-len(names) // per_row)
        return y + rows * (size[1] + GAP)

    def steps(self, y: int, regions: list[pygame.Rect]) -> int:
        """The numbered steps, flowing down the columns; returns the lowest y used."""
        y = self.title(self.text.t("card.steps"), y)
        width = (WIDTH - (self.columns - 1) * GAP) // self.columns
        column, top, bottom = 0, y, y
        for n, step in enumerate(self.w.steps, 1):
            image = self.step_image(n, step, width)
            if y + image.get_height() > FOOTER_TOP and y > top and column + 1 < self.columns:
                column, y = column + 1, top
            at = (MARGIN + column * (width + GAP), y)
            regions.append(self.surface.blit(image, at))
            bottom = max(bottom, y + image.get_height())
            y += image.get_height() + self.body // 2 + 4
        return bottom

    def step_image(self, n: int, step, width: int) -> pygame.Surface:
        """One step drawn on its own strip of paper (to measure it before placing it)."""
        page = self.surface
        self.surface = pygame.Surface((width, PAGE[1]))
        self.surface.fill(PAPER)
        try:
            height = self.step(n, step, width)
            return self.surface.subsurface((0, 0, width, height)).copy()
        finally:
            self.surface = page

    def step(self, n: int, step, width: int) -> int:
        """Number, title, text, test and choices at the top left; returns the height used."""
        badge = self.body + 14
        pygame.draw.circle(self.surface, look.ACCENT, (badge // 2, badge // 2), badge // 2)
        number = look.font(self.body, True).render(str(n), True, look.ACCENT_INK)
        self.surface.blit(number, number.get_rect(center=(badge // 2, badge // 2)))
        x, width = badge + 14, width - badge - 14
        y = self.para(step.title.get(self.lang), x, 2, width, self.body + 2, bold=True)
        if step.text.nl:
            y = self.para(step.text.get(self.lang), x, y + 2, width, self.body)
        if step.check:
            y = self.test(step.check, x, y, width)
        if step.variants:
            y = self.para(self.text.t("card.choose"), x, y + 2, width, self.body, look.MUTED)
        for letter, v in zip("abcdefgh", step.variants, strict=False):
            head, body = v.title.get(self.lang), v.text.get(self.lang)
            y = self.item(f"{letter})", body, x, y + 4, width, self.body, head)
            if v.check:
                y = self.test(v.check, x + self.body + 8, y, width - self.body - 8)
        return max(y, badge)

    def test(self, check: Check, x: int, y: int, width: int) -> int:
        return self.para(check_text(check, self.kit, self.text), x, y + 2, width, self.body - 2,
                         look.OK, bold=True)  # fmt: skip
