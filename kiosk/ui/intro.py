"""Workshop intro: materials (recycled ones marked), safety notes, devices with a live mark, Start.

Start opens a session in the journal; a device that is not connected never blocks it.
"""

from __future__ import annotations

import pygame

from kiosk.ui import theme
from kiosk.ui.labels import device_label
from kiosk.ui.screen import Screen
from kiosk.ui.session import Session, safely
from kiosk.ui.widgets import Button, bar, chip, heading, section_title, text_box
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

    def build(self) -> list[Button]:
        sim = self.toggle_panel if self.missing and self.app.panel else None
        items = [("intro.back", self.t("ui.back"), self.back, "")]
        if sim:
            items.append(("intro.simulator", self.t("ui.intro.simulator"), sim, ""))
        items.append(("intro.start", self.t("ui.intro.start"), self.start, "primary"))
        return bar(items)

    def draw(self, surface: pygame.Surface) -> None:
        w, lang = self.workshop, self.app.text.lang
        ages = self.t("workshop.ages", ages=w.age_range)
        minutes = self.t("workshop.minutes", minutes=w.duration_min)
        heading(surface, w.title.get(lang), f"{ages} · {minutes} · {w.summary.get(lang)}")
        left = pygame.Rect(16, 84, 370, 320)
        section_title(
            surface, self.t("ui.intro.materials"), pygame.Rect(left.x, left.y, left.w, 26), 20
        )
        y = left.y + 32
        for m in w.materials[:9]:
            name = f"{m.count} × {m.name.get(lang)}" if m.count > 1 else m.name.get(lang)
            text_box(
                surface,
                f"• {name}",
                pygame.Rect(left.x, y, 250 if m.recycled else left.w, 30),
                17,
                theme.INK,
                align="left",
            )
            if m.recycled:
                chip(
                    surface,
                    self.t("ui.intro.recycled"),
                    pygame.Rect(left.x + 254, y + 2, 116, 26),
                    True,
                )
            y += 32
        self.draw_devices(surface, pygame.Rect(404, 84, 380, 150))
        self.draw_safety(surface, pygame.Rect(404, 240, 380, 160))

    def draw_devices(self, surface, box: pygame.Rect) -> None:
        section_title(surface, self.t("ui.intro.devices"), pygame.Rect(box.x, box.y, box.w, 26), 20)
        y = box.y + 32
        for name in self.workshop.devices[:3]:
            ok = self.marks.get(name)
            text_box(
                surface,
                device_label(self.app, name),
                pygame.Rect(box.x, y, 210, 30),
                17,
                theme.INK,
                align="left",
            )
            mark = self.t("ui.device.connected" if ok else "ui.device.missing")
            chip(surface, mark, pygame.Rect(box.x + 214, y + 2, 166, 26), ok)
            y += 34
        if self.missing:
            key = "ui.intro.missing_sim" if self.app.panel else "ui.intro.missing_hint"
            text_box(
                surface,
                self.t(key),
                pygame.Rect(box.x, y, box.w, box.bottom - y + 10),
                14,
                theme.BAD,
                align="left",
                valign="top",
            )

    def draw_safety(self, surface, box: pygame.Rect) -> None:
        pygame.draw.rect(surface, theme.WARN_LIGHT, box, border_radius=10)
        inner = box.inflate(-20, -12)
        text_box(
            surface,
            self.t("ui.intro.safety"),
            pygame.Rect(inner.x, inner.y, inner.w, 26),
            18,
            theme.WARN,
            bold=True,
            align="left",
        )
        notes = "\n".join(f"• {n.get(self.app.text.lang)}" for n in self.workshop.safety)
        text_box(
            surface,
            notes or self.t("ui.intro.no_safety"),
            pygame.Rect(inner.x, inner.y + 30, inner.w, inner.h - 30),
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
