"""Bearer tokens: made high-entropy, stored as sha256, checked per request, rate limited.

`Kiosk` and `Admin` are the dependencies routes declare; both answer 401 before anything else.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
from collections import deque
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from listing import db
from listing.problems import Problem
from listing.storage import kiosks

_bearer = HTTPBearer(auto_error=False, description="A kiosk token or, for reports, an admin token")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class RateLimiter:
    """At most `per_minute` requests per key in any 60 s window (0: unlimited)."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= now - 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                wait = max(1, math.ceil(seen[0] + 60 - now))
                raise Problem(
                    429,
                    f"Too many requests; try again in {wait} s",
                    headers={"Retry-After": str(wait)},
                )
            seen.append(now)


def _token(creds: HTTPAuthorizationCredentials | None) -> str:
    if creds is None or not creds.credentials:
        raise Problem(401, "A bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    return creds.credentials


def kiosk_of_token(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """The kiosk id of a valid, unrevoked kiosk token (else 401), within the rate limit."""
    token = _token(creds)
    with db.read(request.app.state.engine) as conn:
        kiosk_id = kiosks.kiosk_for_hash(conn, hash_token(token))
    if kiosk_id is None:
        raise Problem(
            401, "The token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"}
        )
    request.app.state.limiter.check(kiosk_id)
    return kiosk_id


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
