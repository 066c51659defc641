"""Journal fixtures: a real journal file in a temp dir, with clock inputs a test can move."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.stop import Stop

WORKSHOP = {
    "id": "reactiespel",
    "version": "1.0",
    "title": {"nl": "Reactiespel", "en": "Reaction game"},
    "typical_age_range": "10-14",
}
STOP = Stop("Bibliotheek Maldegem", "library", "Maldegem", "9990")
T0 = 1_770_903_005.0  # 2026-02-12T13:30:05Z


@dataclass
class Machine:
    """The clock inputs of one simulated Pi: wall time, boot time, sync state, boot id."""

    wall: float = T0
    mono: float = 100.0
    synced: bool = True
    boot: str = "boot-1"

    def clock(self) -> Clock:
        return Clock(
            wall=lambda: self.wall,
            mono=lambda: self.mono,
            synchronised=lambda: self.synced,
            boot=lambda: self.boot,
            recheck_s=0,
        )

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds

    def reboot(self, boot: str, wall: float) -> None:
        """Power cycle: a new boot id, boot time from ~0, the wall clock wherever it lands."""
        self.boot, self.mono, self.wall = boot, 5.0, wall


@pytest.fixture
def machine() -> Machine:
    return Machine()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def journal(data_dir, machine):
    with Journal.open(data_dir, kiosk_id="mobilab-test-1", clock=machine.clock()) as j:
        yield j


@pytest.fixture
def session(journal) -> str:
    return journal.start_session(WORKSHOP, STOP)
