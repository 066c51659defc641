"""`stem-kiosk sync`: send every unconfirmed session to the listing, then reconcile."""

from __future__ import annotations

import argparse
import sys

from kiosk.commands.common import LATER, OK, PROBLEM, USAGE, config_of
from kiosk.logs import setup_logging
from kiosk.sync.once import sync_once
from kiosk.sync.round import (
    ATTENTION,
    BUSY,
    DONE,
    FINAL_STATES,
    NOT_CONFIGURED,
    RETRY_LATER,
    SyncProgress,
)

EXIT_CODES = {DONE: OK, ATTENTION: PROBLEM, RETRY_LATER: LATER, BUSY: LATER, NOT_CONFIGURED: USAGE}
ROUND_OPTIONS: dict = {}  # tests shorten waits here


def sync(args: argparse.Namespace) -> int:
    setup_logging()  # the sync timer runs this under systemd: warnings with their priority
    config = config_of(args)
    done = sync_once(config, report=_Printer(), **ROUND_OPTIONS)
    for session_id, detail in done.attention:
        print(f"needs attention: {session_id}: {detail}")
    if done.state in (DONE, ATTENTION):
        print(done.message)
    else:
        print(f"stem-kiosk: sync: {done.message}", file=sys.stderr)
    return EXIT_CODES.get(done.state, PROBLEM)


class _Printer:
    """Progress lines on stderr while the round runs (one per change of state or count)."""

    def __init__(self):
        self.last: tuple | None = None

    def __call__(self, progress: SyncProgress) -> None:
        key = (progress.state, progress.sent, progress.message)
        if key != self.last and progress.state not in FINAL_STATES:  # those: printed at the end
            self.last = key
            sent = f" ({progress.sent} sent)" if progress.sent else ""
            print(f"sync: {progress.message}{sent}", file=sys.stderr, flush=True)
