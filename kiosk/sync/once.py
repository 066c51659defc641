"""One sync as every starter runs it (CLI, timer, kiosk worker): lock, journal, client, round
(sessions, then the plan, packs and status).

Problems that end it before a round (busy, not configured, bad token file) become a SyncProgress.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.journal import Journal, JournalError
from kiosk.sync.client import ListingClient, NotConfigured, TokenFileError
from kiosk.sync.lock import SyncBusy, SyncLock
from kiosk.sync.round import BUSY, FAILED, NOT_CONFIGURED, Round, SyncProgress


def sync_once(
    config,
    *,
    report: Callable[[SyncProgress], None] = lambda progress: None,
    stop: threading.Event | None = None,
    client_options: dict | None = None,
    **round_options,
) -> SyncProgress:
    """Sync the journal in config.data_dir to config's listing, if no other sync is running."""
    try:
        client = ListingClient.from_config(config, **(client_options or {}))
    except NotConfigured as err:
        return _ended(report, NOT_CONFIGURED, err.message)
    except TokenFileError as err:
        return _ended(report, FAILED, err.message)
    try:
        with (
            SyncLock(config.data_dir),
            Journal.open(config.data_dir, kiosk_id=config.kiosk_id) as j,
        ):
            sync = Round(j, client, config.kiosk_id, report=report, config=config, **round_options)
            if stop is not None:
                sync.stop = stop
            return sync.run()
    except SyncBusy as err:
        return _ended(report, BUSY, str(err))
    except OSError as err:  # the data directory or its lock file cannot be opened
        return _ended(report, FAILED, f"cannot sync: {err}")
    except JournalError as err:  # e.g. the SD card is full: confirmations cannot be written
        return _ended(report, FAILED, f"the journal: {err.message}")
    finally:
        client.close()


def _ended(report, state: str, message: str) -> SyncProgress:
    progress = SyncProgress(state=state, message=message)
    report(progress)
    return progress
