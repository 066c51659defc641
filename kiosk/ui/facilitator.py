"""The facilitator screen (behind the PIN): sync, today's sessions, the listing's plan and packs,
CSV export, device test, language, leave the kiosk, shut down.

Sync runs in its own worker; this screen only reads its progress and asks it to go now. Its
state shows as a mark and words; each session as synced (check), waiting (clock) or refused
(warning, first, with the listing's reason).
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
from kiosk.ui.widgets import Button, bar, heading, labelled, section_title

log = logging.getLogger(__name__)
POWEROFF = ["systemctl", "poweroff"]
REFRESH_S = 2.0
GRID = (162, 68)  # a button of the grid on the right (wider in large text)
SYNC_ICONS = {
    "done": "check",
    "attention": "warning",
    "unauthorized": "warning",
    "failed": "cross",
    "not_configured": "info",
}  # the others: under way (clock)


def grid_width(c) -> int:
    return round(GRID[0] * c.text_scale)


class FacilitatorScreen(Screen):
    id = "facilitator"
    idle_ok = False

    def __init__(self, app):
        super().__init__(app)
        self.sessions: list = []
        self.waiting = 0
        self.attention: list = []  # sessions the listing refused, from any day
        self.sync_line = ""
        self.sync_icon = "info"
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
                self.sync_line, self.sync_icon = err.message, "warning"
                return
        sync = self.app.station.sync
        if sync is None:
            self.sync_line = self.app.text.tn("ui.sync.not_configured", self.waiting)
            self.sync_icon = "info"
        else:
            p = sync.progress
            self.sync_icon = SYNC_ICONS.get(p.state, "clock")
            self.sync_line = self.t(
                "ui.sync.progress",
                state=self.t(f"ui.sync.state.{p.state}"),
                confirmed=p.confirmed,
                waiting=self.waiting,
            )
        if self.attention:
            self.sync_line += " · " + self.app.text.tn("ui.sync.attention", len(self.attention))
            self.sync_icon = "warning"

    def build(self, c) -> list[Button]:
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
        w = grid_width(c)
        x = c.width - 16 - 2 * w - 8
        buttons = [
            Button(
                bid,
                pygame.Rect(x + (i % 2) * (w + 8), 84 + (i // 2) * 76, w, GRID[1]),
                text,
                action,
                kind or "normal",
                enabled=action is not None,
                size=16,
            )
            for i, (bid, text, action, kind) in enumerate(grid)
        ]
        return buttons + bar(c, [("facilitator.back", t("ui.facilitator.home"), app.home, "")])

    def draw(self, c) -> None:
        heading(
            c,
            self.t("ui.facilitator.heading"),
            self.t("ui.facilitator.detail", kiosk=self.app.station.config.kiosk_id),
        )
        width = c.width - 16 - 2 * grid_width(c) - 8 - 16 - 16
        title_h = max(26, round(c.line_height(18, True)) + 2)
        line_h = round(2 * c.line_height(15)) + 2
        box = pygame.Rect(16, 84, width, max(84, 6 + title_h + line_h + 6))
        c.rect(theme.TILE, box, radius=10)
        inner = box.inflate(-24, -12)
        section_title(
            c, self.t("ui.sync.heading"), pygame.Rect(inner.x, inner.y, inner.w, title_h), 18
        )
        labelled(
            c,
            self.sync_icon,
            self.sync_line,
            pygame.Rect(inner.x, inner.y + title_h, inner.w, line_h),
            15,
            theme.INK,
            bold=False,
            align="left",
            valign="top",
        )
        y = box.bottom + 12
        section_title(
            c,
            self.t("ui.facilitator.today", count=len(self.sessions)),
            pygame.Rect(16, y, width, title_h),
            18,
        )
        lines = min(3, len(c.fit(self.plan_line, (0, 0, width - 24, 10_000), 14).lines))
        plan_h = 6 + round(c.line_height(16, True)) + round(lines * c.line_height(14)) + 10
        plan = pygame.Rect(16, c.height - theme.BAR_H - 8 - plan_h, width, plan_h)
        self.draw_rows(c, pygame.Rect(16, y + title_h + 4, width, plan.y - 6 - (y + title_h + 4)))
        self.draw_plan(c, plan)

    def draw_plan(self, c, box: pygame.Rect) -> None:
        """The listing's plan and its packs, under the sessions."""
        c.rect(theme.TILE, box, radius=10)
        inner = box.inflate(-24, -12)
        title_h = round(c.line_height(16, True)) + 2
        section_title(c, self.t("ui.plan.heading"), (inner.x, inner.y, inner.w, title_h), 16)
        line = pygame.Rect(inner.x, inner.y + title_h, inner.w, inner.h - title_h)
        c.text(self.plan_line, line, 14, theme.INK, align="left", valign="top")

    def draw_rows(self, c, area: pygame.Rect) -> None:
        """Sessions the listing refused first, with its reason; then today's, newest last. A row
        too long for one line (large text) takes two; as many rows as the area holds."""
        lang = self.app.text.lang
        rows = [(s, True) for s in self.attention]
        rows += [(s, False) for s in self.sessions[-6:] if not s.attention]
        line_h = c.line_height(15)
        y = area.y
        for s, refused in rows[:6]:
            title = s.workshop_title.get(lang) or s.workshop_title["nl"]
            if refused:
                icon, line, colour = "warning", f"{title} · {s.attention}", theme.BAD
            else:
                when = s.started_at.astimezone().strftime("%H:%M") if s.started_at else ""
                icon = "check" if s.confirmed_revision >= s.revision else "clock"
                status = self.t(f"ui.status.{s.status}")
                line = f"{when}  {title} · {s.stop_name} · {s.total} · {status}"
                colour = theme.INK
            room = area.w - round(line_h)  # beside its mark
            lines = min(2, len(c.fit(line, (0, 0, room, 10_000), 15).lines))
            row = pygame.Rect(area.x, y, area.w, max(28, round(lines * line_h) + 6))
            if row.bottom > area.bottom:
                return
            labelled(c, icon, line, row, 15, colour, bold=False, align="left")
            y = row.bottom + 2

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
