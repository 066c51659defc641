"""Server-side browser sessions: the cookie holds a random secret, the database its hash.

A session unused for the idle time has ended; its last use is written at most once a minute.
"""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime

from sqlalchemy import Engine

from listing import db
from listing.models.stored import parse_utc_text, utc_text
from listing.security import hash_token
from listing.storage import users
from listing.storage.users import WebSession

TOUCH_EVERY_S = 60


def _ago(seconds: float) -> str:
    return utc_text(datetime.fromtimestamp(time.time() - seconds, UTC))


def start(
    engine: Engine, user_name: str | None, idle_s: int, replacing: str | None = None
) -> tuple[str, WebSession]:
    """A new session (and its cookie secret) for `user_name`, or for a login form (None). The
    session it replaces ends: a login never keeps the id the browser had before."""
    secret = secrets.token_urlsafe(32)
    session_hash = hash_token(secret)

    def work(conn) -> WebSession:
        if replacing:
            users.end_session(conn, replacing)
        users.purge_sessions(conn, _ago(idle_s))
        users.open_session(conn, session_hash, user_name, secrets.token_urlsafe(32))
        return users.find_session(conn, session_hash)

    return secret, db.run_write(engine, work)


def find(engine: Engine, secret: str | None, idle_s: int) -> WebSession | None:
    """The session a cookie secret opens, unless it was ended or has been idle too long."""
    if not secret:
        return None
    session_hash = hash_token(secret)
    with db.read(engine) as conn:
        found = users.find_session(conn, session_hash)
    if found is None:
        return None
    idle = time.time() - parse_utc_text(found.last_seen_at).timestamp()
    if idle >= idle_s:
        return None
    if idle >= TOUCH_EVERY_S:
        db.run_write(engine, lambda conn: users.touch_session(conn, session_hash))
    return found


def end(engine: Engine, session_hash: str) -> None:
    db.run_write(engine, lambda conn: users.end_session(conn, session_hash))
