"""Offline-first sync of the journal's sessions to the listing (listing-api.md, v1).

`run_round` does one round; `SyncWorker` runs rounds in the kiosk; `SyncLock` keeps them apart.
"""
