"""Maak het zelf: the creation's "when ... then ..." rules running live on the kit, each saying how
it is doing (and why it cannot run), which outputs it drives now (the last rule to drive one wins),
what the rules show on screen, and the equivalent gpiozero program: beside the rules on a wide
screen, a tap away on the 7" one.

A tap on a rule opens it to change (makerrule); "+ Regel" picks a new one (makerpick); the rules
keep running on every maker screen. Leaving with changes not saved asks first.
"""

from __future__ import annotations

import math

import pygame

from kiosk.maker.bench import Bench
from kiosk.maker.sentences import device_name, output_state, rule_words
from kiosk.maker.store import Store
from kiosk.ui import icons, theme
from kiosk.ui.makercode import CodeView
from kiosk.ui.makerkit import Live, fit_list, with_icons
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import CHIP_SIZE, Button, bar, chip, chip_width, heading, labelled

WIDE = 850  # from this logical width the code stands beside the rules
TOP = 84
GAP = 8
ROW_SIZE = 17
ARROW = 52  # the page and scroll buttons
NARROW = 600  # a rule card narrower than this gives its "Als ..." two lines
SHOWN_W = 220  # the box of what the rules show, at the right of the title line
BAND = 30  # a rule card's band, in the colour of what starts it, with its number
STATES = {"ready": (True, "check"), "busy": (None, "clock"), "off": (False, "cross")}  # chips


