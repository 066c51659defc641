"""People who log in, and their browser sessions: removing a person or changing a password
ends every session of theirs. Only hashes of passwords and session secrets are stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from listing.models.stored import now_text
from listing.schema import users, web_sessions

ROLES = ("coordinator", "admin")  # an admin may do everything a coordinator may
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"


class UserExists(Exception):
    """`user add` for a name that is taken."""


class UnknownUser(LookupError):
    """No person with that name."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created_at: str
    password_set_at: str
    sessions: int  # browser sessions open now (idle ones included until purged)


@dataclass(frozen=True)
class WebSession:
    session_hash: str
    user_name: str | None  # None: a login form's session, nobody logged in yet
    role: str | None
    csrf_token: str
    last_seen_at: str


def is_name(value: str) -> bool:
    return re.fullmatch(NAME_PATTERN, value) is not None


def allows(role: str, needed: str) -> bool:
    """Whether `role` may do what `needed` may (admin ⊇ coordinator)."""
    return ROLES.index(role) >= ROLES.index(needed)


def add_user(conn: Connection, name: str, role: str, password_hash: str) -> None:
    if conn.scalar(select(users.c.name).where(users.c.name == name)) is not None:
        raise UserExists(name)
    now = now_text()
    conn.execute(
        users.insert().values(
            name=name, role=role, password_hash=password_hash, created_at=now, password_set_at=now
        )
    )


def _end_sessions_of(conn: Connection, name: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.user_name == name))


def remove_user(conn: Connection, name: str) -> None:
    _end_sessions_of(conn, name)
    if conn.execute(delete(users).where(users.c.name == name)).rowcount == 0:
        raise UnknownUser(name)


def set_password(conn: Connection, name: str, password_hash: str) -> None:
    done = conn.execute(
        users.update()
        .where(users.c.name == name)
        .values(password_hash=password_hash, password_set_at=now_text())
    )
    if done.rowcount == 0:
        raise UnknownUser(name)
    _end_sessions_of(conn, name)


def list_users(conn: Connection, offset: int = 0, limit: int | None = None) -> list[User]:
    """Every person by name (or a page of them) with their open sessions."""
    open_ = (
        select(web_sessions.c.user_name, func.count().label("n"))
        .group_by(web_sessions.c.user_name)
        .subquery()
    )
    rows = conn.execute(
        select(users, func.coalesce(open_.c.n, 0).label("open"))
        .outerjoin(open_, open_.c.user_name == users.c.name)
        .order_by(users.c.name)
        .offset(offset)
        .limit(limit)
    )
    return [User(r.name, r.role, r.created_at, r.password_set_at, r.open) for r in rows]


def credentials(conn: Connection, name: str) -> tuple[str, str] | None:
    """(role, password hash) of a person, if there is one by that name."""
    row = conn.execute(
        select(users.c.role, users.c.password_hash).where(users.c.name == name)
    ).first()
    return (row.role, row.password_hash) if row else None


def open_session(
    conn: Connection, session_hash: str, user_name: str | None, csrf_token: str
) -> None:
    now = now_text()
    conn.execute(
        web_sessions.insert().values(
            session_hash=session_hash,
            user_name=user_name,
            csrf_token=csrf_token,
            created_at=now,
            last_seen_at=now,
        )
    )


def find_session(conn: Connection, session_hash: str) -> WebSession | None:
    row = conn.execute(
        select(web_sessions, users.c.role)
        .outerjoin(users, users.c.name == web_sessions.c.user_name)
        .where(web_sessions.c.session_hash == session_hash)
    ).first()
    if row is None:
        return None
    return WebSession(row.session_hash, row.user_name, row.role, row.csrf_token, row.last_seen_at)


def touch_session(conn: Connection, session_hash: str) -> None:
    conn.execute(
        web_sessions.update()
        .where(web_sessions.c.session_hash == session_hash)
        .values(last_seen_at=now_text())
    )


def end_session(conn: Connection, session_hash: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.session_hash == session_hash))


def purge_sessions(conn: Connection, idle_since: str) -> None:
    """Forget every session unused since `idle_since` (they have ended already)."""
    conn.execute(delete(web_sessions).where(web_sessions.c.last_seen_at < idle_since))
