"""Session snapshots exactly as listing-api.md describes them, built from journal rows.

Reads many sessions in a few grouped queries, so 10,000 snapshots stay cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.clock import CORRECTED, NTP, UNSYNCED
from kiosk.journal.errors import BANDS, GENDERS
from kiosk.stop import Stop

SESSION_COLUMNS = (
    "id, workshop_id, workshop_version, workshop_title, age_range, stop_name, venue_type, "
    "municipality, postcode, status, start_wall, start_source, end_wall, end_source, revision, "
    "confirmed_revision, attention, attention_revision, creations"
)
CHUNK = 500  # ids per IN (...) list
# Per session, what sync needs without a snapshot: its attention only while it is current.
SYNC_STATES = (
    "SELECT id, revision, confirmed_revision, CASE WHEN COALESCE(attention_revision, 0) >= "
    "revision THEN attention END FROM sessions ORDER BY start_wall, rowid"
)


@dataclass(frozen=True)
class SessionSummary:
    """One line of the facilitator's session list."""

    session_id: str
    status: str
    workshop_id: str
    workshop_title: dict[str, str]
    stop_name: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    time_source: str
    total: int
    revision: int
    confirmed_revision: int
    attention: str | None


def rfc3339(wall: float) -> str:
    """A wall time as RFC 3339 in UTC with `Z`, to the second."""
    return dt.datetime.fromtimestamp(wall, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def worst_source(*sources: str | None) -> str:
    """A session's time source is its least trustworthy stamp's."""
    given = {s for s in sources if s}
    for source in (UNSYNCED, CORRECTED):
        if source in given:
            return source
    return NTP


def empty_attendance() -> dict:
    return {
        "total": 0,
        "age_bands": dict.fromkeys(BANDS, 0),
        "gender": dict.fromkeys(GENDERS, 0),
        "returning": 0,
    }


# One row per session: the total, each band, each gender (none given = unstated), returning.
_SUMS = ", ".join(
    ["SUM(delta)"]
    + [f"SUM((band = '{b}') * delta)" for b in BANDS]
    + [f"SUM((COALESCE(gender, 'unstated') = '{g}') * delta)" for g in GENDERS]
    + ["SUM(came_back * delta)"]
)


def attendance(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict]:
    """The `attendance` object of each session: taps minus their compensating undo events.

    A tap without a gender counts as `unstated`, so gender always sums to the total."""
    result = {sid: empty_attendance() for sid in ids}
    nb, ng = len(BANDS), len(GENDERS)
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT session_id, {_SUMS} FROM taps "
            f"WHERE session_id IN ({','.join('?' * len(chunk))}) GROUP BY session_id",
            chunk,
        )
        for sid, total, *sums in rows:
            result[sid] = {
                "total": total,
                "age_bands": dict(zip(BANDS, sums[:nb], strict=True)),
                "gender": dict(zip(GENDERS, sums[nb : nb + ng], strict=True)),
                "returning": sums[-1],
            }
    return result


def progress(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, int]]:
    """`steps`: distinct steps reached; `checks_passed`: every passed check, repeats included."""
    result = {sid: {"steps": 0, "checks_passed": 0} for sid in ids}
    for chunk in _chunks(ids):
        rows = conn.execute(
            "SELECT session_id, COUNT(DISTINCT CASE WHEN kind = 'step' THEN step_id END), "
            "COALESCE(SUM(kind = 'check'), 0) FROM progress "
            f"WHERE session_id IN ({','.join('?' * len(chunk))}) GROUP BY session_id",
            chunk,
        )
        for sid, steps, checks in rows:
            result[sid] = {"steps": steps, "checks_passed": checks}
    return result


def build(
    conn: sqlite3.Connection, rows: Iterable[sqlite3.Row | tuple], kiosk_id: str
) -> list[tuple[dict, dict]]:
    """(snapshot, sync state) for each session row selected with SESSION_COLUMNS, in order."""
    rows = list(rows)
    ids = [r[0] for r in rows]
    counts, steps = attendance(conn, ids), progress(conn, ids)
    out = []
    for r in rows:
        (sid, wid, version, title, ages, stop, venue, town, postcode, status, start,
         start_source, end, end_source, revision, confirmed, attention, attn_rev,
         creations) = r  # fmt: skip
        # Without a trusted clock an end may read earlier than its start; the listing
        # requires ended_at >= started_at, and the time source already says "unsynced".
        ended = None if end is None else rfc3339(max(end, start))
        snapshot = {
            "session_id": sid,
            "kiosk_id": kiosk_id,
            "revision": revision,
            "status": status,
            "workshop": {
                "id": wid,
                "version": version,
                "title": json.loads(title),
                "typical_age_range": ages,
            },
            "stop": Stop(stop, venue, town, postcode).as_json(),
            "started_at": rfc3339(start),
            "ended_at": ended,
            "time_source": worst_source(start_source, end_source),
            "attendance": counts[sid],
            "progress": steps[sid] | ({"creations": creations} if creations else {}),
        }
        sync = {
            "confirmed_revision": confirmed,
            "attention": attention if (attn_rev or 0) >= revision else None,
        }
        out.append((snapshot, sync))
    return out


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def summary(s: dict, sync: dict) -> SessionSummary:
    def when(text: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(text) if text else None

    return SessionSummary(
        session_id=s["session_id"],
        status=s["status"],
        workshop_id=s["workshop"]["id"],
        workshop_title=s["workshop"]["title"],
        stop_name=s["stop"]["name"],
        started_at=when(s["started_at"]),
        ended_at=when(s["ended_at"]),
        time_source=s["time_source"],
        total=s["attendance"]["total"],
        revision=s["revision"],
        confirmed_revision=sync["confirmed_revision"],
        attention=sync["attention"],
    )
