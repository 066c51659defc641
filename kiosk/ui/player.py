"""The step player (youth-facing): step n of m, big text, the wiring picture, the live check.

The check turns green with a check mark ("Gelukt!") when the hardware meets it; after a while
without success the hint shows ("Lukt het niet?"). The speaker reads the step (the hint first
once it shows); the hint has a speaker of its own under the picture. Steps and passed checks
are written to the journal.

At 800x480 the text, check and hint boxes are kiosk/look.py's, which the content lint measures;
a wider screen widens the text column, a taller one lengthens it.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from devices.checks import CheckMonitor
from kiosk.i18n import Catalogue
from kiosk.ui import pictures, readaloud, theme
from kiosk.ui.screen import Screen
from kiosk.ui.session import safely
from kiosk.ui.widgets import Button, bar, heading, labelled
from kiosk.workshop_model import Step, Workshop

HINT_AFTER_S = 45
POLL_S = 0.1
CHECK_BOX = theme.CHECK_BOX  # at 800x480; `Boxes` places them on any screen
PICTURE_BOX = pygame.Rect(452, 84, 332, 316)
HINT_TOP = theme.HINT_BOX.y  # the hint takes the lower part of the text column


class Boxes:
    """Where the step's parts go on a screen of this size: look.py's boxes at 800x480, the text
    column as wide as the extra width allows, everything as tall as the extra height allows."""

    def __init__(self, c):
        wider, taller = c.width - theme.WIDTH, c.height - theme.HEIGHT
        self.text = theme.STEP_TEXT.inflate(wider, 0).move(wider // 2, 0)
        self.text.h += taller
        self.check = CHECK_BOX.move(0, taller)
        self.check.w = self.text.w
        self.hint = theme.HINT_BOX.move(0, taller)
        self.hint.w = self.text.w
        self.hint_text = theme.HINT_TEXT.move(0, taller)
        self.hint_text.w = self.text.w - 20
        self.picture = PICTURE_BOX.move(wider, 0)
        self.picture.h += taller
        self.below_picture = pygame.Rect(self.picture.x, self.check.y + 6, self.picture.w, 64)


class PlayerScreen(Screen):
    id = "player"

    def __init__(self, app, workshop: Workshop, index: int = 0):
        super().__init__(app)
        self.workshop = workshop
        self.index = index
        self.choice: dict[str, int] = {}  # step id -> chosen variant
        self.monitor: CheckMonitor | None = None
        self.passed = False
        self.hint_shown = False
        self.since = 0.0
        self.polled = 0.0

    @property
    def step(self) -> Step:
        return self.workshop.steps[self.index]

    @property
    def variant(self):
        i = self.choice.get(self.step.id)
        return None if i is None else self.step.variants[i]

    @property
    def check(self):
        if self.step.variants:
            return self.variant.check if self.variant else None
        return self.step.check

    @property
    def hint(self):
        return self.variant.hint if self.variant else self.step.hint

    @property
    def check_id(self) -> str:
        return f"{self.step.id}.{self.variant.id}" if self.variant else self.step.id

    def enter(self) -> None:
        self.arm()

    def arm(self) -> None:
        """Start watching the current step's check (if it has one)."""
        self.passed, self.hint_shown = False, False
        self.since = self.app.clock.now()
        check, kit = self.check, self.app.kit
        self.monitor = None
        if check is not None and kit is not None:
            self.monitor = CheckMonitor(check, kit.spec.devices[check.device].type)
        session = self.app.session
        if session is not None and self.check_id in session.checks:
            self.passed = True

    def device(self, event) -> bool:
        if self.monitor is None or event.device != self.check.device:
            return False
        at = self.app.clock.since(event.at)
        if at < self.since:  # queued before this step was shown: a press then is not for it
            return False
        self.monitor.feed(replace(event, at=at))
        return self.evaluate(self.app.clock.now())

    def tick(self, now: float) -> bool:
        changed = False
        if (
            not self.passed
            and not self.hint_shown
            and self.hint
            and now - self.since > HINT_AFTER_S
        ):
            self.hint_shown = changed = True
        if self.monitor is not None and now - self.polled >= POLL_S:
            self.polled = now
            changed = self.evaluate(now) or changed
        return changed

    def evaluate(self, now: float) -> bool:
        """Feed the live reading; True when what the screen shows changed."""
        if self.monitor is None:
            return False
        before = (self.passed, self.monitor.status)
        self.monitor.update(self.app.kit.reading(self.check.device), now)
        if self.monitor.status.met and not self.passed:
            self.passed = True
            if self.app.session is not None:
                safely(self.app, lambda: self.app.session.check_passed(self.check_id))
        return (self.passed, self.monitor.status) != before

    # -- drawing -----------------------------------------------------------------------------

    def build(self, c) -> list[Button]:
        t, step, boxes = self.t, self.step, Boxes(c)
        buttons = readaloud.speaker(self, c, f"player.{self.index}", self.reading)
        if step.variants and self.variant is None:
            for i, v in enumerate(step.variants[:3]):
                buttons.append(
                    Button(
                        f"player.choice.{v.id}",
                        pygame.Rect(16, 84 + i * 106, c.width - 32, 98),
                        v.title.get(self.app.text.lang),
                        lambda i=i: self.choose(i),
                        detail=v.text.get(self.app.text.lang),
                        size=20,
                    )
                )
        under = []  # the row under the picture
        if step.variants and self.variant is not None:
            under.append(("player.rechoose", t("ui.player.other_choice"), self.rechoose, "normal"))
        if step.maker or (self.variant is not None and self.variant.maker):
            maker = self.open_maker if self.app.kit is not None else None
            under.append(("player.maker", t("ui.player.maker"), maker, "primary"))
        if step.demo is not None:
            under.append(("player.demo", t(f"ui.demo.{step.demo.kind}"), self.open_demo, "primary"))
        buttons += self.row(boxes.below_picture, under)
        if self.check and not self.passed and not self.hint_shown and self.hint:
            box = boxes.check
            buttons.append(
                Button(
                    "player.hint",
                    pygame.Rect(box.right - 150, box.y + 3, 146, 64),
                    t("ui.player.stuck"),
                    self.show_hint,
                    size=16,
                )
            )
        last = self.index == len(self.workshop.steps) - 1
        buttons += bar(
            c,
            [
                ("player.back", t("ui.back"), self.back, ""),
                ("player.count", t("ui.player.count"), self.attendance, ""),
                (
                    "player.next",
                    t("ui.player.finish" if last else "ui.player.next"),
                    self.next,
                    "ok" if self.passed else "primary",
                ),
            ],
        )
        return buttons

    @property
    def hint_aloud(self) -> bool:
        """The hint shows, with a speaker of its own (where speech works)."""
        return self.hint_shown and not self.passed and bool(self.hint) and self.app.voice.ready

    def row(self, box: pygame.Rect, under: list[tuple]) -> list[Button]:
        """The buttons under the picture, side by side in equal parts; the hint's speaker joins
        them beside at most one other (the title's speaker reads the hint first too)."""
        buttons = [Button(id, box, label, action, kind) for id, label, action, kind in under]
        if self.hint_aloud and len(buttons) < 2:
            key = f"player.{self.index}.hint"
            found = readaloud.button(
                self, "player.hint.speak", box, key, self.reading_hint, "ui.speak.hint"
            )
            buttons += [found] if found else []
        if len(buttons) > 1:
            part = (box.w - 8 * (len(buttons) - 1)) // len(buttons)
            for i, b in enumerate(buttons):
                b.rect = pygame.Rect(box.x + i * (part + 8), box.y, part, box.h)
        return buttons

    def reading_hint(self) -> tuple[str, str]:
        lang = readaloud.spoken(self.hint, self.app.text.lang)
        return readaloud.sentences(
            [Catalogue(lang).t("ui.player.stuck"), self.hint.get(lang)]
        ), lang

    def reading(self) -> tuple[str, str]:
        """What the speaker reads: the hint once it shows, then the step (its title and text, or
        every choice); in the workshop's language on this screen."""
        step = self.step
        lang = readaloud.spoken(step.text if step.text.nl else step.title, self.app.text.lang)
        parts = []
        if self.hint_shown and not self.passed and self.hint:
            parts += [Catalogue(lang).t("ui.player.stuck"), self.hint.get(lang)]
        parts.append(step.title.get(lang))
        if step.variants and self.variant is None:
            for v in step.variants:
                parts += [v.title.get(lang), v.text.get(lang)]
        else:
            parts.append((self.variant.text if self.variant else step.text).get(lang))
        return readaloud.sentences(parts), lang

    def draw(self, c) -> None:
        lang, step, boxes = self.app.text.lang, self.step, Boxes(c)
        n, m = self.index + 1, len(self.workshop.steps)
        detail = self.t("ui.player.step", n=n, m=m) + " · " + self.workshop.title.get(lang)
        heading(c, step.title.get(lang), detail, readaloud.room(self.app))
        if not (step.variants and self.variant is None):
            text = self.variant.text.get(lang) if self.variant else step.text.get(lang)
            box = boxes.text.copy()
            if self.hint_shown and not self.passed:
                box.h = boxes.hint.y - 8 - box.y
            c.text(text, box, theme.STEP_TEXT_SIZE, theme.INK, align="left", valign="top")
        self.draw_picture(c, boxes)
        if self.check is not None:
            self.draw_check(c, boxes)

    def draw_picture(self, c, boxes: Boxes) -> None:
        step, box = self.step, boxes.picture.copy()
        if step.demo is not None or step.variants or step.maker or self.hint_aloud:
            box.h = boxes.below_picture.y - 12 - box.y
        image = None
        if step.picture is not None:
            image = pictures.picture(step.picture, c.real_size(box))
        elif step.wiring and self.app.station.spec:
            image = pictures.wiring(
                self.app.station.spec, step.wiring, c.real_size(box), self.app.text.lang
            )
        if image is not None:
            c.rect(theme.TILE, box, radius=10)
            c.picture(image, box)
        elif step.wiring:
            c.text(self.t("ui.player.no_picture"), box, 18, theme.MUTED)

    def draw_check(self, c, boxes: Boxes) -> None:
        box = boxes.check
        if self.passed:
            c.rect(theme.OK, box, radius=12)
            labelled(
                c, "check", self.t("ui.player.passed"), box.inflate(-16, -8), 34, theme.ACCENT_INK
            )
            return
        if self.hint_shown:
            area = boxes.hint
            c.rect(theme.WARN_LIGHT, area, radius=12)
            inner = area.inflate(-20, -14)
            c.text(
                self.t("ui.player.stuck"),
                pygame.Rect(inner.x, inner.y, inner.w, 30),
                theme.HINT_SIZE,
                theme.WARN,
                bold=True,
                align="left",
            )
            c.text(
                self.hint.get(self.app.text.lang),
                boxes.hint_text,
                theme.HINT_SIZE,
                theme.INK,
                align="left",
                valign="top",
            )
            return
        c.rect(theme.DISABLED, box, radius=12)
        room = box.w - 176 if self.hint else box.w - 24
        labelled(
            c,
            "clock",
            self.reason(),
            pygame.Rect(box.x + 12, box.y + 4, room, box.h - 8),
            17,
            theme.MUTED,
            bold=False,
            align="left",
        )

    def reason(self) -> str:
        if self.monitor is None:
            return self.t("ui.device.missing")
        status = self.monitor.status
        try:
            return self.t(status.reason_key, **status.values)
        except (KeyError, IndexError, ValueError):
            return self.t("ui.player.waiting")

    def shortcuts(self) -> dict[int, str]:
        keys = {
            pygame.K_RIGHT: "player.next",
            pygame.K_LEFT: "player.back",
            pygame.K_h: "player.hint",
            pygame.K_d: "player.demo",
            pygame.K_z: "player.maker",
            pygame.K_c: "player.count",
        }
        for i, v in enumerate(self.step.variants[:3]):
            keys[pygame.K_1 + i] = f"player.choice.{v.id}"
        return keys

    # -- actions -----------------------------------------------------------------------------

    def choose(self, i: int) -> None:
        self.choice[self.step.id] = i
        self.arm()

    def rechoose(self) -> None:
        self.choice.pop(self.step.id, None)
        self.arm()

    def show_hint(self) -> None:
        self.hint_shown = True

    def next(self) -> None:
        session = self.app.session
        if session is not None and not safely(self.app, lambda: session.step_done(self.step.id)):
            return
        if self.index == len(self.workshop.steps) - 1:
            self.app.go("end", back=self)
            return
        self.index += 1
        self.arm()

    def back(self) -> None:
        if self.index == 0:
            self.app.home()
            return
        self.index -= 1
        self.arm()

    def attendance(self) -> None:
        self.app.go("attendance", back=self)

    def open_maker(self) -> None:
        """Maak het zelf, with this workshop's devices and a rule made of them to start from."""
        self.app.go("maker", devices=self.workshop.devices, back=self)

    def open_demo(self) -> None:
        demo = self.step.demo
        self.app.go(demo.kind, device=demo.device, back=self)  # a demo's kind is its screen
