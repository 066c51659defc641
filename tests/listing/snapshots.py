"""Valid session snapshots to start tests from (the example of listing-api.md).

`snapshot(**changes)` takes dotted paths: snapshot(**{"attendance.total": 3}).
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

KIOSK = "mobilab-schilde-1"

EXAMPLE: dict[str, Any] = {
    "session_id": "3f2b9c1e-6a0d-4c59-9d7e-0b1f6f4a2c11",
    "kiosk_id": KIOSK,
    "revision": 4,
    "status": "closed",
    "workshop": {
        "id": "reactiespel",
        "version": "1.0",
        "title": {"nl": "Reactiespel", "en": "Reaction game"},
        "typical_age_range": "10-14",
    },
    "stop": {
        "name": "Bibliotheek Maldegem",
        "venue_type": "library",
        "municipality": "Maldegem",
        "postcode": "9990",
    },
    "started_at": "2026-02-12T13:30:05Z",
    "ended_at": "2026-02-12T15:02:40Z",
    "time_source": "ntp",
    "attendance": {
        "total": 14,
        "age_bands": {"0-9": 0, "10-13": 5, "14-17": 7, "18-": 1, "unknown": 1},
        "gender": {"girl": 6, "boy": 7, "x": 0, "unstated": 1},
        "returning": 3,
    },
    "progress": {"steps": 8, "checks_passed": 23},
}

_DELETE = object()


def snapshot(new_id: bool = False, **changes: Any) -> dict[str, Any]:
    """A copy of the example; dotted keys change nested fields, DELETE removes them."""
    snap = copy.deepcopy(EXAMPLE)
    if new_id:
        snap["session_id"] = str(uuid.uuid4())
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = snap
        for part in parents:
            target = target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return snap


DELETE = _DELETE


def sized(total: int) -> dict[str, Any]:
    """Attendance with `total` participants, all 14-17, no gender breakdown."""
    return {
        "total": total,
        "age_bands": {"0-9": 0, "10-13": 0, "14-17": total, "18-": 0, "unknown": 0},
    }
