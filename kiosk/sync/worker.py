"""The kiosk's background sync: a thread that runs rounds, never touching the UI or blocking it.

The UI reads `worker.progress` (an immutable SyncProgress) each frame and may call request_now().
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from kiosk.sync.once import sync_once
from kiosk.sync.round import CHECKING, DONE, NOT_CONFIGURED, SyncProgress

log = logging.getLogger(__name__)

INTERVAL_S = 300.0  # between rounds when the last one finished
RETRY_S = 60.0  # after a round that ended offline, busy or unfinished


class SyncWorker:
    """`SyncWorker(config, journal_path).start()`; `.progress`; `.request_now()`; `.stop()`."""

    def __init__(
        self,
        config,
        journal_path: Path | None = None,
        *,
        interval_s: float = INTERVAL_S,
        retry_s: float = RETRY_S,
        **round_options,
    ):
        if journal_path is not None:
            config = replace(config, data_dir=Path(journal_path).parent)
        self.config = config
        self.interval_s, self.retry_s = interval_s, retry_s
        self.round_options = round_options
        self._progress = SyncProgress()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="stem-kiosk-sync", daemon=True)
        self.rounds = 0  # finished rounds, for the facilitator screen and tests

    @property
    def progress(self) -> SyncProgress:
        return self._progress

    def start(self) -> SyncWorker:
        self._thread.start()
        return self

    def request_now(self) -> None:
        """Start a round as soon as the current one (if any) ends."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the round to stop at its next step and wait for the thread (idempotent)."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            self._set(replace(self._progress, state=CHECKING, sent=0, message=""))
            try:
                done = sync_once(
                    self.config, report=self._set, stop=self._stopping, **self.round_options
                )
            except Exception as err:  # a bug or a broken journal must not kill the kiosk
                log.exception("sync round failed")
                done = SyncProgress(state="failed", message=f"sync failed: {err}")
                self._set(done)
            self.rounds += 1
            if done.state == NOT_CONFIGURED:
                wait = None  # nothing to do until asked (e.g. after enrolling)
            else:
                wait = self.interval_s if done.state == DONE else self.retry_s
            self._wake.wait(wait)

    def _set(self, progress: SyncProgress) -> None:
        self._progress = progress
