"""Listing throughput: one batch of 500 applied vs a bare insert loop; 50 concurrent kiosks.

SQLite always; PostgreSQL when $STEM_TEST_POSTGRES_URL is set (a fresh schema, dropped after).
Loopback only; every figure is the median of a few rounds measured in this run.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

from listing import db
from listing.bodies import validate_snapshot
from listing.models.stored import StoredSession, now_text
from listing.schema import sessions
from listing.storage.sessions import apply_all
from tests.listing.snapshots import snapshot
from tests.support.listing_server import POSTGRES_ENV, postgres_schema, running_listing

ROUNDS = 3
BATCH = 500
KIOSKS, PER_KIOSK, CHUNK = 50, 100, 20


def _snapshots(kiosk: str, n: int) -> list[dict]:
    return [snapshot(session_id=str(uuid.uuid4()), kiosk_id=kiosk) for _ in range(n)]


def _stored(snaps: list[dict]) -> list[StoredSession]:
    return [StoredSession.from_snapshot(validate_snapshot(s), now_text()) for s in snaps]


def _bare_loop(engine, rows: list[StoredSession]) -> float:
    """The baseline: the same rows written in one transaction by one executemany, nothing else
    (no lookups, no revision rules): the fastest a bare insert can be."""
    started = time.perf_counter()
    with db.write(engine) as conn:
        conn.execute(sessions.insert(), [row.columns() for row in rows])
    return time.perf_counter() - started


def _apply(engine, kiosk: str, rows: list[StoredSession]) -> float:
    started = time.perf_counter()
    outcomes = db.run_write(engine, lambda conn: apply_all(conn, kiosk, rows))
    assert all(o.result == "created" for o in outcomes)
    return time.perf_counter() - started


def _one_batch(report, kind: str, srv) -> None:
    kiosk = "bench-1"
    headers = {"Authorization": f"Bearer {srv.add_kiosk(kiosk)}"}
    base, stored, http = [], [], []
    with httpx.Client(base_url=srv.url, headers=headers, timeout=120) as client:
        for _ in range(ROUNDS):
            base.append(_bare_loop(srv.engine, _stored(_snapshots(kiosk, BATCH))))
            stored.append(_apply(srv.engine, kiosk, _stored(_snapshots(kiosk, BATCH))))
            body = {"sessions": _snapshots(kiosk, BATCH)}
            started = time.perf_counter()
            answer = client.post("/v1/sessions/batch", json=body)
            http.append(time.perf_counter() - started)
            assert answer.status_code == 200
            assert {r["result"] for r in answer.json()["results"]} == {"created"}
    baseline = statistics.median(base)
    report.row(f"{kind}: bare executemany insert, {BATCH} rows, 1 tx", baseline, "s")
    report.row(
        f"{kind}: apply_all {BATCH} (revision rules, 1 tx)",
        statistics.median(stored),
        "s",
        baseline=baseline,
    )
    report.row(
        f"{kind}: POST batch of {BATCH} over HTTP",
        statistics.median(http),
        "s",
        baseline=baseline,
        goal="validation + rules + HTTP",
    )


def concurrent_ingest(
    url: str, tokens: dict[str, str], per_kiosk: int, chunk: int
) -> tuple[float, list[str]]:
    """Every kiosk at once posts `per_kiosk` new sessions in batches of `chunk`: the seconds
    from the common start until the last is done, and whatever was not `created`."""
    errors: list[str] = []
    barrier = threading.Barrier(len(tokens) + 1)

    def kiosk(kiosk_id: str, token: str) -> None:
        items = _snapshots(kiosk_id, per_kiosk)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=300) as client:
            barrier.wait()
            for start in range(0, per_kiosk, chunk):
                try:
                    answer = client.post(
                        "/v1/sessions/batch", json={"sessions": items[start : start + chunk]}
                    )
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                    continue
                if answer.status_code != 200:
                    errors.append(f"{answer.status_code}")
                    continue
                errors.extend(
                    r["result"] for r in answer.json()["results"] if r["result"] != "created"
                )

    threads = [threading.Thread(target=kiosk, args=item) for item in tokens.items()]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, errors


def _many_kiosks(report, kind: str, srv) -> None:
    tokens = {f"bench-k{i:02d}": srv.add_kiosk(f"bench-k{i:02d}") for i in range(KIOSKS)}
    elapsed, errors = concurrent_ingest(srv.url, tokens, PER_KIOSK, CHUNK)
    total = KIOSKS * PER_KIOSK
    report.row(f"{kind}: {KIOSKS} kiosks x {PER_KIOSK} in batches of {CHUNK}", elapsed, "s")
    report.row(f"{kind}: sessions per second", total / elapsed, "1/s")
    report.row(f"{kind}: errors", len(errors), "count", goal="0")


def run(report) -> None:
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(TemporaryDirectory(prefix="bench-listing-")))
        targets = [("sqlite", f"sqlite:///{scratch / 'listing.db'}")]
        if os.environ.get(POSTGRES_ENV):
            targets.append(
                ("postgresql", stack.enter_context(postgres_schema(os.environ[POSTGRES_ENV])))
            )
        else:
            print(f"  (no {POSTGRES_ENV}: PostgreSQL figures skipped)")
        for kind, url in targets:
            with running_listing(url) as srv:
                _one_batch(report, kind, srv)
                _many_kiosks(report, kind, srv)
