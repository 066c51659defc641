"""The kiosk's clock without a real-time clock: wall time, whether it is trustworthy, boot id.

Every journal record carries a `Stamp`; `Clock` takes injectable inputs so tests can play boots.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
TIMESYNC_DIR = Path("/run/systemd/timesync")
SYSTEMD_DIR = Path("/run/systemd/system")  # there while systemd is the init (sd_booted(3))
RECHECK_S = 10.0  # while unsynchronised, ask the system again at most this often

NTP, CORRECTED, UNSYNCED = "ntp", "corrected", "unsynced"


@dataclass(frozen=True)
class Stamp:
    """When something happened: wall time (Unix s), how far to trust it, boot id, boot-time s."""

    wall: float
    source: str
    boot: str
    mono: float


def boot_id() -> str:
    """This boot's id from the kernel (a random one per process if the kernel has none)."""
    try:
        return BOOT_ID_FILE.read_text().strip()
    except OSError:
        return _process_id()


@cache
def _process_id() -> str:
    import uuid  # only without a kernel boot id; uuid loads `platform`, ~2 ms a tap

    return f"process-{uuid.uuid4()}"


def monotonic() -> float:
    """Seconds since boot (CLOCK_BOOTTIME where there is one: it keeps counting in suspend)."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


def system_synchronised() -> bool:
    """Whether the system clock is synchronised (systemd-timesyncd's flag, else timedatectl,
    which answers only where systemd is the init: elsewhere it is not asked, a process saved)."""
    if TIMESYNC_DIR.is_dir():
        return (TIMESYNC_DIR / "synchronized").exists()
    if not SYSTEMD_DIR.is_dir():
        return False
    import subprocess  # only here: a journal opened on every tap of the CLI need not load it

    try:
        out = subprocess.run(
            ["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == "yes"


def time_source() -> str:
    """`ntp` when the system clock is synchronised now, else `unsynced`."""
    return NTP if system_synchronised() else UNSYNCED


class Clock:
    """Stamps for journal records. Once synchronised it stays so for the process's life."""

    def __init__(
        self,
        *,
        wall: Callable[[], float] = time.time,
        mono: Callable[[], float] = monotonic,
        synchronised: Callable[[], bool] = system_synchronised,
        boot: Callable[[], str] = boot_id,
        recheck_s: float = RECHECK_S,
    ):
        self._wall, self._mono, self._synchronised = wall, mono, synchronised
        self.boot = boot()
        self._recheck_s = recheck_s
        self._synced = False
        self._checked_at: float | None = None

    def synchronised(self) -> bool:
        if self._synced:
            return True
        now = self._mono()
        if self._checked_at is None or now - self._checked_at >= self._recheck_s:
            self._checked_at = now
            self._synced = bool(self._synchronised())
        return self._synced

    def now(self) -> Stamp:
        source = NTP if self.synchronised() else UNSYNCED
        return Stamp(self._wall(), source, self.boot, self._mono())
