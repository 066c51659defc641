"""The maintenance switch, one row in the database: every process and host sees it at once.

While the row exists kiosk endpoints answer 503 with its Retry-After.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from listing.models.stored import now_text
from listing.schema import maintenance


@dataclass(frozen=True)
class Maintenance:
    retry_after: int  # seconds
    since: str


def current(conn: Connection) -> Maintenance | None:
    row = conn.execute(select(maintenance.c.retry_after, maintenance.c.since)).first()
    return Maintenance(*row) if row else None


def switch_on(conn: Connection, retry_after: int) -> None:
    """Start maintenance, or change the Retry-After of the one under way."""
    conn.execute(delete(maintenance))
    conn.execute(maintenance.insert().values(id=1, retry_after=retry_after, since=now_text()))


def switch_off(conn: Connection) -> bool:
    """End maintenance; False if there was none."""
    return conn.execute(delete(maintenance)).rowcount > 0
