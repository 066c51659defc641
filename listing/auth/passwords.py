"""Passwords: generated for people, stored as scrypt (standard library) with its parameters.

`verify` takes as long for an unknown user (against a stand-in hash) as for a known one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from listing.storage import users

# scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB of memory and some 0.1 s per check.
N, R, P = 2**15, 8, 1
KEY_BYTES = 32
SCHEME = "scrypt"


def add_person(conn, name: str, role: str) -> str:
    """Add a person with a new password; returns the password (shown once: only its scrypt
    hash is stored). `users.UserExists` for a name that is taken."""
    password = new_password()
    users.add_user(conn, name, role, hash_password(password))
    return password


def new_password() -> str:
    """A password to hand to a person: 20 URL-safe characters (120 bits)."""
    return secrets.token_urlsafe(15)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=2 * 128 * n * r * p + 1024 * 1024,
        dklen=KEY_BYTES,
    )


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$key` (base64): the parameters travel with the hash."""
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(key)}"


# The hash of a password nobody knows (thrown away): what an unknown name is checked against.
STAND_IN = "scrypt$32768$8$1$am+HrvaRcxAu5K7LhDxkpA==$OHGIcuLS+o97Pyejrj6ELqGsytls0/vG1r5xfWiTK9M="


def verify(password: str, stored: str | None) -> bool:
    """Whether `password` matches `stored` (None: no such user, still checked at full cost)."""
    scheme, n, r, p, salt, key = (stored or STAND_IN).split("$")
    if scheme != SCHEME:
        return False
    found = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(found, base64.b64decode(key)) and stored is not None
