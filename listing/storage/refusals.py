"""The sessions the listing refused, per kiosk, with its reason: written where a snapshot is
rejected, cleared once that session is accepted, so the fleet can say why sessions wait.

Each kiosk keeps its KEPT newest; a refusal of the same session replaces the one before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from listing.db import insert_or_update
from listing.schema import session_refusals

KEPT = 200
DETAIL_MAX = 1000


@dataclass(frozen=True)
class Refusal:
    session_id: str
    revision: int | None
    status: int
    detail: str
    refused_at: str


def record(conn: Connection, kiosk_id: str, refused: Sequence[Refusal]) -> None:
    """Remember these refusals (the newest per session), then forget the oldest beyond KEPT."""
    rows = {
        r.session_id: {
            "kiosk_id": kiosk_id,
            "session_id": r.session_id[:64],
            "revision": r.revision,
            "status": r.status,
            "detail": r.detail[:DETAIL_MAX],
            "refused_at": r.refused_at,
        }
        for r in refused
    }
    if not rows:
        return
    statement = insert_or_update(conn, session_refusals)
    changed = {c: statement.excluded[c] for c in ("revision", "status", "detail", "refused_at")}
    conn.execute(
        statement.on_conflict_do_update(index_elements=["kiosk_id", "session_id"], set_=changed),
        list(rows.values()),
    )
    oldest_kept = conn.scalar(
        select(session_refusals.c.refused_at)
        .where(session_refusals.c.kiosk_id == kiosk_id)
        .order_by(session_refusals.c.refused_at.desc())
        .offset(KEPT - 1)
        .limit(1)
    )
    if oldest_kept is not None:
        conn.execute(
            delete(session_refusals).where(
                session_refusals.c.kiosk_id == kiosk_id,
                session_refusals.c.refused_at < oldest_kept,
            )
        )


def settle(conn: Connection, kiosk_id: str, accepted: Iterable[str]) -> None:
    """These sessions were accepted: their refusals are history."""
    ids = sorted(set(accepted))
    if ids:
        conn.execute(
            delete(session_refusals).where(
                session_refusals.c.kiosk_id == kiosk_id, session_refusals.c.session_id.in_(ids)
            )
        )


def of_kiosk(conn: Connection, kiosk_id: str, offset: int = 0, limit: int = KEPT) -> list[Refusal]:
    """A kiosk's refused sessions, the newest refusal first."""
    query = (
        select(session_refusals)
        .where(session_refusals.c.kiosk_id == kiosk_id)
        .order_by(session_refusals.c.refused_at.desc(), session_refusals.c.session_id)
        .offset(offset)
        .limit(limit)
    )
    return [
        Refusal(r.session_id, r.revision, r.status, r.detail, r.refused_at)
        for r in conn.execute(query)
    ]


def counts(conn: Connection, kiosk_ids: Sequence[str]) -> dict[str, int]:
    """How many refused sessions each of these kiosks has."""
    query = (
        select(session_refusals.c.kiosk_id, func.count())
        .where(session_refusals.c.kiosk_id.in_(list(kiosk_ids)))
        .group_by(session_refusals.c.kiosk_id)
    )
    return dict(conn.execute(query).all())
