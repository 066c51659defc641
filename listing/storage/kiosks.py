"""Kiosks and admin tokens: only sha256 hashes of tokens are stored; revoking keeps the row.

Tokens are looked up by hash; a revoked kiosk or admin token no longer authenticates.
A kiosk's row also says when it was last heard from, which software version it runs, and the
name of the tour its plan carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, null, select

from listing.models.stored import now_text
from listing.schema import admin_tokens, kiosks, sessions

ID_LENGTH = 12  # what `admin-token list` shows of a hash
MIN_ID = 6  # the shortest start of a hash `admin-token revoke` takes
PREFIX_LENGTH = 8  # how much of a new admin token is stored in the clear


class KioskExists(Exception):
    """`kiosk add` for an id that is already there."""


class UnknownKiosk(LookupError):
    """No kiosk with that id."""


class NoSuchToken(LookupError):
    """No admin token, or more than one, answers to that name."""


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: str
    created_at: str
    revoked_at: str | None
    last_seen_at: str | None
    software_version: str | None
    sessions: int | None  # None: not counted
    tour_name: str | None


@dataclass(frozen=True)
class Contact:
    """A kiosk as its token finds it: who, and what the listing last knew of it."""

    kiosk_id: str
    last_seen_at: str | None
    software_version: str | None


@dataclass(frozen=True)
class AdminToken:
    token_id: str  # the start of the token's hash: names it without revealing it
    token_prefix: str | None  # the token's own first characters (tokens made since 0002)
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


def list_kiosks(conn: Connection, *, count: bool = True) -> list[KioskRow]:
    """Every kiosk with its contact and (unless not `count`) how many sessions the listing
    holds for it: counting reads every session."""
    if not count:
        rows = conn.execute(select(kiosks, null().label("held")).order_by(kiosks.c.kiosk_id))
        return [_row(r) for r in rows]
    held = (
        select(sessions.c.kiosk_id, func.count().label("n"))
        .group_by(sessions.c.kiosk_id)
        .subquery()
    )
    rows = conn.execute(
        select(kiosks, func.coalesce(held.c.n, 0).label("held"))
        .outerjoin(held, held.c.kiosk_id == kiosks.c.kiosk_id)
        .order_by(kiosks.c.kiosk_id)
    )
    return [_row(r) for r in rows]


def held_sessions(conn: Connection, kiosk_ids: Sequence[str]) -> dict[str, int]:
    """How many sessions the listing holds for each of these kiosks (an index range each)."""
    query = (
        select(sessions.c.kiosk_id, func.count())
        .where(sessions.c.kiosk_id.in_(list(kiosk_ids)))
        .group_by(sessions.c.kiosk_id)
    )
    return dict(conn.execute(query).all())


def _row(r) -> KioskRow:
    return KioskRow(
        r.kiosk_id, r.created_at, r.revoked_at, r.last_seen_at, r.software_version, r.held,
        r.tour_name,
    )  # fmt: skip


def missing_kiosks(conn: Connection, kiosk_ids: Sequence[str]) -> list[str]:
    """Those of `kiosk_ids` that were never added (revoked ones were), in the order given."""
    known = set(
        conn.scalars(select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id.in_(set(kiosk_ids))))
    )
    return [k for k in kiosk_ids if k not in known]


def set_tour(conn: Connection, kiosk_id: str, name: str | None) -> None:
    """The tour name the kiosk's plan carries from now on (None: no tour)."""
    done = conn.execute(kiosks.update().where(kiosks.c.kiosk_id == kiosk_id).values(tour_name=name))
    if done.rowcount == 0:
        raise UnknownKiosk(kiosk_id)


def tour_of(conn: Connection, kiosk_id: str) -> str | None:
    return conn.scalar(select(kiosks.c.tour_name).where(kiosks.c.kiosk_id == kiosk_id))


