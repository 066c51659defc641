"""Rewriting top-level keys of the config file while keeping every other line and comment.

Used by `stem-kiosk enroll`; the file is replaced atomically and keeps its mode and owner.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path


def replace_keys(text: str, entries: dict[str, str]) -> str:
    """`text` with the top-level entry of each key replaced by `entries[key]` (YAML text).

    An entry is its `key:` line plus the indented lines under it; keys not yet in the text
    are appended at the end, in the order given.
    """
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    done: set[str] = set()
    i = 0
    while i < len(lines):
        key = _top_key(lines[i])
        if key in entries:
            i = _end_of_entry(lines, i)
            if key not in done:
                out.append(_block(entries[key]))
                done.add(key)
            continue
        out.append(lines[i])
        i += 1
    missing = [entries[k] for k in entries if k not in done]
    if missing and out and not out[-1].endswith("\n"):
        out.append("\n")
    out.extend(_block(entry) for entry in missing)
    return "".join(out)


def write_atomically(path: Path, text: str) -> None:
    """Replace the file with `text` (fsynced), keeping its mode and owner; new files are 0600."""
    temp = path.with_name(path.name + ".new")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            if info is not None:
                os.fchmod(f.fileno(), info.st_mode & 0o7777)
                if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                    with contextlib.suppress(PermissionError):  # only root may give files away
                        os.fchown(f.fileno(), info.st_uid, info.st_gid)
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _top_key(line: str) -> str | None:
    m = _KEY.match(line)
    return m.group(1) if m else None


def _end_of_entry(lines: list[str], start: int) -> int:
    """The index after the entry starting at `start`: its indented lines (and blank lines
    between them) belong to it; a line at column 0 starts what comes next."""
    end = i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.strip() == "":
            i += 1
            continue
        if line[0] not in " \t":
            break
        end = i = i + 1
    return end


def _block(entry: str) -> str:
    return entry if entry.endswith("\n") else entry + "\n"
