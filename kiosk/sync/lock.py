"""One sync at a time across processes: an exclusive `flock` on a file in the data dir.

The timer's service, `stem-kiosk sync` and the kiosk's background worker all take it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_NAME = "sync.lock"


class SyncBusy(Exception):
    """Another process (or thread) is syncing right now."""


class SyncLock:
    """`with SyncLock(data_dir):` holds the lock or raises SyncBusy at once (never waits)."""

    def __init__(self, data_dir: str | os.PathLike):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Read-only, mode 0644 (less under a strict umask): it holds nothing, and a lock file
        # left by a sync run as another user (root from a shell) must not keep the kiosk out.
        fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise SyncBusy(f"another sync is running (lock {self.path})") from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
