"""The last self-test of the kit, kept in the data dir: the start-up check and `devices check`
write it, the sync process reads it for the status it sends the listing (`kit`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.core.datafile import read_json, write_json

KIT_CHECK_FILE = "kit-check.json"
MAX_DETAIL = 200


def record_kit_check(data_dir: Path, failed: list[tuple[str, str]], when: dt.datetime) -> None:
    """Keep the outcome of a self-test: (device, why) for each device that failed."""
    body = {
        "checked_at": when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "failed": [{"device": d, "detail": why[:MAX_DETAIL]} for d, why in failed],
    }
    write_json(Path(data_dir) / KIT_CHECK_FILE, body)


def last_kit_check(data_dir: Path) -> dict | None:
    """{"checked_at", "failed": [{"device", "detail"}]} of the last self-test, or None."""
    found = read_json(Path(data_dir) / KIT_CHECK_FILE)
    if not isinstance(found, dict) or not isinstance(found.get("checked_at"), str):
        return None
    failed = found.get("failed")
    if not isinstance(failed, list):
        return None
    failed = [
        {"device": str(f.get("device")), "detail": str(f.get("detail"))[:MAX_DETAIL]}
        for f in failed
        if isinstance(f, dict)
    ]
    return {"checked_at": found["checked_at"], "failed": failed}
