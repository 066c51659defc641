"""Checking a login: throttled per name and per address (counted in the database, so across
processes), and as slow for an unknown name as for a wrong password.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from listing import db
from listing.auth import passwords
from listing.models.stored import parse_utc_text, utc_text
from listing.storage import throttle, users

WINDOW_S = 15 * 60
LIMITS = {"user": 5, "address": 30}  # failures per window before the bucket waits it out


@dataclass(frozen=True)
class Attempt:
    role: str | None  # the person's role when the password was right, else None
    wait: int | None  # seconds to wait before trying again (nothing was checked)


def _buckets(name: str, address: str) -> list[str]:
    return [f"user:{name[:64]}", f"address:{address[:64]}"]


def _wait(found: dict[str, tuple[int, str]], now: float) -> int | None:
    waits = [
        parse_utc_text(start).timestamp() + WINDOW_S - now
        for bucket, (failures, start) in found.items()
        if failures >= LIMITS[bucket.split(":", 1)[0]]
    ]
    return max(1, math.ceil(max(waits))) if waits else None


def attempt(engine: Engine, name: str, password: str, address: str) -> Attempt:
    """Check `password` for `name` from `address`, unless either has failed too often."""
    now = time.time()
    since = utc_text(datetime.fromtimestamp(now - WINDOW_S, UTC))
    buckets = _buckets(name, address)
    with db.read(engine) as conn:
        wait = _wait(throttle.counts(conn, buckets, since), now)
        found = users.credentials(conn, name)
    if wait is not None:
        return Attempt(None, wait)
    right = passwords.verify(password, found[1] if found else None)

    def record(conn) -> None:
        throttle.purge(conn, since)
        if right:
            throttle.forget(conn, buckets[0])
        else:
            for bucket in buckets:
                throttle.count_failure(conn, bucket, utc_text(datetime.now(UTC)), since)

    db.run_write(engine, record)
    return Attempt(found[0] if right and found else None, None)
