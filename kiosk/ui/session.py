"""The session the kiosk is running: one workshop at one stop, written through to the journal.

Every change goes to the journal first; the UI shows it only once the journal returned.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kiosk.journal import DiskFull, Journal, JournalError
from kiosk.stop import Stop
from kiosk.workshop_model import Workshop

log = logging.getLogger(__name__)


@dataclass
class Session:
    id: str
    workshop: Workshop
    stop: Stop
    started: float  # app clock seconds
    journal: Journal
    steps: set[str] = field(default_factory=set)
    checks: set[str] = field(default_factory=set)
    scores: list[float] = field(default_factory=list)  # reaction times (s), best first
    taps: int = 0  # counts in this run of the screen that undo may take back
    creations: set[str] = field(default_factory=set)  # maker mode's, saved during the session

    @classmethod
    def start(cls, journal: Journal, workshop: Workshop, stop: Stop, now: float) -> Session:
        """Open the session in the journal (raises JournalError)."""
        sid = journal.start_session(workshop.as_json(), stop)
        return cls(sid, workshop, stop, now, journal)

    def attendance(self) -> dict:
        return self.journal.attendance(self.id)

    def count(self, band: str, gender: str | None, returning: bool) -> int:
        """Count one participant; returns the durable new total (raises JournalError)."""
        total = self.journal.count(self.id, band, gender=gender, returning=returning)
        self.taps += 1
        return total

    def undo(self) -> int:
        total = self.journal.undo(self.id)
        self.taps -= 1
        return total

    def step_done(self, step_id: str) -> None:
        if step_id not in self.steps:
            self.journal.record_step(self.id, step_id)
            self.steps.add(step_id)

    def check_passed(self, step_id: str) -> None:
        if step_id not in self.checks:
            self.journal.record_check(self.id, step_id)
            self.checks.add(step_id)

    def creation_saved(self, name: str, app) -> None:
        """A creation of maker mode was saved: the session counts it once (its name and rules
        stay on the kiosk; the journal keeps only the count)."""
        if name.casefold() not in self.creations and safely(
            app, lambda: self.journal.record_creation(self.id)
        ):
            self.creations.add(name.casefold())

    def end(self) -> None:
        self.journal.end_session(self.id)


def safely(app, call) -> bool:
    """Run a journal write; a JournalError becomes a notice on screen (False), never a crash."""
    try:
        call()
        return True
    except JournalError as err:
        log.warning("journal: %s", err.message)
        if isinstance(err, DiskFull):
            app.notice(app.text.t("journal.disk_full"))
        else:
            app.notice(app.text.t("ui.journal.error", message=err.message))
        return False
