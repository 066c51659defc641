"""The power-cut harness: a process counts as fast as it can and is SIGKILLed at random moments.

`python -m tests.journal.powercut DATA_DIR SESSION` is the counting process (prints each durable
total); `run_kills` is the test's and the benchmark's side. Shared so both run the same thing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.journal import BANDS, Journal, journal_path
from tests.journal.conftest import STOP, WORKSHOP

READY = "ready"


@dataclass
class KillStats:
    kills: int = 0
    printed: int = 0  # the highest total any counting process printed
    in_journal: int = 0
    taps_unacknowledged: int = 0  # committed but killed before printing (allowed: at most 1 each)
    failures: list[str] = field(default_factory=list)


def counter(data_dir: str, session_id: str) -> None:
    """Count forever; print each total only after `count` returned (i.e. once durable)."""
    rng = random.Random()
    with Journal.open(data_dir) as journal:
        print(READY, flush=True)
        while True:
            total = journal.count(session_id, rng.choice(BANDS), returning=rng.random() < 0.2)
            print(total, flush=True)


def run_kills(data_dir: Path, kills: int, seed: int = 0) -> KillStats:
    """Kill a counting process `kills` times; after each, check integrity and the totals."""
    rng = random.Random(seed)
    with Journal.open(data_dir) as journal:
        sid = journal.start_session(WORKSHOP, STOP)
    stats = KillStats()
    root = Path(__file__).resolve().parents[2]
    env = os.environ | {"PYTHONPATH": str(root)}
    for i in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.journal.powercut", str(data_dir), sid],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=root,
        )
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0, 0.3))  # sometimes while it starts up and opens the journal
        else:
            proc.stdout.readline()  # READY
            time.sleep(rng.uniform(0, 0.08))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        totals = [int(line) for line in out.split() if line.isdigit()]
        stats.kills += 1
        problem = check(data_dir, sid, stats, max(totals, default=0))
        if problem:
            stats.failures.append(f"kill {i + 1}: {problem}")
    return stats


def check(data_dir: Path, sid: str, stats: KillStats, printed: int) -> str | None:
    """After a kill: the journal is intact, holds every printed total, and was not replaced.

    At most one tap may be committed but unprinted per kill: the one in flight."""
    conn = sqlite3.connect(journal_path(data_dir))
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        total = conn.execute("SELECT SUM(delta) FROM taps WHERE session_id = ?", (sid,)).fetchone()
    finally:
        conn.close()
    total = total[0] or 0
    known = max(printed, stats.in_journal)  # what this round printed, or the journal held before
    stats.printed = max(stats.printed, printed)
    stats.taps_unacknowledged += total - known
    stats.in_journal = total
    if integrity != "ok":
        return f"integrity_check: {integrity}"
    if total < known:
        return f"printed or held {known} but the journal holds {total}"
    if total > known + 1:
        return f"{total - known} taps committed unprinted (at most 1 may be)"
    if any("unreadable" in p.name for p in data_dir.iterdir()):
        return "the journal was moved aside"
    return None


if __name__ == "__main__":
    counter(sys.argv[1], sys.argv[2])
