"""One rule of a creation, block by block: "Als ..." (what starts it), the counter it may wait for,
and what it does, in order (up to 8 things). A tap on a block opens the palette for that place
(makerpick), which offers only blocks that fit there; every change runs at once on the kit.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from kiosk.maker.rules import MAX_ACTIONS, Rule
from kiosk.maker.sentences import condition_words, device_name, part_words
from kiosk.ui import theme
from kiosk.ui.makerkit import BlockButton, Live
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading

TOP = 84
ROW_H = 52  # an action's block (the least touch target is 48)
GAP = 6
LABEL_W = 56  # the word "dan" before the actions
COUNT_W = 240
DROP_W = 60  # an action's bin, with its word


class RuleScreen(Live, Screen):
    id = "makerrule"

    def __init__(self, app, bench, index: int, back: Screen):
        super().__init__(app)
        self.bench, self.index, self.back_to = bench, index, back

    @property
    def rule(self) -> Rule:
        return self.bench.rules[self.index]

    def build(self, c) -> list[Button]:
        t, rule, spec = self.t, self.rule, self.bench.kit.spec
        text = self.app.text
        buttons = bar(
            c,
            [
                ("makerrule.delete", t("ui.maker.rule.delete"), self.delete, "danger"),
                ("makerrule.back", t("ui.maker.rule.done"), self.done, "ok"),
            ],
        )
        buttons[0].icon = "trash"
        count_w = round(COUNT_W * c.text_scale)
        top = pygame.Rect(16, TOP, c.width - 32 - count_w - 8, 56)
        buttons.append(
            BlockButton("makerrule.when", top, part_words(rule.trigger, spec, text),
                        self.pick("when"), rule.trigger.block.group)
        )  # fmt: skip
        buttons.append(
            BlockButton("makerrule.count", (top.right + 8, TOP, count_w, 56),
                        condition_words(rule.count_at_least, text), self.pick("count"),
                        "numbers", size=16)
        )  # fmt: skip
        grid_x = 16 + LABEL_W
        col_w = (c.width - 16 - grid_x - GAP) // 2
        y0 = top.bottom + 8
        rows = max(1, (c.height - theme.BAR_H - 8 - y0 + GAP) // (ROW_H + GAP))
        slots = [*rule.actions, None][:MAX_ACTIONS]
        for k, action in enumerate(slots[: 2 * rows]):
            col, row = divmod(k, rows)
            box = pygame.Rect(grid_x + col * (col_w + GAP), y0 + row * (ROW_H + GAP), col_w, ROW_H)
            if action is None:
                buttons.append(Button("makerrule.add", box, t("ui.maker.rule.add"),
                                      self.pick("add"), size=18, icon="plus"))  # fmt: skip
                continue
            block = pygame.Rect(box.x, box.y, box.w - DROP_W - GAP, box.h)
            drop = self.drop(k) if len(rule.actions) > 1 else None
            buttons += [
                BlockButton(f"makerrule.do.{k}", block, part_words(action, spec, text),
                            self.pick("do", k), action.block.group),
                Button(f"makerrule.drop.{k}", pygame.Rect(block.right + GAP, box.y, DROP_W,
                       box.h), "", drop, icon="trash", detail=t("ui.maker.rule.drop"), pad=4),
            ]  # fmt: skip
        return buttons

    def draw(self, c) -> None:
        status = self.bench.statuses[self.index]
        detail = self.t(f"ui.maker.state.{status.state}")
        if status.state == "off":
            device = device_name(self.bench.kit.spec, status.device, self.app.text.lang)
            detail += ": " + self.t(f"ui.maker.off.{status.key}", device=device)
        else:
            detail += " · " + self.t("ui.maker.rule.tap")
        heading(c, self.t("ui.maker.rule.title", n=self.index + 1), detail)
        y = TOP + 56 + 8
        c.text(self.t("ui.maker.then"), pygame.Rect(16, y, LABEL_W - 6, ROW_H), 20, theme.INK,
               bold=True, align="left")  # fmt: skip

    # -- actions -----------------------------------------------------------------------------

    def pick(self, slot: str, position: int = 0):
        def go() -> None:
            self.app.go("makerpick", bench=self.bench, index=self.index, slot=slot,
                        position=position, back=self)  # fmt: skip

        return go

    def drop(self, k: int):
        def go() -> None:
            actions = tuple(a for i, a in enumerate(self.rule.actions) if i != k)
            self.bench.replace(self.index, replace(self.rule, actions=actions))

        return go

    def delete(self) -> None:
        self.bench.remove(self.index)
        self.app.show(self.back_to)

    def done(self) -> None:
        self.app.show(self.back_to)
