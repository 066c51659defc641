"""Request counting in the database, so a limit holds across processes and hosts.

A sliding-window counter per bucket: this minute's hits plus the last minute's, weighted by
how much of it still lies in the 60 s before now. One UPSERT per request, one row per bucket.
"""

from __future__ import annotations

import math

from sqlalchemy import Connection, case

from listing import db
from listing.schema import rate_windows as windows


def estimate(previous: int, hits: int, second: float) -> float:
    """Requests in the last 60 s, `second` seconds into this minute."""
    return previous * (1 - second / 60) + hits


def wait_for(previous: int, hits: int, limit: int, second: float) -> int:
    """Whole seconds until one more request fits under `limit` (hits: this minute's so far)."""
    if hits + 1 <= limit:  # in this minute, once enough of the last one has slid out
        fraction = 1 - (limit - hits - 1) / previous if previous else 0
        wait = fraction * 60 - second
    else:  # next minute, with this one's hits as its "previous"
        fraction = 1 - (limit - 1) / hits if limit > 0 else 1
        wait = 60 - second + max(fraction, 0) * 60
    return max(1, math.ceil(wait))


def hit(conn: Connection, bucket: str, limit: int, now: float) -> int | None:
    """Count one request at `now` (epoch seconds); None if it fits under `limit` a minute, else
    the seconds to wait (Retry-After), and the refused request is not counted."""
    minute, second = divmod(now, 60)
    minute = int(minute)
    insert = db.insert_or_update(conn, windows)
    upsert = (
        insert.values(bucket=bucket, minute=minute, hits=1, previous=0)
        .on_conflict_do_update(
            index_elements=[windows.c.bucket],
            set_={
                "previous": case(
                    (windows.c.minute == minute, windows.c.previous),
                    (windows.c.minute == minute - 1, windows.c.hits),
                    else_=0,
                ),
                "hits": case((windows.c.minute == minute, windows.c.hits + 1), else_=1),
                "minute": minute,
            },
        )
        .returning(windows.c.hits, windows.c.previous)
    )
    hits, previous = conn.execute(upsert).one()
    if estimate(previous, hits, second) <= limit:
        return None
    conn.execute(windows.update().where(windows.c.bucket == bucket).values(hits=windows.c.hits - 1))
    return wait_for(previous, hits - 1, limit, second)
