"""Offline-first sync of the journal's sessions to the listing (listing-api.md, v1).

`sync_once` runs one locked round (CLI, timer); `SyncWorker` runs rounds in the kiosk.
"""

from kiosk.sync.once import sync_once
from kiosk.sync.round import SyncProgress
from kiosk.sync.worker import SyncWorker

__all__ = ["SyncProgress", "SyncWorker", "sync_once"]
