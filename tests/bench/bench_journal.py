"""Journal benchmarks: durable taps per second against a raw sqlite3 loop with the same pragmas,
snapshots for 10,000 sessions, and the 500-kill power-cut run."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from kiosk.journal import BANDS, GENDERS, Journal
from tests.journal.conftest import STOP, WORKSHOP
from tests.journal.powercut import run_kills

TAPS = 1500  # in 10 sessions of 150 taps
SESSIONS = 10_000
KILLS = int(os.environ.get("BENCH_KILLS", 500))  # fewer for a quick look


def durable_taps_per_s(folder: Path, n: int, rounds: int = 10) -> tuple[float, float]:
    """(Journal.count, raw loop) taps per second, interleaved in rounds so that other load on
    the machine weighs on both alike. The raw loop: one INSERT + COMMIT per tap, WAL and
    synchronous=FULL, nothing else."""
    raw = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("CREATE TABLE taps (id INTEGER PRIMARY KEY, session_id TEXT, band TEXT)")
    journal = Journal.open(folder / "data")
    spent = {"raw": 0.0, "journal": 0.0}
    for _ in range(rounds):
        sid = journal.start_session(WORKSHOP, STOP)  # a big workshop: TAPS / rounds youth
        started = time.perf_counter()
        for i in range(n // rounds):
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO taps (session_id, band) VALUES ('s', ?)", (BANDS[i % 5],))
            raw.execute("COMMIT")
        spent["raw"] += time.perf_counter() - started
        started = time.perf_counter()
        for i in range(n // rounds):
            journal.count(sid, BANDS[i % 5], GENDERS[i % 4], returning=i % 3 == 0)
        spent["journal"] += time.perf_counter() - started
    raw.close()
    journal.close()
    return n / spent["journal"], n / spent["raw"]


def fill(journal: Journal, sessions: int) -> None:
    """Bench setup, not measured: many sessions with taps and progress, in one transaction."""
    rng = random.Random(1)
    with journal.transaction() as conn:
        for i in range(sessions):
            sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            wall = 1_770_000_000.0 + i * 3600
            conn.execute(
                "INSERT INTO sessions (id, workshop_id, workshop_version, workshop_title, "
                "age_range, stop_name, venue_type, municipality, status, start_wall, "
                "start_source, start_boot, start_mono, end_wall, end_source, end_boot, end_mono, "
                "revision) VALUES (?, 'reactiespel', '1.0', ?, '10-14', ?, 'library', 'Gent', "
                "'closed', ?, 'ntp', 'b', 1, ?, 'ntp', 'b', 2, 20)",
                (sid, json.dumps(WORKSHOP["title"]), f"Stop {i % 40}", wall, wall + 5400),
            )
            conn.executemany(
                "INSERT INTO taps (session_id, delta, band, gender, came_back, wall, source, "
                "boot, mono) VALUES (?, 1, ?, ?, ?, ?, 'ntp', 'b', 1)",
                [(sid, rng.choice(BANDS), rng.choice([*GENDERS, None]), rng.random() < 0.2, wall)
                 for _ in range(rng.randint(0, 25))],
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO progress (session_id, kind, step_id, wall, source, boot, mono) "
                "VALUES (?, ?, ?, ?, 'ntp', 'b', 1)",
                [(sid, rng.choice(["step", "check"]), f"s{rng.randint(1, 8)}", wall)
                 for _ in range(rng.randint(0, 30))],
            )  # fmt: skip


def run(report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours, raw = durable_taps_per_s(folder, TAPS)
        report.row("durable taps per second (Journal.count)", ours, "taps/s", baseline=raw,
                   goal="ratio >= 0.5 of a raw sqlite3 loop, same pragmas")  # fmt: skip

        with Journal.open(folder / "many") as journal:
            fill(journal, SESSIONS)
            started = time.perf_counter()
            everything = journal.snapshots()
            bulk = time.perf_counter() - started
            assert len(everything) == SESSIONS
            report.row(f"snapshots of {SESSIONS} sessions, one call", bulk, "s")
            started = time.perf_counter()
            for snapshot, _ in everything:
                journal.snapshot(snapshot["session_id"])
            report.row(
                f"snapshots of {SESSIONS} sessions, one call each", time.perf_counter() - started,
                "s", baseline=bulk,
            )  # fmt: skip
            started = time.perf_counter()
            batch = journal.unconfirmed(limit=500)
            report.row("unconfirmed(limit=500), the sync batch", time.perf_counter() - started, "s")
            assert len(batch) == 500

        started = time.perf_counter()
        stats = run_kills(folder / "kills", KILLS, seed=500)
        report.row("power cuts (SIGKILL while counting)", stats.kills, "kills")
        report.row("  printed totals missing after a kill", len(stats.failures), "failures",
                   goal="0")  # fmt: skip
        report.row("  taps committed, killed before printing", stats.taps_unacknowledged, "taps")
        report.row("  highest total printed", stats.printed, "taps")
        report.row("  time for the kill run", time.perf_counter() - started, "s")
        for failure in stats.failures:
            print(f"  FAILURE {failure}")
