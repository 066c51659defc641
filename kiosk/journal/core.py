"""The participation journal: one object owning one SQLite connection, durable on every write.

A method that writes returns only after its transaction is committed with synchronous=FULL.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.about import DEFAULT_KIOSK_ID
from kiosk.clock import CORRECTED, NTP, Clock, Stamp
from kiosk.journal import snapshot as snap
from kiosk.journal import timefix
from kiosk.journal.errors import (
    BANDS,
    GENDERS,
    DiskFull,
    InvalidBand,
    InvalidGender,
    InvalidInput,
    NothingToUndo,
    SessionClosed,
    UnknownSession,
)
from kiosk.journal.files import Notice, ensure_data_dir, journal_path, open_or_replace
from kiosk.journal.snapshot import SessionSummary
from kiosk.stop import Stop


class Journal:
    """Sessions, taps, progress and sync state in one SQLite file (see `Journal.open`)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, kiosk_id: str | None, clock: Clock,
        notices: list[Notice],
    ):  # fmt: skip
        self._conn = conn
        self.path = path
        self.clock = clock
        self.notices = notices  # shown to the facilitator (e.g. a journal moved aside)
        self._lock = threading.RLock()
        self._ntp_applied = False
        self.kiosk_id = self._kiosk_id(kiosk_id)
        self._check_clock()

    @classmethod
    def open(
        cls, data_dir: str | os.PathLike, *, kiosk_id: str | None = None,
        clock: Clock | None = None,
    ) -> Journal:  # fmt: skip
        """Open (or create) `journal.sqlite3` in data_dir: dir 0700, files 0600, migrated.

        A corrupt journal or one from a newer kiosk is moved aside; see `.notices`.
        kiosk_id (the config's) is remembered in the journal: a process opening it without one
        (the sync process, a CLI) sends the snapshots under the kiosk's id all the same."""
        data_dir = Path(data_dir)
        ensure_data_dir(data_dir)
        path = journal_path(data_dir)
        conn, notices = open_or_replace(path)
        return cls(conn, path, kiosk_id=kiosk_id, clock=clock or Clock(), notices=notices)

    @classmethod
    def for_config(cls, config, *, clock: Clock | None = None) -> Journal:
        """The journal of a `kiosk.config.Config`: its data_dir and kiosk_id."""
        return cls.open(config.data_dir, kiosk_id=config.kiosk_id, clock=clock)

    def _kiosk_id(self, given: str | None) -> str:
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'kiosk_id'").fetchone()
            if given and (row is None or row[0] != given):
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('kiosk_id', ?)", (given,)
                )
            return given or (row[0] if row else DEFAULT_KIOSK_ID)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed (durably) on success, rolled back on any exception."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                    raise DiskFull(
                        "the journal's disk is full: this was NOT saved; free space on the SD card"
                    ) from err
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: everything read inside sees one consistent state."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")

    # -- sessions ---------------------------------------------------------------------------

    def start_session(self, workshop: dict, stop: Stop) -> str:
        """Open a session of a workshop (id, version, title{nl,en}, typical_age_range) at a stop."""
        try:
            wid, version = str(workshop["id"]), str(workshop["version"])
            title, ages = dict(workshop["title"]), str(workshop["typical_age_range"])
        except (KeyError, TypeError, ValueError) as err:
            raise InvalidInput(
                f"workshop needs id, version, title and typical_age_range: {err}"
            ) from err
        if "nl" not in title:
            raise InvalidInput(f"workshop '{wid}' has no Dutch title")
        import uuid  # only a new session needs an id; uuid loads `platform`, ~2 ms a count

        sid = str(uuid.uuid4())
        with self.transaction() as conn:
            s = self._stamp(conn)
            conn.execute(
                "INSERT INTO sessions (id, workshop_id, workshop_version, workshop_title, "
                "age_range, stop_name, venue_type, municipality, postcode, start_wall, "
                "start_source, start_boot, start_mono) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (sid, wid, version, json.dumps(title, ensure_ascii=False), ages, stop.name,
                 stop.venue_type, stop.municipality, stop.postcode, s.wall, s.source, s.boot,
                 s.mono),
            )  # fmt: skip
        return sid

    def end_session(self, session_id: str) -> None:
        with self.transaction() as conn:
            sid = self._open_session(conn, session_id)
            self._finish(conn, sid, "closed")

    def cancel_session(self, session_id: str) -> None:
        """Cancel a session (open or closed): it stays in the journal but is not an activity."""
        with self.transaction() as conn:
            sid, status = self._session(conn, session_id)
            if status == "cancelled":
                raise SessionClosed(f"session {sid} is already cancelled")
            if status == "open":
                self._finish(conn, sid, "cancelled")
            else:
                conn.execute(
                    "UPDATE sessions SET status = 'cancelled', revision = revision + 1 "
                    "WHERE id = ?",
                    (sid,),
                )

    def _finish(self, conn: sqlite3.Connection, sid: str, status: str) -> None:
        s = self._stamp(conn)
        conn.execute(
            "UPDATE sessions SET status = ?, end_wall = ?, end_source = ?, end_boot = ?, "
            "end_mono = ?, revision = revision + 1 WHERE id = ?",
            (status, s.wall, s.source, s.boot, s.mono, sid),
        )

    # -- attendance and progress ------------------------------------------------------------

    def count(
        self, session_id: str, band: str, gender: str | None = None, returning: bool = False
    ) -> int:
        """Count one participant; returns the new total once the tap is durable."""
        if band not in BANDS:
            raise InvalidBand(f"unknown age band '{band}': use one of {', '.join(BANDS)}")
        if gender is not None and gender not in GENDERS:
            raise InvalidGender(f"unknown gender '{gender}': use one of {', '.join(GENDERS)}")
        with self.transaction() as conn:
            sid = self._open_session(conn, session_id)
            s = self._stamp(conn)
            conn.execute(
                "INSERT INTO taps (session_id, delta, band, gender, came_back, wall, source, "
                "boot, mono) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
                (sid, band, gender, int(bool(returning)), s.wall, s.source, s.boot, s.mono),
            )
            return self._changed(conn, sid)

    def undo(self, session_id: str) -> int:
        """Take back the last tap not yet taken back, by a compensating event; the new total."""
        with self.transaction() as conn:
            sid = self._open_session(conn, session_id)
            last = conn.execute(
                "SELECT id, band, gender, came_back FROM taps t WHERE session_id = ? "
                "AND delta = 1 AND NOT EXISTS (SELECT 1 FROM taps u WHERE u.undoes = t.id) "
                "ORDER BY id DESC LIMIT 1",
                (sid,),
            ).fetchone()
            if last is None:
                raise NothingToUndo(f"session {sid} has no tap to undo")
            s = self._stamp(conn)
            conn.execute(
                "INSERT INTO taps (session_id, delta, undoes, band, gender, came_back, wall, "
                "source, boot, mono) VALUES (?, -1, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sid, *last, s.wall, s.source, s.boot, s.mono),
            )
            return self._changed(conn, sid)

    def attendance(self, session_id: str) -> dict:
        """The snapshot's `attendance` object of one session."""
        with self._reading() as conn:
            sid, _ = self._session(conn, session_id)
            return snap.attendance(conn, [sid])[sid]

    def record_step(self, session_id: str, step_id: str) -> None:
        """A step was reached; a step already reached in this session changes nothing."""
        with self.transaction() as conn:
            sid = self._open_session(conn, session_id)
            seen = conn.execute(
                "SELECT 1 FROM progress WHERE session_id = ? AND kind = 'step' AND step_id = ?",
                (sid, step_id),
            ).fetchone()
            if not seen:
                self._progress(conn, sid, "step", step_id)

    def record_check(self, session_id: str, step_id: str) -> None:
        """A step's hardware check passed (every pass counts)."""
        with self.transaction() as conn:
            self._progress(conn, self._open_session(conn, session_id), "check", step_id)

    def record_creation(self, session_id: str) -> None:
        """A creation of maker mode was saved during the session: only the count is kept."""
        with self.transaction() as conn:
            sid = self._open_session(conn, session_id)
            conn.execute("UPDATE sessions SET creations = creations + 1 WHERE id = ?", (sid,))
            self._changed(conn, sid)

    def _progress(self, conn: sqlite3.Connection, sid: str, kind: str, step_id: str) -> None:
        s = self._stamp(conn)
        conn.execute(
            "INSERT INTO progress (session_id, kind, step_id, wall, source, boot, mono) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sid, kind, str(step_id), s.wall, s.source, s.boot, s.mono),
        )
        self._changed(conn, sid)

    def _changed(self, conn: sqlite3.Connection, sid: str) -> int:
        """Raise the session's revision; returns its attendance total."""
        conn.execute("UPDATE sessions SET revision = revision + 1 WHERE id = ?", (sid,))
        return conn.execute(
            "SELECT COALESCE(SUM(delta), 0) FROM taps WHERE session_id = ?", (sid,)
        ).fetchone()[0]

    # -- reading ----------------------------------------------------------------------------

    def snapshot(self, session_id: str) -> dict:
        """The session exactly as listing-api.md's snapshot."""
        with self._reading() as conn:
            sid, _ = self._session(conn, session_id)
            return self._build(conn, "WHERE id = ?", (sid,))[0][0]

    def snapshots(self) -> list[tuple[dict, dict]]:
        """Every session as (snapshot, sync state), oldest first."""
        with self._reading() as conn:
            return self._build(conn, "ORDER BY start_wall, rowid", ())

    def sync_states(self) -> list[tuple[str, int, int, str | None]]:
        """Every session as (id, revision, confirmed revision, attention), oldest first: the
        sync state of `snapshots()` without building the snapshots."""
        with self._reading() as conn:
            return conn.execute(snap.SYNC_STATES).fetchall()

    def sessions(self, day: dt.date | None = None) -> list[SessionSummary]:
        """The sessions started on a (local) day, or all of them, oldest first."""
        where, params = "", ()
        if day is not None:
            start = dt.datetime.combine(day, dt.time()).astimezone()
            end = start + dt.timedelta(days=1)
            where = "WHERE start_wall >= ? AND start_wall < ?"
            params = (start.timestamp(), end.timestamp())
        with self._reading() as conn:
            built = self._build(conn, f"{where} ORDER BY start_wall, rowid", params)
        return [snap.summary(s, sync) for s, sync in built]

    def unconfirmed(self, limit: int = 500) -> list[dict]:
        """Snapshots the listing has not confirmed, except those needing attention as they are."""
        with self._reading() as conn:
            built = self._build(
                conn,
                "WHERE revision > confirmed_revision AND (attention_revision IS NULL "
                "OR attention_revision < revision) ORDER BY rowid LIMIT ?",
                (limit,),
            )
        return [s for s, _ in built]

    def sync_state(self, session_id: str) -> dict:
        with self._reading() as conn:
            sid, _ = self._session(conn, session_id)
            return self._build(conn, "WHERE id = ?", (sid,))[0][1]

    def _build(self, conn: sqlite3.Connection, clause: str, params: tuple) -> list:
        rows = conn.execute(f"SELECT {snap.SESSION_COLUMNS} FROM sessions {clause}", params)
        return snap.build(conn, rows, self.kiosk_id)

    # -- sync state (not local changes: the revision stays) --------------------------------

    def mark_confirmed(self, session_id: str, revision: int) -> None:
        """The listing holds this revision (or a newer one); clears attention up to it."""
        with self.transaction() as conn:
            self._session(conn, session_id)  # UnknownSession for a wrong id
        self.mark_confirmed_many([(session_id, revision)])

    def mark_attention(self, session_id: str, revision: int, detail: str) -> None:
        """The listing refused this revision: not resent until the session changes again."""
        with self.transaction() as conn:
            sid, _ = self._session(conn, session_id)
            conn.execute(
                "UPDATE sessions SET attention = ?, attention_revision = ? WHERE id = ?",
                (str(detail)[:2000], revision, sid),
            )

    def mark_confirmed_many(self, confirmed: list[tuple[str, int]]) -> None:
        """mark_confirmed for many, in one durable transaction; clears attention up to each."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE sessions SET confirmed_revision = MAX(confirmed_revision, :r), attention = "
                "CASE WHEN attention_revision <= :r THEN NULL ELSE attention END, "
                "attention_revision = CASE WHEN attention_revision <= :r THEN NULL "
                "ELSE attention_revision END WHERE id = :id",
                [{"r": rev, "id": str(sid).lower()} for sid, rev in confirmed],
            )

    def requeue(self, session_ids: list[str]) -> None:
        """The listing lacks these sessions' confirmed revisions: forget them, so they resend."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE sessions SET confirmed_revision = 0 WHERE id = ?",
                [(str(sid).lower(),) for sid in session_ids],
            )

    # -- clock ------------------------------------------------------------------------------

    def apply_clock_offset(self, offset_s: float, source: str) -> int:
        """The true time is the local wall time + offset_s (measured, e.g. against the listing).

        Corrects this boot's unsynchronised records and stamps later ones of this boot with it;
        returns how many sessions were corrected. Earlier boots stay `unsynced`."""
        with self.transaction() as conn:
            raw = self.clock.now()
            if raw.source == NTP:
                return self._apply_ntp(conn, raw)
            if timefix.delta_for(conn, raw.boot) is not None:
                return 0  # the first proof for this boot stands
            return timefix.correct_boot(conn, raw, raw.wall + offset_s - raw.mono, source)

    def _check_clock(self) -> None:
        """At open: if the clock is synchronised now, correct this boot's earlier records."""
        if self.clock.synchronised():
            with self.transaction() as conn:
                self._apply_ntp(conn, self.clock.now())

    def _stamp(self, conn: sqlite3.Connection) -> Stamp:
        """The stamp for a record written now, corrected if this boot's offset is known."""
        raw = self.clock.now()
        if raw.source == NTP:
            if not self._ntp_applied:
                self._apply_ntp(conn, raw)
            return raw
        delta = timefix.delta_for(conn, raw.boot)
        return raw if delta is None else Stamp(raw.mono + delta, CORRECTED, raw.boot, raw.mono)

    def _apply_ntp(self, conn: sqlite3.Connection, raw: Stamp) -> int:
        self._ntp_applied = True
        return timefix.correct_boot(conn, raw, raw.wall - raw.mono, "ntp")

    # -- lookups ----------------------------------------------------------------------------

    def _session(self, conn: sqlite3.Connection, session_id: str) -> tuple[str, str]:
        sid = str(session_id).strip().lower()
        row = conn.execute("SELECT id, status FROM sessions WHERE id = ?", (sid,)).fetchone()
        if row is None:
            raise UnknownSession(f"no session '{session_id}' in the journal")
        return row

    def _open_session(self, conn: sqlite3.Connection, session_id: str) -> str:
        sid, status = self._session(conn, session_id)
        if status != "open":
            raise SessionClosed(f"session {sid} is {status}")
        return sid
