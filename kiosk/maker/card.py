"""The printable card of a creation: one A4 page, like a workshop's (kiosk/card.py), to take home.

Its name; what it does, rule by rule in words; the wiring pictures of the devices it uses; its
gpiozero program in a monospaced face (in two columns, smaller, when it is long; cut with a line
saying where the rest is when even that is too long) and how to start it on a Pi.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from devices import wiring
from devices.kitconfig import KitSpec
from kiosk import look
from kiosk.card import GAP, MARGIN, PAGE, PAPER, WIDTH, paragraph
from kiosk.i18n import Catalogue
from kiosk.maker.codegen import file_name, program
from kiosk.maker.codelines import wrapped
from kiosk.maker.rules import Creation, Palette
from kiosk.maker.sentences import device_name, rule_words

BODIES = (24, 21, 18, 16, 14)  # the rules' text, larger first
CODE_PX = (16, 14, 12, 10)  # the program's, larger first; two columns before the next size
FOOTER = 2 * 17 + 8  # how to start it, under everything
PICTURE = wiring.SIZE


@dataclass
class CreationCard:
    surface: pygame.Surface
    cut: bool  # the program did not fit whole: the card says where the rest is
    rules: list[pygame.Rect] = field(default_factory=list)  # each rule's words
    pictures: list[pygame.Rect] = field(default_factory=list)  # each device's wiring
    code: pygame.Rect | None = None  # the program


def render_creation_card(creation: Creation, kit: KitSpec, lang: str = "nl") -> CreationCard:
    """The card at the largest sizes at which its program fits whole on the page."""
    text = Catalogue(lang)
    code = program(creation, kit)
    for body in BODIES:
        page = _Page(creation, kit, text, body)
        top = page.head()
        space = PAGE[1] - MARGIN - FOOTER - top
        fitting = _code_fit(code, space)
        if fitting is not None or body == BODIES[-1]:
            return page.finish(top, code, fitting)
    raise AssertionError("unreachable")


def _code_fit(code: str, space: int) -> tuple[int, int] | None:
    """(px, columns) at which the whole program fits the space, or None."""
    for px in CODE_PX:
        for columns in (1, 2):
            face = look.mono(px)
            cols = _columns_chars(face, columns)
            rows = space // face.get_linesize()
            if -(-len(wrapped(code, cols)) // columns) <= rows:
                return px, columns
    return None


def _columns_chars(face: pygame.font.Font, columns: int) -> int:
    width = (WIDTH - (columns - 1) * GAP) // columns
    return width // face.size("0")[0] - 4  # room for the line numbers


class _Page:
    def __init__(self, creation: Creation, kit: KitSpec, text: Catalogue, body: int):
        self.creation, self.kit, self.text, self.body = creation, kit, text, body
        self.surface = pygame.Surface(PAGE)
        self.surface.fill(PAPER)
        self.regions: dict[str, list[pygame.Rect]] = {"rules": [], "pictures": []}

    def para(self, words: str, x, y, width, size, color=look.INK, bold=False) -> int:
        return paragraph(self.surface, words, x, y, width, size, color, bold)

    def title(self, words: str, y: int) -> int:
        return self.para(words, MARGIN, y, WIDTH, self.body + 6, look.ACCENT, bold=True) + 6

    def head(self) -> int:
        """Name, what it is, its rules, its wiring; the y below them."""
        t = self.text.t
        y = self.para(self.creation.name, MARGIN, MARGIN, WIDTH, 2 * self.body + 8, bold=True)
        y = self.para(t("card.maker.made"), MARGIN, y + 4, WIDTH, self.body, look.MUTED) + 10
        pygame.draw.line(self.surface, look.TILE_EDGE, (MARGIN, y), (PAGE[0] - MARGIN, y), 3)
        y = self.rules(y + GAP)
        return self.pictures(y + GAP // 2)

    def rules(self, y: int) -> int:
        """Every rule in words, numbered; in two columns when one would be too long."""
        y = self.title(self.text.t("card.maker.rules"), y)
        parts = [self.rule_words(rule) for rule in self.creation.rules]
        columns = 2 if len(parts) > 6 else 1
        width = (WIDTH - (columns - 1) * GAP) // columns
        heights = [self.rule(n, words, 0, 0, width, draw=False) for n, words in enumerate(parts)]
        split = len(parts)
        if columns == 2:  # the first column as long as half of all, or just over
            split = next(k for k in range(len(parts) + 1) if sum(heights[:k]) * 2 >= sum(heights))
        bottom = y
        for k, words in enumerate(parts):
            column = 0 if k < split else 1
            if k in (0, split):
                at = y
            x = MARGIN + column * (width + GAP)
            end = self.rule(k, words, x, at, width)
            self.regions["rules"].append(pygame.Rect(x, at, width, end - at))
            at = end + self.body // 3
            bottom = max(bottom, at)
        return bottom

    def rule_words(self, rule) -> tuple[str, str, str]:
        """(when, then, why it does not fit this kit or "")."""
        when, actions = rule_words(rule, self.kit, self.text)
        then = f"{self.text.t('ui.maker.then')} {', '.join(actions)}"
        misfit, why = Palette(self.kit).misfit(rule), ""
        if misfit is not None:
            device = device_name(self.kit, misfit.device, self.text.lang)
            why = self.text.t(f"ui.maker.off.{misfit.key}", device=device)
        return when, then, why

    def rule(self, k: int, words: tuple[str, str, str], x: int, y: int, width: int,
             draw: bool = True) -> int:  # fmt: skip
        """One rule at (x, y), or only measured; the y below it."""
        when, then, why = words
        indent = self.body * 2
        texts = [(when, self.body, look.INK, True), (then, self.body, look.INK, False)]
        texts += [(why, self.body - 2, look.BAD, False)] * bool(why)
        if draw:
            colour = look.BLOCKS[self.creation.rules[k].trigger.block.group]
            self.para(f"{k + 1}.", x, y, indent, self.body, colour, bold=True)
        for text, size, colour, bold in texts:
            if draw:
                y = self.para(text, x + indent, y, width - indent, size, colour, bold)
            else:
                face = look.font(size, bold)
                y += len(look.wrap(text, face, width - indent)) * face.get_linesize()
        return y

    def pictures(self, y: int) -> int:
        names = [n for n in self.creation.devices
                 if n in self.kit.devices and wiring.connections(self.kit.devices[n])]  # fmt: skip
        if not names:
            return y
        y = self.title(self.text.t("card.wiring"), y)
        per_row = max(3, min(4, len(names)))
        width = (WIDTH - (per_row - 1) * GAP) // per_row
        size = (width, width * PICTURE[1] // PICTURE[0])
        for i, name in enumerate(names):
            row, col = divmod(i, per_row)
            at = (MARGIN + col * (width + GAP), y + row * (size[1] + GAP))
            self.surface.blit(wiring.render(self.kit, name, size, self.text.lang), at)
            self.regions["pictures"].append(pygame.Rect(at, size))
            pygame.draw.rect(self.surface, look.TILE_EDGE, pygame.Rect(at, size), 2)
        return y + -(-len(names) // per_row) * (size[1] + GAP)

    def finish(self, top: int, code: str, fitting: tuple[int, int] | None) -> CreationCard:
        """The program under the rest, and how to start it at the foot of the page."""
        t, name = self.text.t, file_name(self.creation)
        y = self.title(t("card.maker.code"), top)
        px, columns = fitting or (CODE_PX[-1], 2)
        face = look.mono(px)
        line_h, advance = face.get_linesize(), face.size("0")[0]
        lines = wrapped(code, _columns_chars(face, columns))
        rows = max(0, (PAGE[1] - MARGIN - FOOTER - y) // line_h)
        if rows == 0:  # no room left for code at all: say where it is, under the title
            y -= line_h
            rows = 1
        cut = len(lines) > rows * columns
        if cut:
            lines = lines[: rows * columns - 1]
        width = (WIDTH - (columns - 1) * GAP) // columns
        for k, (number, code_part, comment) in enumerate(lines):
            column, row = divmod(k, rows)
            x, ly = MARGIN + column * (width + GAP), y + row * line_h
            if number:
                self.mono(str(number).rjust(3), x, ly, face, look.MUTED)
            x += 4 * advance
            self.mono(code_part, x, ly, face, look.INK)
            self.mono(comment, x + len(code_part) * advance, ly, face, look.MUTED)
        if cut:
            k = len(lines)
            x, ly = MARGIN + (k // rows) * (width + GAP), y + (k % rows) * line_h
            self.para(t("card.maker.cut", file=name), x, ly, width, px, look.BAD, bold=True)
        foot = PAGE[1] - MARGIN - FOOTER + 8
        self.para(t("card.maker.run", file=name), MARGIN, foot, WIDTH, self.body - 4, look.MUTED)
        used = min(len(lines) + cut, rows) * line_h
        code_box = pygame.Rect(MARGIN, y, WIDTH, used)
        return CreationCard(self.surface, cut, code=code_box, **self.regions)

    def mono(self, words: str, x: int, y: int, face: pygame.font.Font, colour) -> None:
        if words.strip():
            self.surface.blit(face.render(words, True, colour), (x, y))
