"""The start-up check: kit self-test, journal health, clock, sessions waiting to sync, read
aloud (espeak-ng), and the workshops (or kit/tour entries) skipped as invalid, with the
validator's own message.

It moves on to Home by a tap, or by itself after a while when nothing is wrong. What the kit
check found is kept in the data dir (kiosk/core/kitcheck.py) for the status the sync sends.
"""

from __future__ import annotations

import datetime as dt
import logging

import pygame

from kiosk.clock import time_source
from kiosk.core.kitcheck import record_kit_check
from kiosk.journal import JournalError
from kiosk.ui import theme
from kiosk.ui.screen import Screen
from kiosk.ui.widgets import Button, bar, chip, chip_width, heading, section_title

log = logging.getLogger(__name__)
AUTO_CONTINUE_S = 10
RECHECK_S = 1.0
MARKS = {True: "ui.ok", False: "ui.startup.problem", None: "ui.startup.info"}


class StartupScreen(Screen):
    id = "startup"

    def __init__(self, app):
        super().__init__(app)
        self.rows: list[tuple[str, str, bool | None]] = []  # title, detail, good
        self.failed: list[tuple[str, str]] | None = None  # devices failing the check: name, why
        self.problems: list[str] = []
        self.entered = self.checked = 0.0

    def enter(self) -> None:
        self.entered = self.checked = self.app.clock.now()
        self.check()
        self.problems = [str(p) for p in self.app.station.problems]

    def check(self) -> bool:
        """Look again (sensors answer in their own time); True when something changed."""
        rows = [
            self.kit_row(),
            self.journal_row(),
            self.clock_row(),
            self.sync_row(),
            self.speech_row(),
        ]
        changed, self.rows = rows != self.rows, rows
        return changed

    @property
    def all_good(self) -> bool:
        return not self.problems and all(good is not False for _, _, good in self.rows)

    def kit_row(self):
        app = self.app
        if app.kit is None:
            self.keep([("kit", app.station.kit_error or "the kit did not open")])
            return self.t("ui.startup.kit"), app.station.kit_error or "", False
        readings = app.kit.readings()
        missing = [name for name, r in readings.items() if not r.connected]
        self.keep([(name, f"not connected: {readings[name].reason}") for name in missing])
        detail = self.t(
            "ui.startup.kit_detail",
            factory=app.kit.factory_name,
            ok=len(readings) - len(missing),
            total=len(readings),
        )
        if missing:
            detail += " · " + self.t("ui.startup.kit_missing", names=", ".join(missing))
        return self.t("ui.startup.kit"), detail, not missing

    def keep(self, failed: list[tuple[str, str]]) -> None:
        """Keep the kit check's outcome when it changed (a disk problem is logged, no more)."""
        if failed == self.failed:
            return
        self.failed = failed
        try:
            record_kit_check(self.app.station.config.data_dir, failed, dt.datetime.now(dt.UTC))
        except OSError as err:
            log.warning("cannot keep the kit check: %s", err)

    def journal_row(self):
        journal = self.app.journal
        if journal is None:
            return self.t("ui.startup.journal"), self.app.station.journal_error or "", False
        notes = [self.t(n.key, **n.values) if n.key else n.message for n in journal.notices]
        detail = " ".join(notes) or self.t("ui.startup.journal_ok", path=str(journal.path))
        return self.t("ui.startup.journal"), detail, not notes

    def clock_row(self):
        source = time_source()
        # an unset clock is worth knowing, not a fault: records say so and are corrected later
        return (
            self.t("ui.startup.clock"),
            self.t(f"ui.startup.clock_{source}"),
            (True if source == "ntp" else None),
        )

    def sync_row(self):
        journal, title = self.app.journal, self.t("ui.startup.sync")
        if journal is None:
            return title, "", None
        try:
            waiting = len(journal.unconfirmed())
        except JournalError as err:
            return title, err.message, False
        return title, self.app.text.tn("ui.startup.sync_detail", waiting), None

    def speech_row(self):
        """Read aloud: checked on its own thread since start-up; missing is worth knowing (the
        speaker buttons stay hidden), failing or hanging is a fault."""
        status, title = self.app.voice.status, self.t("ui.startup.speech")
        if status is None:
            return title, self.t("ui.startup.speech_checking"), None
        good = True if status.ok else (None if status.key == "speech.missing" else False)
        return title, self.t(status.key, **status.values), good

    def tick(self, now: float) -> bool:
        if self.all_good and now - self.entered >= AUTO_CONTINUE_S:
            self.app.home()
            return True
        if now - self.checked < RECHECK_S:
            return False
        self.checked = now
        return self.check()

    def build(self, c) -> list[Button]:
        return bar(
            c, [("startup.continue", self.t("ui.startup.continue"), self.app.home, "primary")]
        )

    def draw(self, c) -> None:
        heading(c, self.t("ui.startup.heading"), self.t("ui.startup.detail"))
        marks = [self.t(key) for key in MARKS.values()]
        mark_w = max(chip_width(c, m) for m in marks)
        title_w = round(150 * c.text_scale)
        detail_x = 16 + mark_w + 12 + title_w + 6
        line = c.line_height(15)
        chip_h = round(c.line_height(16, True)) + 6
        y = 84
        for title, detail, good in self.rows:
            width = c.width - 16 - detail_x
            lines = len(c.fit(detail, (0, 0, width, 10_000), 15).lines)
            row_h = max(44, round(min(3, lines) * line) + 4)  # a long path takes more lines
            chip(c, self.t(MARKS[good]), pygame.Rect(16, y + 8, mark_w, chip_h), good)
            section_title(c, title, pygame.Rect(28 + mark_w, y, title_w, 44), 18)
            c.text(detail, pygame.Rect(detail_x, y, width, row_h - 4), 15, theme.INK, align="left")
            y += row_h
        good = not self.problems
        chip(c, self.t(MARKS[good]), pygame.Rect(16, y + 8, mark_w, chip_h), good)
        skipped = self.t("ui.startup.skipped", count=len(self.problems))
        section_title(c, skipped, pygame.Rect(28 + mark_w, y, c.width - 44 - mark_w, 40), 18)
        top = y + 40
        area = pygame.Rect(28 + mark_w, top, c.width - 44 - mark_w, c.height - theme.BAR_H - top)
        self.draw_problems(c, area)

    def draw_problems(self, c, box: pygame.Rect) -> None:
        """As many skipped files as fit, two lines each (one where two never fit); "+N more"
        for the rest."""
        line = c.line_height(13)
        each = 2 * line if box.h >= 2 * line else line
        room = max(1, int(box.h // each))
        shown = self.problems[:room]
        if len(self.problems) > room:
            shown = self.problems[: room - 1]
            shown.append(self.t("ui.startup.more", count=len(self.problems) - len(shown)))
        for i, problem in enumerate(shown):
            area = pygame.Rect(box.x, box.y + round(i * each), box.w, int(each))
            c.text(problem, area, 13, theme.BAD, align="left", valign="top")

    def shortcuts(self) -> dict[int, str]:
        return {pygame.K_RETURN: "startup.continue", pygame.K_SPACE: "startup.continue"}
