"""Mijn uitvindingen: the creations kept on this kiosk, to open, copy (remix) or throw away (after a
yes on its own screen); a file that does not load is named with why, and kept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pygame

from kiosk.maker.sentences import device_name
from kiosk.maker.store import slug
from kiosk.ui import theme
from kiosk.ui.makerkit import Live, fit_list
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, heading, labelled

TOP = 84
ROW_H = 64
GAP = 8
ACTIONS = (("open", 120, "primary", None), ("remix", 120, "normal", "copy"),
           ("delete", 110, "danger", "trash"))  # fmt: skip
PROBLEM_SIZE = 15


class CreationsScreen(Live, Screen):
    id = "makerlist"

    def __init__(self, app, bench, back: Screen):
        super().__init__(app)
        self.bench, self.back_to = bench, back
        self.page = 0
        self.creations, self.problems = [], []

    def enter(self) -> None:
        self.creations, self.problems = self.bench.store.load()

    # -- layout ------------------------------------------------------------------------------

    def problems_height(self, c) -> int:
        if not self.problems:
            return 0
        return 2 * math.ceil(c.line_height(PROBLEM_SIZE)) * min(2, len(self.problems)) + 12

    def build(self, c) -> list[Button]:
        t = self.t
        buttons = bar(c, [("makerlist.back", t("ui.back"), self.back, ""),
                          ("makerlist.new", t("ui.maker.list.new"), self.new, "")])  # fmt: skip
        buttons[1].icon = "plus"
        bottom = c.height - theme.BAR_H - 8 - self.problems_height(c)
        area = pygame.Rect(16, TOP, c.width - 32, bottom - TOP)
        per_page = max(1, (area.h + GAP) // (ROW_H + GAP))
        pages = max(1, -(-len(self.creations) // per_page))
        page = self.page % pages
        widths = [round(w * c.text_scale) for _, w, _, _ in ACTIONS]
        right = area.right - (56 + GAP if pages > 1 else 0)
        shown = self.creations[page * per_page : (page + 1) * per_page]
        for k, creation in enumerate(shown):
            y, x = area.y + k * (ROW_H + GAP), right
            key = creation.name
            for (what, _, kind, icon), width in reversed(list(zip(ACTIONS, widths, strict=True))):
                x -= width
                buttons.append(Button(f"makerlist.{what}.{slug(key)}",
                                      pygame.Rect(x, y, width, ROW_H), t(f"ui.maker.list.{what}"),
                                      self.act(what, key), kind, size=18, icon=icon))  # fmt: skip
                x -= GAP
        if pages > 1:
            x = area.right - 56
            buttons += [
                Button("makerlist.up", pygame.Rect(x, area.y, 56, 56), "",
                       self.turn(-1) if page > 0 else None, icon="up"),
                Button("makerlist.down", pygame.Rect(x, area.bottom - 56, 56, 56), "",
                       self.turn(1) if page < pages - 1 else None, icon="down"),
            ]  # fmt: skip
        return buttons

    def draw(self, c) -> None:
        n = len(self.creations)
        heading(c, self.t("ui.maker.list.title"), self.app.text.tn("ui.maker.list.count", n))
        rows = [b for b in self.buttons if b.id.startswith("makerlist.open.")]
        spec, lang = self.bench.kit.spec, self.app.text.lang
        by_slug = {slug(x.name): x for x in self.creations}
        for button in rows:
            creation = by_slug[button.id.removeprefix("makerlist.open.")]
            box = pygame.Rect(16, button.rect.y, button.rect.x - GAP - 16, ROW_H)
            current = creation.name.casefold() == self.bench.creation.name.casefold()
            c.rect(theme.PRESSED if current else theme.TILE, box, radius=10)
            c.rect(theme.ACCENT if current else theme.TILE_EDGE, box, width=2, radius=10)
            inner = box.inflate(-20, -8)
            top = pygame.Rect(inner.x, inner.y, inner.w, inner.h * 11 // 20)
            labelled(c, "check" if current else None, creation.name, top, 20, theme.INK,
                     align="left", valign="bottom")  # fmt: skip
            rules = self.app.text.tn("ui.maker.detail", len(creation.rules)) + " ·"
            devices = [device_name(spec, d, lang) for d in creation.devices]
            detail = fit_list(c, devices, inner.w, 15, head=rules) if devices else rules[:-2]
            low = pygame.Rect(inner.x, top.bottom, inner.w, inner.h - top.h)
            c.text(detail, low, 15, theme.MUTED, align="left", valign="top")
        if not self.creations:
            area = pygame.Rect(16, TOP, c.width - 32, 120)
            c.text(self.t("ui.maker.list.none"), area, 20, theme.MUTED)
        if self.problems:
            self.draw_problems(c)

    def draw_problems(self, c) -> None:
        """Files that did not load: named, with why, and that they are kept."""
        h = self.problems_height(c)
        box = pygame.Rect(16, c.height - theme.BAR_H - 8 - h, c.width - 32, h - 4)
        line = math.ceil(c.line_height(PROBLEM_SIZE))
        y = box.y + 6
        for problem in self.problems[:2]:
            where = f"{Path(problem.path).name}:{problem.line}:{problem.column}"
            text = self.t("ui.maker.list.skipped", file=where, problem=problem.message)
            labelled(c, "warning", text, (box.x, y, box.w, 2 * line), PROBLEM_SIZE, theme.BAD,
                     bold=False, align="left", valign="top")  # fmt: skip
            y += 2 * line
        if len(self.problems) > 2:
            more = self.t("ui.maker.list.more_skipped", n=len(self.problems) - 2)
            c.text(more, (box.x, box.bottom - line, box.w, line), 13, theme.BAD, align="right")

    # -- actions -----------------------------------------------------------------------------

    def turn(self, step: int) -> Callable[[], None]:
        def go() -> None:
            self.page += step

        return go

    def act(self, what: str, name: str) -> Callable[[], None]:
        def go() -> None:
            if what == "delete":
                question = self.t("ui.maker.list.delete_question", name=name)
                self.app.go("confirm", back=self, question=question, yes=lambda: self.delete(name))
            else:
                self.unsaved_first(lambda: self.take(what, name))

        return go

    def unsaved_first(self, then: Callable[[], None]) -> None:
        """What replaces the creation on the bench asks first if that has changes not saved."""
        if not self.bench.changed:
            then()
            return
        question = self.t("ui.maker.leave_unsaved", name=self.bench.creation.name)
        self.app.go("confirm", back=self, question=question, yes=then)

    def take(self, what: str, name: str) -> None:
        if what == "open":
            creation = self.bench.store.get(name)
            if creation is not None:
                self.bench.open(creation)
        elif self.bench.remix(name) is not None:
            self.app.show(self.back_to)
            self.app.notice(self.t("ui.maker.list.remixed", name=self.bench.creation.name))
            return
        self.app.show(self.back_to)

    def delete(self, name: str) -> None:
        self.bench.delete(name)
        self.app.show(self)

    def new(self) -> None:
        self.unsaved_first(self.start_new)

    def start_new(self) -> None:
        self.bench.new()
        self.app.show(self.back_to)

    def back(self) -> None:
        self.app.show(self.back_to)
