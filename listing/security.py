"""Bearer tokens: made high-entropy, stored as sha256, checked per request, rate limited.

`Kiosk` and `Admin` are the dependencies routes declare; both answer 401 before anything else.
A kiosk's request is counted (the limit lives in the database) and its contact recorded.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from listing import db
from listing.models.stored import now_text, parse_utc_text
from listing.problems import Problem
from listing.settings import CONTACT_EVERY_S
from listing.storage import kiosks, rates

_bearer = HTTPBearer(auto_error=False, description="A kiosk token or, for reports, an admin token")
_AGENT = re.compile(r"stem-kiosk/([0-9A-Za-z][0-9A-Za-z.+_-]{0,31})(?:\s|$)")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def enrol_kiosk(conn, kiosk_id: str) -> str:
    """Register a kiosk, or give a revoked one a new token; returns the token (shown once:
    only its hash is stored). `kiosks.KioskExists` for an active one."""
    token = new_token()
    kiosks.add_kiosk(conn, kiosk_id, hash_token(token))
    return token


def kiosk_version(user_agent: str | None) -> str | None:
    """The software version a kiosk names in `User-Agent: stem-kiosk/<version>`."""
    found = _AGENT.match(user_agent or "")
    return found.group(1) if found else None


def _token(creds: HTTPAuthorizationCredentials | None) -> str:
    if creds is None or not creds.credentials:
        raise Problem(401, "A bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    return creds.credentials


def _contact_due(contact: kiosks.Contact, now: float, version: str | None) -> bool:
    if version and version != contact.software_version:
        return True
    seen = contact.last_seen_at
    return seen is None or now - parse_utc_text(seen).timestamp() >= CONTACT_EVERY_S


def kiosk_of_token(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """The kiosk id of a valid, unrevoked kiosk token (else 401), within the rate limit (else
    429). Records when the kiosk was heard from (to the minute) and the version it says."""
    token = _token(creds)
    engine = request.app.state.engine
    with db.read(engine) as conn:
        contact = kiosks.contact_for_hash(conn, hash_token(token))
    if contact is None:
        raise Problem(
            401, "The token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"}
        )
    limit = request.app.state.settings.rate_per_minute
    version = kiosk_version(request.headers.get("user-agent"))
    now = time.time()
    due = _contact_due(contact, now, version)
    if not (limit or due):
        return contact.kiosk_id

    def count_and_note(conn) -> int | None:
        wait = rates.hit(conn, f"kiosk:{contact.kiosk_id}", limit, now) if limit else None
        if due:
            kiosks.heard_from(conn, contact.kiosk_id, now_text(), version)
        return wait

    wait = db.run_write(engine, count_and_note)
    if wait is not None:
        raise Problem(
            429, f"Too many requests; try again in {wait} s", headers={"Retry-After": str(wait)}
        )
    return contact.kiosk_id


def require_own(kiosk_id: str, token_kiosk: str) -> None:
    """403 unless the kiosk a path names is the token's own."""
    if kiosk_id != token_kiosk:
        raise Problem(403, f"this token belongs to kiosk {token_kiosk}, not {kiosk_id}")


def admin_token(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    token = _token(creds)
    with db.read(request.app.state.engine) as conn:
        ok = kiosks.is_admin(conn, hash_token(token))
    if not ok:
        raise Problem(401, "An admin token is required", headers={"WWW-Authenticate": "Bearer"})


Kiosk = Annotated[str, Depends(kiosk_of_token)]
Admin = Annotated[None, Depends(admin_token)]
