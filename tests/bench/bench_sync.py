"""Sync throughput against the real listing on SQLite: batches vs one PUT each over a slow
link, 10,000 sessions over loopback (rate, peak memory), and the same with 10% of requests failing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from sqlalchemy import text

from kiosk.config import Config
from kiosk.journal import Journal
from kiosk.sync.client import ListingClient
from kiosk.sync.round import DONE, run_round
from tests.support.listing_server import running_listing
from tests.sync.conftest import STOP, WORKSHOP, write_config, write_token
from tests.sync.faulty_proxy import DROP_AFTER, DROP_BEFORE, TRUNCATE, FaultyProxy

SLOW_N, BIG_N = 1_000, 10_000
RTT_S = 0.050  # a phone hotspot
FAILING = ("500", "502", "503", DROP_BEFORE, DROP_AFTER, TRUNCATE)
# `stem-kiosk sync` in its own process, printing its CPU seconds and peak RSS (KiB) last.
# Peak RSS is VmHWM, which is the new process's own; ru_maxrss would carry over the peak of
# the bench process that started it.
CHILD = """
import pathlib, re, resource, sys
from kiosk.cli import main
code = main(sys.argv[1:])
use = resource.getrusage(resource.RUSAGE_SELF)
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", pathlib.Path("/proc/self/status").read_text()).group(1)
print(use.ru_utime + use.ru_stime, hwm, file=sys.stderr)
sys.exit(code)
"""


def run(report) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as scratch:
        root = Path(scratch)
        slow_link(report, root)
        _journal(root / "big", "bench-big", BIG_N)
        shutil.copytree(root / "big", root / "big-faulty")
        plain_s = loopback(report, root, root / "big")
        faulty(report, root, root / "big-faulty", plain_s)


def slow_link(report, root: Path) -> None:
    """1,000 sessions through 50 ms of round trip: one batch round vs one PUT per session."""
    _journal(root / "slow-batched", "bench-batched", SLOW_N)
    _journal(root / "slow-put", "bench-put", SLOW_N)
    with (
        running_listing(f"sqlite:///{root / 'slow.db'}") as srv,
        FaultyProxy(srv.url, delay_s=RTT_S) as proxy,
    ):
        with Journal.open(root / "slow-batched", kiosk_id="bench-batched") as journal:
            client = ListingClient(proxy.url, srv.add_kiosk("bench-batched"))
            started = time.perf_counter()
            done = run_round(journal, client, "bench-batched")
            batched_s = time.perf_counter() - started
            assert done.state == DONE and done.confirmed == SLOW_N, done.message
        with Journal.open(root / "slow-put", kiosk_id="bench-put") as journal:
            snapshots = journal.unconfirmed(limit=SLOW_N)
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {srv.add_kiosk('bench-put')}"
        started = time.perf_counter()
        for snapshot in snapshots:
            url = f"{proxy.url}/v1/sessions/{snapshot['session_id']}"
            http.put(url, json=snapshot, timeout=30).raise_for_status()
        put_s = time.perf_counter() - started
    report.row(
        f"{SLOW_N} sessions, 50 ms RTT: batched round", batched_s, "s",
        baseline=put_s, goal="(baseline: one PUT each)",
    )  # fmt: skip
    report.row(
        "speed-up batched vs one PUT each", SLOW_N / batched_s, "sessions/s",
        baseline=SLOW_N / put_s, goal="goal ratio >= 20",
    )  # fmt: skip


def loopback(report, root: Path, journal_dir: Path) -> float:
    """10,000 sessions with `stem-kiosk sync` in its own process: rate and peak memory."""
    with running_listing(f"sqlite:///{root / 'big.db'}") as srv:
        seconds, cpu_s, peak_kib = _cli_sync(root, journal_dir, srv.url, srv)
        _duplicates(srv, journal_dir)
    report.row(
        f"{BIG_N} sessions over loopback (whole CLI run)", BIG_N / seconds, "sessions/s",
        goal="goal >= 2000/s",
    )  # fmt: skip
    report.row("the sync process's own CPU (without the listing)", BIG_N / cpu_s, "sessions/CPU-s")
    report.row("peak memory of the sync process", peak_kib / 1024, "MiB")
    return seconds


def faulty(report, root: Path, journal_dir: Path, plain_s: float) -> None:
    """The same 10,000 through a proxy failing every 10th request: time, and zero duplicates."""
    with running_listing(f"sqlite:///{root / 'faulty.db'}") as srv, FaultyProxy(srv.url) as proxy:
        proxy.every(10, FAILING)
        seconds, _, _ = _cli_sync(root, journal_dir, proxy.url, srv)
        duplicates = _duplicates(srv, journal_dir)
    failed = len(proxy.log) - proxy.count("forward")
    report.row(
        f"{BIG_N} sessions, 10% of requests failing", seconds, "s",
        baseline=plain_s, goal=f"({failed} of {len(proxy.log)} requests failed)",
    )  # fmt: skip
    report.row("duplicates on the listing after the faulty run", duplicates, "sessions", goal="0")


def _journal(data_dir: Path, kiosk_id: str, n: int) -> None:
    with Journal.open(data_dir, kiosk_id=kiosk_id) as journal:
        for i in range(n):
            sid = journal.start_session(WORKSHOP, STOP)
            if i % 10 == 0:
                journal.count(sid, "14-17")


def _cli_sync(root: Path, data_dir: Path, url: str, srv) -> tuple[float, float, int]:
    """Seconds for the whole `stem-kiosk sync` process, its CPU seconds and peak RSS in KiB."""
    token_file = write_token(root / f"token-{data_dir.name}", srv.add_kiosk("bench-big"))
    config = Config(
        path=root / f"{data_dir.name}.yaml", kiosk_id="bench-big", data_dir=data_dir,
        listing_url=url, token_file=token_file,
    )  # fmt: skip
    write_config(config)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--config", str(config.path), "sync"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"sync exited {done.returncode}: {done.stderr[-2000:]}")
    cpu_s, peak_kib = done.stderr.strip().splitlines()[-1].split()
    return seconds, float(cpu_s), int(peak_kib)


def _duplicates(srv, data_dir: Path) -> int:
    """Asserts the listing holds exactly the kiosk's sessions at their revisions; extra rows."""
    with Journal.open(data_dir, kiosk_id="bench-big") as journal:
        kiosk = {s["session_id"]: s["revision"] for s, _ in journal.snapshots()}
    with srv.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT session_id, revision FROM sessions WHERE kiosk_id = 'bench-big'")
        ).fetchall()
    held = dict(rows)
    assert held == kiosk, "the listing does not hold exactly the kiosk's sessions"
    return len(rows) - len(held)
