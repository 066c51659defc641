"""Kiosks and admin tokens: only sha256 hashes of tokens are stored; revoking keeps the row.

Tokens are looked up by hash; a revoked kiosk or admin token no longer authenticates.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from listing.models.stored import now_text
from listing.schema import admin_tokens, kiosks


class KioskExists(Exception):
    """`kiosk add` for an id that is already there."""


class UnknownKiosk(LookupError):
    """No kiosk with that id."""


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: str
    created_at: str
    revoked_at: str | None


def add_kiosk(conn: Connection, kiosk_id: str, token_hash: str) -> None:
    """Register a kiosk, or give a revoked one a new token."""
    row = conn.execute(select(kiosks).where(kiosks.c.kiosk_id == kiosk_id)).first()
    if row is None:
        conn.execute(
            kiosks.insert().values(kiosk_id=kiosk_id, token_hash=token_hash, created_at=now_text())
        )
    elif row.revoked_at is not None:
        conn.execute(
            kiosks.update()
            .where(kiosks.c.kiosk_id == kiosk_id)
            .values(token_hash=token_hash, created_at=now_text(), revoked_at=None)
        )
    else:
        raise KioskExists(kiosk_id)


def revoke_kiosk(conn: Connection, kiosk_id: str) -> None:
    done = conn.execute(
        kiosks.update()
        .where(kiosks.c.kiosk_id == kiosk_id, kiosks.c.revoked_at.is_(None))
        .values(revoked_at=now_text())
    )
    if (
        done.rowcount == 0
        and not conn.execute(select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == kiosk_id)).first()
    ):
        raise UnknownKiosk(kiosk_id)


def list_kiosks(conn: Connection) -> list[KioskRow]:
    rows = conn.execute(select(kiosks).order_by(kiosks.c.kiosk_id))
    return [KioskRow(r.kiosk_id, r.created_at, r.revoked_at) for r in rows]


def kiosk_for_hash(conn: Connection, token_hash: str) -> str | None:
    """The kiosk id a token hash belongs to, if not revoked."""
    return conn.scalar(
        select(kiosks.c.kiosk_id).where(
            kiosks.c.token_hash == token_hash, kiosks.c.revoked_at.is_(None)
        )
    )


def add_admin(conn: Connection, token_hash: str) -> None:
    conn.execute(admin_tokens.insert().values(token_hash=token_hash, created_at=now_text()))


def is_admin(conn: Connection, token_hash: str) -> bool:
    found = conn.scalar(
        select(admin_tokens.c.token_hash).where(
            admin_tokens.c.token_hash == token_hash, admin_tokens.c.revoked_at.is_(None)
        )
    )
    return found is not None
