"""The small JSON files the kiosk keeps in its data dir (the plan, the packs' states, the last
kit check): written whole or not at all, owner-only; read back as None when absent or damaged.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

MAX_BYTES = 4 * 1024 * 1024  # far more than any of them holds; a bigger file is not ours


def write_json(path: Path, data: Any, *, durable: bool = True) -> None:
    """Replace `path` with `data` as JSON in one rename: a temporary file beside it (0600),
    fsynced, renamed over it, the folder fsynced. A power cut leaves the old file or the new.
    durable=False skips the fsyncs, for what is only a copy (after a power cut it may read as
    missing, never as half a file that parses)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.rename(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def read_json(path: Path) -> Any:
    """The JSON in `path`, or None when it is missing, unreadable, too big or not JSON."""
    try:
        with open(path, "rb") as f:
            body = f.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(body) > MAX_BYTES:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
