"""The facilitator screen (behind the PIN): sync, the listing's plan and packs, today's sessions,
CSV export, device test, language, leave the kiosk, shut down.

Sync runs in its own worker; this screen only reads its progress and asks it to go now.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess

import pygame

from kiosk.i18n import next_language
from kiosk.journal import JournalError
from kiosk.ui import theme
from kiosk.ui.fleet import plan_line
from kiosk.ui.screen import Screen
from kiosk.ui.usb import export_sessions, export_target
from kiosk.ui.widgets import Button, bar, heading, section_title, text_box

log = logging.getLogger(__name__)
POWEROFF = ["systemctl", "poweroff"]
REFRESH_S = 2.0


class FacilitatorScreen(Screen):
    id = "facilitator"
    idle_ok = False

    def __init__(self, app):
        super().__init__(app)
        self.sessions: list = []
        self.waiting = 0
        self.attention: list = []  # sessions the listing refused, from any day
        self.sync_line = ""
        self.plan_line = ""
        self.refreshed = 0.0

    def enter(self) -> None:
        self.refresh()

    def tick(self, now: float) -> bool:
        if now - self.refreshed < REFRESH_S:
            return False
        before = (self.sync_line, self.plan_line, self.waiting, len(self.sessions),
                  len(self.attention))  # fmt: skip
        self.refresh()
        return before != (self.sync_line, self.plan_line, self.waiting, len(self.sessions),
                          len(self.attention))  # fmt: skip

    def refresh(self) -> None:
        self.refreshed = self.app.clock.now()
        self.plan_line = plan_line(self.app)
        journal = self.app.journal
        if journal is not None:
            try:
                self.sessions = journal.sessions(dt.date.today())
                self.waiting = len(journal.unconfirmed())
                self.attention = [s for s in journal.sessions() if s.attention]
            except JournalError as err:
                self.sync_line = err.message
                return
        sync = self.app.station.sync
        if sync is None:
            self.sync_line = self.app.text.tn("ui.sync.not_configured", self.waiting)
        else:
            p = sync.progress
            self.sync_line = self.t(
                "ui.sync.progress",
                state=self.t(f"ui.sync.state.{p.state}"),
                confirmed=p.confirmed,
                waiting=self.waiting,
            )
        if self.attention:
            self.sync_line += " · " + self.app.text.tn("ui.sync.attention", len(self.attention))

    def build(self) -> list[Button]:
        t, app = self.t, self.app
        sync_now = self.sync_now if app.station.sync is not None else None
        other = next_language(app.text.lang)
        grid = [
            ("facilitator.sync", t("ui.sync.now"), sync_now, "primary"),
            ("facilitator.export", t("ui.facilitator.export"), self.export, ""),
            ("facilitator.devices", t("ui.facilitator.devices"), self.devices, ""),
            ("facilitator.startup", t("ui.facilitator.startup"), self.startup, ""),
            (
                "facilitator.language",
                t("ui.facilitator.language", lang=other.upper()),
                lambda: app.set_language(other),
                "",
            ),
            ("facilitator.leave", t("ui.facilitator.leave"), self.leave_kiosk, ""),
            ("facilitator.poweroff", t("ui.facilitator.poweroff"), self.poweroff, "danger"),
        ]
        buttons = [
            Button(
                bid,
                pygame.Rect(452 + (i % 2) * 170, 84 + (i // 2) * 76, 162, 68),
                text,
                action,
                kind or "normal",
                enabled=action is not None,
                size=16,
            )
            for i, (bid, text, action, kind) in enumerate(grid)
        ]
        return buttons + bar([("facilitator.back", t("ui.facilitator.home"), app.home, "")])

    def draw(self, surface: pygame.Surface) -> None:
        heading(
            surface,
            self.t("ui.facilitator.heading"),
            self.t("ui.facilitator.detail", kiosk=self.app.station.config.kiosk_id),
        )
        box = pygame.Rect(16, 84, 420, 84)
        pygame.draw.rect(surface, theme.TILE, box, border_radius=10)
        section_title(surface, self.t("ui.sync.heading"), pygame.Rect(28, 90, 396, 24), 18)
        text_box(
            surface,
            self.sync_line,
            pygame.Rect(28, 116, 396, 48),
            15,
            theme.INK,
            align="left",
            valign="top",
        )
        section_title(
            surface,
            self.t("ui.facilitator.today", count=len(self.sessions)),
            pygame.Rect(16, 180, 420, 26),
            18,
        )
        lang = self.app.text.lang
        # Sessions the listing refused come first, with its reason; then today's, newest last.
        rows = [(s, True) for s in self.attention]
        rows += [(s, False) for s in self.sessions[-6:] if not s.attention]
        for i, (s, refused) in enumerate(rows[:4]):
            title = s.workshop_title.get(lang) or s.workshop_title["nl"]
            if refused:
                line, colour = f"! {title} · {s.attention}", theme.BAD
            else:
                when = s.started_at.astimezone().strftime("%H:%M") if s.started_at else ""
                synced = "✓" if s.confirmed_revision >= s.revision else "…"
                status = self.t(f"ui.status.{s.status}")
                line = f"{synced} {when}  {title} · {s.stop_name} · {s.total} · {status}"
                colour = theme.INK
            text_box(
                surface, line, pygame.Rect(16, 210 + i * 30, 420, 28), 15, colour, align="left"
            )
        box = pygame.Rect(16, 332, 420, 70)  # the listing's plan and packs, under the sessions
        pygame.draw.rect(surface, theme.TILE, box, border_radius=10)
        section_title(surface, self.t("ui.plan.heading"), pygame.Rect(28, 336, 396, 22), 16)
        text_box(surface, self.plan_line, pygame.Rect(28, 358, 396, 40), 14, theme.INK,
                 align="left", valign="top")  # fmt: skip

    def shortcuts(self) -> dict[int, str]:
        return {
            pygame.K_y: "facilitator.sync",
            pygame.K_x: "facilitator.export",
            pygame.K_d: "facilitator.devices",
            pygame.K_ESCAPE: "facilitator.back",
        }

    # -- actions -----------------------------------------------------------------------------

    def sync_now(self) -> None:
        self.app.station.sync.request_now()
        self.app.notice(self.t("ui.sync.requested"))

    def export(self) -> None:
        app = self.app
        if app.journal is None:
            app.notice(self.t("ui.journal.closed"))
            return
        try:
            folder = export_target(app.station.config.data_dir)
            path = export_sessions(app.station.config, app.journal, folder)
        except (OSError, JournalError) as err:
            log.exception("export")
            app.notice(self.t("ui.facilitator.export_failed", error=str(err)))
            return
        app.notice(self.t("ui.facilitator.exported", path=str(path)))

    def devices(self) -> None:
        self.app.go("devices", back=self)

    def startup(self) -> None:
        self.app.go("startup")

    def leave_kiosk(self) -> None:
        self.ask(self.t("ui.facilitator.leave_q"), self.app.quit)

    def poweroff(self) -> None:
        self.ask(self.t("ui.facilitator.poweroff_q"), self.do_poweroff)

    def ask(self, question: str, yes) -> None:
        self.app.go("confirm", back=self, question=question, yes=yes)

    def do_poweroff(self) -> None:
        if self.app.simulate:  # a laptop in simulation is never switched off
            self.app.show(self)
            self.app.notice(self.t("ui.facilitator.poweroff_sim"))
            return
        try:
            subprocess.Popen(POWEROFF)
        except OSError as err:
            self.app.show(self)
            self.app.notice(self.t("ui.facilitator.poweroff_failed", error=str(err)))
            return
        self.app.quit()
