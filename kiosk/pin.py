"""The facilitator PIN: a salted scrypt hash in the config file, and checking a PIN against it.

`store_pin_hash` rewrites only that key (kiosk.configedit), keeping the rest of the file.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path

from kiosk.configedit import replace_keys, write_atomically

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
DEV_PIN = "0000"  # accepted only with no PIN set and a simulated kit (development)
PIN_PATTERN = re.compile(r"[0-9]{4,8}")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_pin(pin: str) -> str:
    """'scrypt$n$r$p$salt$hash' (hex), a fresh salt every time."""
    salt = secrets.token_bytes(16)
    return f"{SCHEME}${N}${R}${P}${salt.hex()}${_derive(pin, salt, N, R, P).hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether a PIN matches a stored hash; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        derived = _derive(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(derived.hex(), digest)


def store_pin_hash(config: Path, hashed: str) -> None:
    """Set `facilitator_pin_hash` in the config file (atomic), keeping every other line; the
    file is no longer readable by others (a 4-digit PIN's hash can be tried exhaustively)."""
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    entry = f'facilitator_pin_hash: "{hashed}"'
    write_atomically(config, replace_keys(text, {"facilitator_pin_hash": entry}))
    config.chmod(config.stat().st_mode & 0o7770)
