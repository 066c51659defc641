"""Failed logins counted per bucket ("user:NAME", "address:IP") in a window, in the database.

So the throttle holds across processes; `listing.auth.login` decides what the counts mean.
"""

from __future__ import annotations

from sqlalchemy import Connection, case, delete, select

from listing import db
from listing.schema import login_throttle as throttle


def counts(conn: Connection, buckets: list[str], since: str) -> dict[str, tuple[int, str]]:
    """Failures and window start of each bucket whose window began at or after `since`."""
    rows = conn.execute(
        select(throttle).where(throttle.c.bucket.in_(buckets), throttle.c.window_start >= since)
    )
    return {r.bucket: (r.failures, r.window_start) for r in rows}


def count_failure(conn: Connection, bucket: str, now: str, since: str) -> None:
    """One more failure; a window that began before `since` starts again at `now`."""
    insert = db.insert_or_update(conn, throttle)
    stale = throttle.c.window_start < since
    conn.execute(
        insert.values(bucket=bucket, failures=1, window_start=now).on_conflict_do_update(
            index_elements=[throttle.c.bucket],
            set_={
                "failures": case((stale, 1), else_=throttle.c.failures + 1),
                "window_start": case((stale, now), else_=throttle.c.window_start),
            },
        )
    )


def forget(conn: Connection, bucket: str) -> None:
    conn.execute(delete(throttle).where(throttle.c.bucket == bucket))


def purge(conn: Connection, since: str) -> None:
    """Drop windows that began before `since` (they no longer count)."""
    conn.execute(delete(throttle).where(throttle.c.window_start < since))
