"""The palette: the blocks that fit one place of a rule, grouped by colour and by what they touch
(inputs, outputs, time, numbers, the screen), as MakeCode's toolbox; then the block's value.

Only what the kit's devices allow is offered (kiosk.maker.rules.Palette), so a rule is never
malformed. A new rule takes two picks, what starts it and what it does first; then it opens.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pygame

from kiosk.maker.blocks import COUNT_AT_LEAST, TEXT_MAX, text
from kiosk.maker.rules import Choice, Rule
from kiosk.maker.sentences import block_words, value_words
from kiosk.ui import theme
from kiosk.ui.makerkit import GROUP_ICONS, BlockButton, Live
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

TOP = 84
GAP = 8
GROUP_W = 190
TILE = (250, 56)  # the least size of a block's tile
VALUE = (140, 56)
COUNTS = (None, 1, 2, 3, 4, 5, 10, 20, 50)  # "always", then a counter to reach
WORDS = 8  # words to show, from the catalogue: ui.maker.word.1 ...
QUESTIONS = ("when", "do", "count")  # the title: what is being picked


class PickScreen(Live, Screen):
    id = "makerpick"

    def __init__(self, app, bench, index: int | None, slot: str, back: Screen, position=0):
        super().__init__(app)
        self.bench, self.index, self.slot, self.back_to = bench, index, slot, back
        self.position = position  # the action's place, for slot "do"
        self.trigger = None  # a new rule's trigger, once picked
        self.chosen: Choice | None = None  # the block whose value is being picked
        self.page = 0
        self.group = self.current_group()

    # -- what this place takes ---------------------------------------------------------------

    @property
    def wants_trigger(self) -> bool:
        return self.slot == "when" or (self.slot == "new" and self.trigger is None)

    def choices(self) -> list[Choice]:
        """The blocks that fit here, device by device (a workshop's devices first)."""
        palette, order = self.bench.palette, self.bench.devices
        found = palette.triggers() if self.wants_trigger else palette.actions()
        return sorted(found, key=lambda ch: -1 if ch.device is None else order.index(ch.device))

    def groups(self) -> list[str]:
        found = {c.block.group for c in self.choices()}
        return [group for group in GROUP_ICONS if group in found]

    def current(self):
        """The block now in this place (None for a new one)."""
        if self.index is None or self.slot in ("new", "add", "count"):
            return None
        rule = self.bench.rules[self.index]
        return rule.trigger if self.slot == "when" else rule.actions[self.position]

    def current_group(self) -> str:
        part = self.current()
        groups = self.groups()
        return part.block.group if part is not None else groups[0]

    def values(self) -> list:
        if self.slot == "count":
            return [v for v in COUNTS if v is None or v in COUNT_AT_LEAST]
        if self.chosen.values:
            return list(self.chosen.values)
        words = [self.t(f"ui.maker.word.{n}") for n in range(1, WORDS + 1)]
        part = self.current()
        if part is not None and part.kind == self.chosen.block.kind:
            words.insert(0, part.value)
        return [w for w in dict.fromkeys(words) if _word(w)]

    # -- layout ------------------------------------------------------------------------------

    def build(self, c) -> list[Button]:
        buttons = bar(c, [("makerpick.back", self.t("ui.back"), self.back, "")])
        area = pygame.Rect(16, TOP, c.width - 32, c.height - theme.BAR_H - 8 - TOP)
        if self.slot == "count" or self.chosen is not None:
            return buttons + self.value_tiles(c, area)
        group_w = round(GROUP_W * c.text_scale)
        y = area.y
        for group in self.groups():
            kind = "selected" if group == self.group else "normal"
            box = pygame.Rect(area.x, y, group_w, 60)
            buttons.append(BlockButton(f"makerpick.group.{group}", box,
                                       self.t(f"ui.maker.group.{group}"),
                                       self.show_group(group), group, kind=kind))  # fmt: skip
            y += 60 + GAP
        tiles = pygame.Rect(area.x + group_w + 12, area.y, area.w - group_w - 12, area.h)
        shown = [ch for ch in self.choices() if ch.block.group == self.group]
        return buttons + self.grid(c, tiles, shown, TILE, self.block_tile)

    def grid(self, c, area: pygame.Rect, items: list, least, make) -> list[Button]:
        """As many tiles as the area holds; the last one "more" when they do not all fit."""
        cols = max(1, (area.w + GAP) // (round(least[0] * c.text_scale) + GAP))
        rows = max(1, (area.h + GAP) // (least[1] + GAP))
        per_page = cols * rows
        pages = max(1, math.ceil(len(items) / (per_page - 1))) if len(items) > per_page else 1
        page = self.page % pages
        if pages > 1:
            items = items[page * (per_page - 1) : (page + 1) * (per_page - 1)]
        w, h = (area.w - (cols - 1) * GAP) // cols, least[1]

        def place(i: int) -> pygame.Rect:
            return pygame.Rect(area.x + (i % cols) * (w + GAP), area.y + (i // cols) * (h + GAP),
                               w, h)  # fmt: skip

        tiles = [make(item, place(i)) for i, item in enumerate(items)]
        if pages > 1:
            label = self.t("ui.maker.pick.more", page=page + 1, pages=pages)
            tiles.append(Button("makerpick.more", place(len(items)), label, self.more, size=18))
        return tiles

    def block_tile(self, choice: Choice, box: pygame.Rect) -> Button:
        spec, part = self.bench.kit.spec, self.current()
        label = block_words(choice.block, choice.device, None, spec, self.app.text)
        same = part is not None and (part.kind, part.device) == (choice.block.kind, choice.device)
        return BlockButton(
            f"makerpick.block.{choice.block.kind}.{choice.device or 'none'}", box, label,
            lambda: self.take_block(choice), choice.block.group,
            kind="selected" if same else "normal", size=17,
        )  # fmt: skip

    def value_tiles(self, c, area: pygame.Rect) -> list[Button]:
        part, values = self.current(), self.values()
        now = self.bench.rules[self.index].count_at_least if self.slot == "count" else None
        if part is not None and self.chosen and part.kind == self.chosen.block.kind:
            now = part.value
        group = "numbers" if self.slot == "count" else self.chosen.block.group

        def tile(k_value, box):
            k, value = k_value
            return BlockButton(f"makerpick.value.{k}", box, self.value_label(value),
                               lambda: self.take_value(value), group,
                               kind="selected" if value == now else "normal")  # fmt: skip

        return self.grid(c, area, list(enumerate(values)), VALUE, tile)

    def value_label(self, value) -> str:
        if self.slot == "count":
            return self.t("ui.maker.always") if value is None else str(value)
        return value_words(self.chosen.block, value, self.app.text)

    def draw(self, c) -> None:
        if self.chosen is not None:  # the block, then what to put on its dots
            spec, text = self.bench.kit.spec, self.app.text
            words = block_words(self.chosen.block, self.chosen.device, None, spec, text)
            heading(c, words, self.t("ui.maker.pick.value"))
            return
        heading(c, self.t(f"ui.maker.pick.{self.question()}"), self.t("ui.maker.pick.fits"))

    def question(self) -> str:
        if self.slot == "count":
            return "count"
        return "when" if self.wants_trigger else "do"

    # -- actions -----------------------------------------------------------------------------

    def show_group(self, group: str):
        def go() -> None:
            self.group, self.page = group, 0

        return go

    def more(self) -> None:
        self.page += 1

    def take_block(self, choice: Choice) -> None:
        if len(choice.values) == 1:
            self.take(choice, choice.values[0])
        else:
            self.chosen, self.page = choice, 0

    def take_value(self, value) -> None:
        if self.slot == "count":
            rule = self.bench.rules[self.index]
            self.bench.replace(self.index, replace(rule, count_at_least=value))
            self.app.show(self.back_to)
            return
        self.take(self.chosen, value)

    def take(self, choice: Choice, value) -> None:
        """Put the block in its place: the rule changes (and runs) at once."""
        palette, kind = self.bench.palette, choice.block.kind
        if self.wants_trigger:
            trigger = palette.trigger(kind, choice.device, value)
            if self.slot == "new":  # now what it does first
                self.trigger, self.chosen, self.page = trigger, None, 0
                self.group = self.groups()[0]
                return
            self.bench.replace(self.index, replace(self.bench.rules[self.index], trigger=trigger))
            self.app.show(self.back_to)
            return
        action = palette.action(kind, choice.device, value)
        if self.slot == "new":
            index = self.bench.add(Rule(self.trigger, (action,)))
            self.app.go("makerrule", bench=self.bench, index=index, back=self.back_to)
            return
        rule = self.bench.rules[self.index]
        actions = list(rule.actions)
        if self.slot == "add":
            actions.append(action)
        else:
            actions[self.position] = action
        self.bench.replace(self.index, replace(rule, actions=tuple(actions)))
        self.app.show(self.back_to)

    def back(self) -> None:
        """One pick back: the value to the blocks, a new rule's action to its trigger."""
        if self.chosen is not None:
            self.chosen, self.page = None, 0
        elif self.slot == "new" and self.trigger is not None:
            self.trigger, self.page = None, 0
            self.group = self.groups()[0]
        else:
            self.app.show(self.back_to)


def _word(value) -> bool:
    """A word a block can show (a catalogue's word must fit, or it is left out)."""
    try:
        return bool(text(value)) and len(value) <= TEXT_MAX
    except ValueError:
        return False
