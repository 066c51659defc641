"""Workshop intro: the summary, materials (recycled ones marked), devices with a live mark,
safety notes, read aloud, Start.

Start opens a session in the journal; a device that is not connected never blocks it.
"""

from __future__ import annotations

import pygame

from kiosk.i18n import Catalogue
from kiosk.ui import readaloud, theme
from kiosk.ui.labels import device_label
from kiosk.ui.screen import Screen
from kiosk.ui.session import Session, safely
from kiosk.ui.widgets import Button, bar, chip, chip_width, heading, section_title
from kiosk.workshop_model import Workshop

POLL_S = 1.0


def connected(app, name: str) -> bool | None:
    """Whether the kit says a device answers; None when there is no kit at all."""
    if app.kit is None:
        return None
    return bool(app.kit.reading(name).connected)


class IntroScreen(Screen):
    id = "intro"

    def __init__(self, app, workshop: Workshop):
        super().__init__(app)
        self.workshop = workshop
        self.marks: dict[str, bool | None] = {}
        self.polled = 0.0

    def enter(self) -> None:
        self.poll()

    def poll(self) -> bool:
        marks = {name: connected(self.app, name) for name in self.workshop.devices}
        changed, self.marks = marks != self.marks, marks
        return changed

    def device(self, event) -> bool:
        return event.kind in ("connected", "disconnected") and self.poll()

    def tick(self, now: float) -> bool:
        if now - self.polled < POLL_S:
            return False
        self.polled = now
        return self.poll()

    @property
    def missing(self) -> list[str]:
        return [name for name, ok in self.marks.items() if not ok]

    def build(self, c) -> list[Button]:
        sim = self.toggle_panel if self.missing and self.app.panel else None
        items = [("intro.back", self.t("ui.back"), self.back, "")]
        if sim:
            items.append(("intro.simulator", self.t("ui.intro.simulator"), sim, ""))
        items.append(("intro.start", self.t("ui.intro.start"), self.start, "primary"))
        speaker = readaloud.speaker(self, c, f"intro.{self.workshop.id}", self.reading)
        return speaker + bar(c, items)

    def reading(self) -> tuple[str, str]:
        """What the speaker reads: title, summary, materials, safety; in the workshop's language
        on this screen, so the words around it are in that language too."""
        w = self.workshop
        lang = readaloud.spoken(w.title, self.app.text.lang)
        t = Catalogue(lang).t
        parts = [w.title.get(lang), w.summary.get(lang), t("ui.intro.materials")]
        parts += [self.material(m, lang) for m in w.materials]
        parts += [t("ui.intro.safety"), *(n.get(lang) for n in w.safety)]
        return readaloud.sentences(parts), lang

    @staticmethod
    def material(m, lang: str) -> str:
        return f"{m.count} × {m.name.get(lang)}" if m.count > 1 else m.name.get(lang)

    def draw(self, c) -> None:
        w, lang = self.workshop, self.app.text.lang
        ages = self.t("workshop.ages", ages=w.age_range)
        minutes = self.t("workshop.minutes", minutes=w.duration_min)
        heading(c, w.title.get(lang), f"{ages} · {minutes}", readaloud.room(self.app))
        bottom = c.height - theme.BAR_H - 8
        left_w = round((c.width - 48) * 0.492)
        left = pygame.Rect(16, 84, left_w, bottom - 84)
        right = pygame.Rect(left.right + 18, 84, c.width - 16 - left.right - 18, bottom - 84)
        self.draw_materials(c, left)
        devices_bottom = self.draw_devices(c, right)
        self.draw_safety(
            c, pygame.Rect(right.x, devices_bottom + 6, right.w, bottom - devices_bottom - 6)
        )

    def draw_materials(self, c, box: pygame.Rect) -> None:
        w, lang = self.workshop, self.app.text.lang
        summary = w.summary.get(lang)
        lines = min(3, len(c.fit(summary, (0, 0, box.w, 10_000), 17).lines))
        high = round(lines * c.line_height(17)) + 2
        c.text(summary, (box.x, box.y, box.w, high), 17, theme.MUTED, align="left", valign="top")
        y = box.y + high + 8
        title_h = round(c.line_height(20, True)) + 2
        section_title(c, self.t("ui.intro.materials"), pygame.Rect(box.x, y, box.w, title_h), 20)
        y += title_h + 6
        row, line = max(30, round(c.line_height(17)) + 6), c.line_height(17)
        recycled = self.t("ui.intro.recycled")
        tag_w = chip_width(c, recycled, icon=False)
        for i, m in enumerate(w.materials):
            width = box.w - tag_w - 4 if m.recycled else box.w
            text = f"• {self.material(m, lang)}"
            lines = min(2, len(c.fit(text, (0, 0, width, 10_000), 17).lines))  # two if it must
            high = max(row, round(lines * line) + 6)
            if y + high + row + 2 > box.bottom and i < len(w.materials) - 1:
                more = self.t("ui.intro.more", count=len(w.materials) - i)
                c.text(more, pygame.Rect(box.x, y, box.w, row), 17, theme.MUTED, align="left")
                return
            c.text(text, pygame.Rect(box.x, y, width, high), 17, theme.INK, align="left")
            if m.recycled:
                tag = pygame.Rect(box.right - tag_w, y + (high - row) // 2 + 2, tag_w, row - 4)
                chip(c, recycled, tag, True, icon=None)
            y += high + 2

    def draw_devices(self, c, box: pygame.Rect) -> int:
        """The kit's parts this workshop uses, each with its mark; returns where it ended."""
        title_h = round(c.line_height(20, True)) + 2
        section_title(c, self.t("ui.intro.devices"), pygame.Rect(box.x, box.y, box.w, title_h), 20)
        y = box.y + title_h + 6
        words = {
            ok: self.t("ui.device.connected" if ok else "ui.device.missing") for ok in (True, False)
        }
        mark_w = max(chip_width(c, word) for word in words.values())
        row = max(30, round(c.line_height(16, True)) + 8)
        for name in self.workshop.devices[:3]:
            ok = self.marks.get(name)
            c.text(
                device_label(self.app, name),
                pygame.Rect(box.x, y, box.w - mark_w - 4, row),
                17,
                theme.INK,
                align="left",
            )
            chip(c, words[bool(ok)], pygame.Rect(box.right - mark_w, y + 2, mark_w, row - 4), ok)
            y += row + 4
        if self.missing:
            key = "ui.intro.missing_sim" if self.app.panel else "ui.intro.missing_hint"
            high = round(3 * c.line_height(14)) + 2
            c.text(
                self.t(key),
                pygame.Rect(box.x, y, box.w, high),
                14,
                theme.BAD,
                align="left",
                valign="top",
            )
            y += high
        return y

    def draw_safety(self, c, box: pygame.Rect) -> None:
        c.rect(theme.WARN_LIGHT, box, radius=10)
        inner = box.inflate(-20, -12)
        title_h = round(c.line_height(18, True)) + 2
        c.text(
            self.t("ui.intro.safety"),
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            18,
            theme.WARN,
            bold=True,
            align="left",
        )
        notes = "\n".join(f"• {n.get(self.app.text.lang)}" for n in self.workshop.safety)
        c.text(
            notes or self.t("ui.intro.no_safety"),
            pygame.Rect(inner.x, inner.y + title_h + 4, inner.w, inner.h - title_h - 4),
            16,
            theme.INK,
            align="left",
            valign="top",
        )

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_RETURN: "intro.start", pygame.K_s: "intro.start"}

    def back(self) -> None:
        self.app.home()

    def toggle_panel(self) -> None:
        self.app.panel.visible = not self.app.panel.visible

    def start(self) -> None:
        app = self.app
        if app.journal is None:
            app.notice(self.t("ui.journal.closed"))
            return
        if app.session is not None and app.session.workshop.id != self.workshop.id:
            app.notice(self.t("ui.intro.other_open"))
            return
        if app.session is None:
            stop = app.stop or app.station.stop_for(None)
            started: list[Session] = []
            ok = safely(
                app,
                lambda: started.append(
                    Session.start(app.journal, self.workshop, stop, app.clock.now())
                ),
            )
            if not ok:
                return
            app.session = started[0]
        app.go("player", workshop=self.workshop)
