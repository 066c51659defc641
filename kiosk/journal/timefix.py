"""Correcting a boot's times once its clock is proven (NTP, or an offset from the listing).

Records keep their boot-time stamp, so true time = boot-time + delta; other boots stay as they are.
"""

from __future__ import annotations

import sqlite3

from kiosk.clock import CORRECTED, UNSYNCED, Stamp


def delta_for(conn: sqlite3.Connection, boot: str) -> float | None:
    """The proven delta of a boot, if there is one."""
    row = conn.execute("SELECT delta FROM clock_fixes WHERE boot = ?", (boot,)).fetchone()
    return None if row is None else row[0]


def correct_boot(conn: sqlite3.Connection, now: Stamp, delta: float, source: str) -> int:
    """Record the boot's delta; recompute its unsynchronised records as `corrected` and raise
    the revision of each session whose start or end moved. Returns how many sessions moved."""
    conn.execute(
        "INSERT OR REPLACE INTO clock_fixes (boot, delta, source, fixed_at) VALUES (?, ?, ?, ?)",
        (now.boot, delta, source, now.mono + delta),
    )
    args = {"d": delta, "b": now.boot, "u": UNSYNCED, "c": CORRECTED}
    moved: set[str] = set()
    for end in ("start", "end"):
        ids = conn.execute(
            f"SELECT id FROM sessions WHERE {end}_boot = :b AND {end}_source = :u", args
        )
        moved.update(i for (i,) in ids)
        conn.execute(
            f"UPDATE sessions SET {end}_wall = {end}_mono + :d, {end}_source = :c, "
            f"revision = revision + 1 WHERE {end}_boot = :b AND {end}_source = :u",
            args,
        )
    for table in ("taps", "progress"):
        conn.execute(
            f"UPDATE {table} SET wall = mono + :d, source = :c WHERE boot = :b AND source = :u",
            args,
        )
    return len(moved)