def contact_for_hash(conn: Connection, token_hash: str) -> Contact | None:
    """The kiosk a token hash belongs to, if not revoked."""
    row = conn.execute(
        select(kiosks.c.kiosk_id, kiosks.c.last_seen_at, kiosks.c.software_version).where(
            kiosks.c.token_hash == token_hash, kiosks.c.revoked_at.is_(None)
        )
    ).first()
    return Contact(*row) if row else None


def heard_from(conn: Connection, kiosk_id: str, when: str, version: str | None) -> None:
    """Record a request from the kiosk (and its version, when it said one)."""
    values: dict[str, str] = {"last_seen_at": when}
    if version:
        values["software_version"] = version
    conn.execute(kiosks.update().where(kiosks.c.kiosk_id == kiosk_id).values(values))


def add_admin(conn: Connection, token_hash: str, token_prefix: str) -> None:
    conn.execute(
        admin_tokens.insert().values(
            token_hash=token_hash, token_prefix=token_prefix, created_at=now_text()
        )
    )


def list_admins(conn: Connection) -> list[AdminToken]:
    rows = conn.execute(select(admin_tokens).order_by(admin_tokens.c.created_at))
    return [
        AdminToken(r.token_hash[:ID_LENGTH], r.token_prefix, r.created_at, r.revoked_at)
        for r in rows
    ]


def revoke_admin(conn: Connection, name: str, token_hash: str) -> AdminToken:
    """Revoke the one admin token `name` points at: its id (from `list_admins`, or a longer
    start of its hash), the whole token (`token_hash` is its hash), or a start of the token at
    least as long as the stored prefix. None or several match: `NoSuchToken`, none revoked."""
    rows = conn.execute(select(admin_tokens)).all()
    found = [
        r
        for r in rows
        if r.token_hash == token_hash
        or (len(name) >= MIN_ID and r.token_hash.startswith(name.lower()))
        or (r.token_prefix and len(name) >= PREFIX_LENGTH and name.startswith(r.token_prefix))
    ]
    if len(found) != 1:
        raise NoSuchToken(f"{len(found)} admin tokens match {name!r}")
    (row,) = found
    when = row.revoked_at or now_text()
    conn.execute(
        admin_tokens.update()
        .where(admin_tokens.c.token_hash == row.token_hash)
        .values(revoked_at=when)
    )
    return AdminToken(row.token_hash[:ID_LENGTH], row.token_prefix, row.created_at, when)


def is_admin(conn: Connection, token_hash: str) -> bool:
    found = conn.scalar(
        select(admin_tokens.c.token_hash).where(
            admin_tokens.c.token_hash == token_hash, admin_tokens.c.revoked_at.is_(None)
        )
    )
    return found is not None


@dataclass(frozen=True)
class Enrolment:
    kiosk_id: str
    created_at: str
    revoked_at: str | None
    last_seen_at: str | None


def enrolments(conn: Connection, offset: int, limit: int) -> list[Enrolment]:
    """A page of kiosks and their tokens' state, active ones first, each by id."""
    query = (
        select(kiosks.c.kiosk_id, kiosks.c.created_at, kiosks.c.revoked_at, kiosks.c.last_seen_at)
        .order_by(kiosks.c.revoked_at.is_not(None), kiosks.c.kiosk_id)
        .offset(offset)
        .limit(limit)
    )
    return [Enrolment(*row) for row in conn.execute(query)]


def enrolment(conn: Connection, kiosk_id: str) -> Enrolment | None:
    query = select(
        kiosks.c.kiosk_id, kiosks.c.created_at, kiosks.c.revoked_at, kiosks.c.last_seen_at
    ).where(kiosks.c.kiosk_id == kiosk_id)
    row = conn.execute(query).first()
    return Enrolment(*row) if row else None


def kiosk_ids(conn: Connection) -> list[str]:
    """Every kiosk's id, revoked ones too (the portal's filters and choices)."""
    return list(conn.scalars(select(kiosks.c.kiosk_id).order_by(kiosks.c.kiosk_id)))
