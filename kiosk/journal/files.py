"""The journal's file: owner-only permissions, a durable connection, and moving a bad one aside.

A journal that cannot be opened is renamed with a timestamp (never deleted) and a new one started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.journal.errors import JournalError
from kiosk.journal.schema import FutureJournal, migrate

JOURNAL_NAME = "journal.sqlite3"
SIDECARS = ("-wal", "-shm")
BUSY_TIMEOUT_MS = 5000
UNREADABLE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


@dataclass(frozen=True)
class Notice:
    """Something the facilitator must see: a catalogue key with its values, and English text."""

    key: str
    values: dict[str, str] = field(default_factory=dict)
    message: str = ""


class Unreadable(Exception):
    """The file is not a journal this kiosk can use (corrupt or from a newer kiosk)."""


def journal_path(data_dir: str | os.PathLike) -> Path:
    return Path(data_dir) / JOURNAL_NAME


def ensure_data_dir(data_dir: Path) -> None:
    """Create the data directory owner-only (0700); an existing one is left as it is."""
    if not data_dir.exists():
        data_dir.mkdir(parents=True, mode=0o700)
        os.chmod(data_dir, 0o700)  # mkdir's mode is filtered by the umask


def connect(path: Path) -> sqlite3.Connection:
    """A migrated connection in autocommit mode with WAL and synchronous=FULL.

    Raises Unreadable for a corrupt or future journal, JournalError when it cannot be reached."""
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)  # SQLite gives -wal and -shm the database file's mode
    except OSError as err:  # the data folder is a file, or not ours
        raise JournalError(f"cannot open the journal {path}: {err.strerror}") from err
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise JournalError(f"cannot open the journal {path}: {err}") from err
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")  # outside any transaction, or it is ignored
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise Unreadable(f"damaged: {problems[0]}")
        migrate(conn)
    except FutureJournal as err:
        conn.close()
        raise Unreadable(str(err)) from err
    except sqlite3.Error as err:
        conn.close()
        if getattr(err, "sqlite_errorcode", None) in UNREADABLE:
            raise Unreadable(str(err)) from err
        raise JournalError(f"cannot open the journal {path}: {err}") from err
    except BaseException:
        conn.close()
        raise
    for suffix in SIDECARS:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f"{path}{suffix}", 0o600)
    return conn


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the journal (and its -wal/-shm) to a timestamped name; returns the new path."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    n = 0
    while True:
        tail = f"-{n}" if n else ""
        aside = path.with_name(f"{path.stem}-unreadable-{stamp}{tail}{path.suffix}")
        if not any(Path(f"{aside}{s}").exists() for s in ("", *SIDECARS)):
            break
        n += 1
    for suffix in SIDECARS:  # the -wal first: the main file must never stand alone with a new one
        with contextlib.suppress(FileNotFoundError):
            os.rename(f"{path}{suffix}", f"{aside}{suffix}")
    os.rename(path, aside)
    _fsync_dir(path.parent)
    return aside


def open_or_replace(path: Path) -> tuple[sqlite3.Connection, list[Notice]]:
    """Connect; if the journal is unreadable, move it aside loudly and start a new one."""
    try:
        return connect(path), []
    except Unreadable as err:
        aside = move_aside(path)
        message = (
            f"the journal {path} could not be opened ({err}); it was moved to {aside} "
            "and a new journal was started"
        )
        import logging  # only here, loudly: a journal opened on every tap need not load it

        logging.getLogger("kiosk.journal").warning("JOURNAL REPLACED: %s", message)
        notice = Notice("journal.replaced", {"path": str(aside), "reason": str(err)}, message)
        return connect(path), [notice]


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
