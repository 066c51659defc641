"""The facilitator PIN: a salted scrypt hash in the config file, and checking a PIN against it.

`store_pin_hash` rewrites only the `facilitator_pin_hash` line, keeping the rest of the file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1
DEV_PIN = "0000"  # accepted only with no PIN set and a simulated kit (development)
PIN_PATTERN = re.compile(r"[0-9]{4,8}")
_LINE = re.compile(r"^facilitator_pin_hash\s*:.*$", re.MULTILINE)


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
    """Set `facilitator_pin_hash` in the config file (owner-only), keeping every other line."""
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    line = f'facilitator_pin_hash: "{hashed}"'
    if _LINE.search(text):
        text = _LINE.sub(line, text, count=1)
    else:
        text = text + ("" if text.endswith("\n") or not text else "\n") + line + "\n"
    config.parent.mkdir(parents=True, exist_ok=True)
    temp = config.with_name(config.name + ".new")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, config)