class MakerScreen(Live, Screen):
    id = "maker"
    animating = False

    def __init__(self, app, bench: Bench | None = None, devices=None, back: Screen | None = None):
        super().__init__(app)
        if bench is None:
            store = Store(app.station.config.data_dir)
            bench = Bench.fresh(app.kit, store, now=app.clock.now(), devices=devices)
        self.bench, self.back_to = bench, back
        self.showing_code = False
        self.page = 0  # the rules' page
        self.code_top: int | None = None  # the program's first line shown (None: rule 1's)

    # -- layout ------------------------------------------------------------------------------

    def areas(self, c) -> tuple[pygame.Rect | None, pygame.Rect | None]:
        """Where the rules and the code go (None: not shown now)."""
        area = pygame.Rect(16, TOP, c.width - 32, c.height - theme.BAR_H - 8 - TOP)
        if c.width >= WIDE:
            left = (area.w - 12) // 2
            code = pygame.Rect(area.x + left + 12, area.y, area.w - left - 12, area.h)
            return pygame.Rect(area.x, area.y, left, area.h), code
        return (None, area) if self.showing_code else (area, None)

    @staticmethod
    def card_rows(width: int) -> int:
        return 4 if width < NARROW else 3

    def card_height(self, c, width: int) -> int:
        """Rows of words, one of them the state's chip (a little taller)."""
        rows = self.card_rows(width)
        return (rows - 1) * math.ceil(c.line_height(ROW_SIZE)) + chip_height(c) + 10

    def build(self, c) -> list[Button]:
        t, bench = self.t, self.bench
        items = [
            ("maker.back", t("ui.back"), self.done, "", None),
            ("maker.add", t("ui.maker.add"), None if bench.full else self.add, "", "plus"),
        ]
        if c.width < WIDE:
            label = t("ui.maker.rules" if self.showing_code else "ui.maker.code")
            icon = None if self.showing_code else "code"
            items.append(("maker.code", label, self.toggle_code, "", icon))
        items += [
            ("maker.save", t("ui.maker.save"), self.save, "primary", "save"),
            ("maker.list", t("ui.maker.mine"), self.mine, "", "list"),
        ]
        buttons = bar(c, [item[:4] for item in items])
        with_icons(c, buttons, [item[4] for item in items])
        rules, code = self.areas(c)
        if rules is not None:
            buttons += self.cards(c, rules)
        if code is not None:
            view = self.view(c, code)
            column = pygame.Rect(code.right - ARROW, code.y, ARROW, code.h)
            top = view.top(self.code_top)
            buttons += [
                Button("maker.code_up", pygame.Rect(column.x, column.y, ARROW, ARROW), "",
                       self.scroll(-1) if top > 0 else None, icon="up"),
                Button("maker.code_down", pygame.Rect(column.x, column.bottom - ARROW, ARROW,
                       ARROW), "", self.scroll(1) if top < view.last_top else None, icon="down"),
            ]  # fmt: skip
        return buttons

    def view(self, c, code: pygame.Rect) -> CodeView:
        box = pygame.Rect(code.x, code.y, code.w - ARROW - GAP, code.h)
        return CodeView(c, box, self.bench.code, self.code_lines)

    def code_lines(self, first: int, last: int, total: int) -> str:
        return self.t("ui.maker.code_lines", first=first, last=last, total=total)

    def cards(self, c, box: pygame.Rect) -> list[Button]:
        rules, card_h = self.bench.rules, self.card_height(c, box.w)
        per_page = max(1, (box.h + GAP) // (card_h + GAP))
        pages = max(1, -(-len(rules) // per_page))
        page = self.page % pages
        width = box.w if pages == 1 else box.w - ARROW - GAP
        if pages > 1 and self.card_rows(width) != self.card_rows(box.w):
            card_h = self.card_height(c, width)
            per_page = max(1, (box.h + GAP) // (card_h + GAP))
            pages = max(1, -(-len(rules) // per_page))
            page = self.page % pages
        first = page * per_page
        buttons: list[Button] = [
            RuleCard(self, i, pygame.Rect(box.x, box.y + k * (card_h + GAP), width, card_h))
            for k, i in enumerate(range(first, min(len(rules), first + per_page)))
        ]
        if pages > 1:
            x = box.right - ARROW
            buttons += [
                Button("maker.up", pygame.Rect(x, box.y, ARROW, ARROW), "",
                       self.turn(-1) if page > 0 else None, icon="up"),
                Button("maker.down", pygame.Rect(x, box.bottom - ARROW, ARROW, ARROW), "",
                       self.turn(1) if page < pages - 1 else None, icon="down"),
            ]  # fmt: skip
        return buttons

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, c) -> None:
        t, bench = self.t, self.bench
        rules = len(bench.rules)
        state = t("ui.maker.saved" if bench.saved else "ui.maker.not_saved")
        detail = self.app.text.tn("ui.maker.detail", rules) + " · " + state
        shown_w = round(SHOWN_W * c.text_scale)
        heading(c, bench.creation.name, detail, room=shown_w + 8)
        self.draw_shown(c, pygame.Rect(c.width - 16 - shown_w, 6, shown_w, TOP - 12))
        rules_box, code_box = self.areas(c)
        if rules_box is not None and not rules:
            c.text(t("ui.maker.empty"), rules_box.inflate(-24, -24), 20, theme.MUTED)
        if code_box is not None:
            self.view(c, code_box).draw(self.code_top, t("ui.maker.code_title"))

    def draw_shown(self, c, box: pygame.Rect) -> None:
        """What the rules showed last ("show a word or a number"), as a small screen."""
        shown = self.bench.engine.display
        c.rect(theme.NIGHT, box, radius=8)
        label_h = math.ceil(c.line_height(13))
        inner = box.inflate(-16, -8)
        labelled(c, "screen", self.t("ui.maker.shown"), (inner.x, inner.y, inner.w, label_h), 13,
                 theme.NIGHT_INK, bold=False, align="left")  # fmt: skip
        word = shown.text if shown else "—"
        low = pygame.Rect(inner.x, inner.y + label_h, inner.w, inner.h - label_h)
        c.text(word, low, 26, theme.NIGHT_INK, bold=True, least=16)

    def shortcuts(self) -> dict[int, str]:
        keys = {pygame.K_PLUS: "maker.add", pygame.K_KP_PLUS: "maker.add",
                pygame.K_c: "maker.code", pygame.K_s: "maker.save", pygame.K_u: "maker.list",
                pygame.K_PAGEUP: "maker.code_up", pygame.K_PAGEDOWN: "maker.code_down"}  # fmt: skip
        rules = [b.id for b in self.buttons if b.id.startswith("maker.rule.")]
        keys.update({pygame.K_1 + k: bid for k, bid in enumerate(rules[:9])})
        return keys

    # -- actions -----------------------------------------------------------------------------

    def turn(self, step: int):
        def go() -> None:
            self.page += step

        return go

    def scroll(self, step: int):
        def go() -> None:
            canvas = self.app.canvas  # the frame the tap was on
            code = self.areas(canvas)[1] if canvas else None
            if code is not None:
                view = self.view(canvas, code)
                top = view.top(self.code_top) + step * max(1, view.rows - 2)
                self.code_top = max(0, min(top, view.last_top))

        return go

    def toggle_code(self) -> None:
        self.showing_code = not self.showing_code

    def edit(self, index: int) -> None:
        self.app.go("makerrule", bench=self.bench, index=index, back=self)

    def add(self) -> None:
        self.app.go("makerpick", bench=self.bench, index=None, slot="new", back=self)

    def save(self) -> None:
        try:
            creation = self.bench.save()
        except (OSError, ValueError) as err:
            self.app.notice(self.t("ui.maker.save_failed", error=str(err)))
            return
        session = self.app.session
        if session is not None:
            session.creation_saved(creation.name, self.app)
        self.app.notice(self.t("ui.maker.saved_as", name=creation.name))

    def mine(self) -> None:
        self.app.go("makerlist", bench=self.bench, back=self)

    def done(self) -> None:
        """Leave maker mode; with changes not saved, ask first."""
        if not self.bench.changed:
            self.leave_maker()
            return
        question = self.t("ui.maker.leave_unsaved", name=self.bench.creation.name)
        self.app.go("confirm", back=self, question=question, yes=self.leave_maker)

    def leave_maker(self) -> None:
        self.bench.close()
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            self.app.home()


def chip_height(c) -> int:
    return math.ceil(c.line_height(CHIP_SIZE, True)) + 6


class RuleCard(Button):
    """One rule on the maker screen: its number, "Als ...", "dan ...", how it is doing and what
    it drives now (or why it cannot run)."""

    def __init__(self, screen: MakerScreen, index: int, rect: pygame.Rect):
        super().__init__(f"maker.rule.{index}", rect, "", lambda: screen.edit(index))
        self.screen, self.index = screen, index

    def draw(self, c) -> None:
        screen, r, i = self.screen, self.rect, self.index
        bench, text = screen.bench, screen.app.text
        rule, status = bench.rules[i], bench.statuses[i]
        spec = bench.kit.spec
        with c.widget(self.id, r):
            c.rect(theme.TILE, r, radius=10)
            c.rect(theme.TILE_EDGE, r, width=2, radius=10)
            band = pygame.Rect(r.x, r.y, BAND, r.h)
            c.rect(theme.BLOCKS[rule.trigger.block.group], band, radius=10)
            c.rect(
                theme.BLOCKS[rule.trigger.block.group],
                band.inflate(-BAND // 2, 0).move(BAND // 4, 0),
            )
            c.text(str(i + 1), band.inflate(-4, -8), 20, theme.ACCENT_INK, bold=True, valign="top")
            row_h = math.ceil(c.line_height(ROW_SIZE))
            x = band.right + 10
            w = r.right - 10 - x
            when, actions = rule_words(rule, spec, text)
            n = screen.card_rows(r.w)
            two = c.fit(when, (x, 0, w, 2 * row_h), ROW_SIZE, bold=True)
            tall = n == 4 and len(two.lines) > 1  # "Als ..." on two lines
            y = r.y + 5
            high = row_h * (2 if tall else 1)
            c.text(when, (x, y, w, high), ROW_SIZE, theme.INK, bold=True, align="left",
                   valign="top")  # fmt: skip
            y += high
            then = fit_list(c, actions, w, ROW_SIZE, head=screen.t("ui.maker.then"))
            c.text(then, (x, y, w, row_h), ROW_SIZE, theme.INK, align="left")
            state = pygame.Rect(x, y + row_h, w, chip_height(c))
            spare = pygame.Rect(x, state.bottom, w, row_h)  # the fourth row, when "Als" took one
            self.draw_state(c, [state, spare] if n == 4 and not tall else [state], status)

    def draw_state(self, c, rows: list[pygame.Rect], status) -> None:
        """The state chip; beside it (or on the row below, if there is one) why the rule does not
        run, or the outputs it drives now (it was the last to drive them)."""
        screen, t = self.screen, self.screen.t
        bench, lang = screen.bench, screen.app.text.lang
        good, icon = STATES[status.state]
        word = t(f"ui.maker.state.{status.state}")
        row = rows[0]
        width = min(row.w, chip_width(c, word))
        chip(c, word, pygame.Rect(row.x, row.y, width, row.h), good, icon)
        rest = rows[1] if len(rows) > 1 else pygame.Rect(row.x + width + 8, row.y,
                                                          row.w - width - 8, row.h)  # fmt: skip
        spec, size = bench.kit.spec, ROW_SIZE - 2
        if status.state == "off":
            device = device_name(spec, status.device, lang)
            why = t(f"ui.maker.off.{status.key}", device=device)
            c.text(fit_list(c, why.split(), rest.w, size, sep=" "), rest, size, theme.BAD,
                   align="left")  # fmt: skip
            return
        driven = [
            f"{device_name(spec, name, lang)} "
            f"({output_state(spec.devices[name].type, value, screen.app.text)})"
            for name, value in bench.driven(self.index)
        ]
        if driven:
            side = min(rest.h, 20)
            icons.draw(c, "output", (rest.x, rest.centery - side // 2, side, side), theme.OK)
            rest = pygame.Rect(rest.x + side + 4, rest.y, rest.w - side - 4, rest.h)
            line = fit_list(c, driven, rest.w, size, head=t("ui.maker.drives"), bold=True)
            c.text(line, rest, size, theme.OK, bold=True, align="left")
