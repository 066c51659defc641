"""The listing at scale: 1,000 kiosks × 1,000 sessions in PostgreSQL against 1 × 1,000, and
ingest by `serve --workers 2` against `--workers 1`.

Needs $STEM_TEST_POSTGRES_URL (a fresh schema per dataset, dropped after). Sessions are bulk
loaded with COPY in one transaction; the agenda, the streamed sessions CSV and a 500-session
batch are timed over real HTTP against a real `stem-listing serve`, each ratio against the
small dataset measured in the same run.
"""

from __future__ import annotations

import os
import random
import statistics
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from listing import db
from listing.bodies import validate_snapshot
from listing.migrate import upgrade
from listing.models.stored import StoredSession, now_text, utc_text
from listing.schema import admin_tokens, kiosks, sessions
from listing.security import hash_token, new_token
from tests.bench.bench_listing import concurrent_ingest
from tests.listing.snapshots import snapshot
from tests.support.listing_server import POSTGRES_ENV, postgres_schema, serving

LARGE, SMALL = (1000, 1000), (1, 1000)  # kiosks × sessions each
ROUNDS = 5
TOWNS = [f"Gemeente {i:02d}" for i in range(60)]
COLUMNS = [c.name for c in sessions.c]


def _rows(kiosk_id: str, n: int, rng: random.Random, start: datetime):
    """`n` stored sessions of one kiosk spread over three years, as COPY rows."""
    template = StoredSession.from_snapshot(validate_snapshot(snapshot()), now_text()).columns()
    for _ in range(n):
        began = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        status = rng.choices(["closed", "open", "cancelled"], [95, 3, 2])[0]
        row = template | {
            "session_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "kiosk_id": kiosk_id,
            "status": status,
            "municipality": rng.choice(TOWNS),
            "workshop_id": f"workshop-{rng.randrange(12)}",
            "started_at": utc_text(began),
            "ended_at": None if status == "open" else utc_text(began + timedelta(minutes=90)),
        }
        yield tuple(row[c] for c in COLUMNS)


def _load(url: str, kiosk_count: int, per_kiosk: int) -> tuple[float, str, str]:
    """Upgrade, add the kiosks and an admin token, COPY the sessions in one transaction.
    Returns the load time, a kiosk token and the admin token."""
    engine = db.make_engine(url)
    try:
        upgrade(engine)
        kiosk_token, admin = new_token(), new_token()
        rng = random.Random(2026)
        start = datetime(2024, 1, 1, tzinfo=UTC)
        began = time.perf_counter()
        with db.write(engine) as conn:
            conn.execute(
                kiosks.insert(),
                [
                    {
                        "kiosk_id": f"bench-{k:04d}",
                        "token_hash": hash_token(kiosk_token if k == 0 else new_token()),
                        "created_at": now_text(),
                    }
                    for k in range(kiosk_count)
                ],
            )
            conn.execute(
                admin_tokens.insert().values(token_hash=hash_token(admin), created_at=now_text())
            )
            raw = conn.connection.dbapi_connection
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY sessions ({', '.join(COLUMNS)}) FROM STDIN") as copy,
            ):
                for k in range(kiosk_count):
                    for row in _rows(f"bench-{k:04d}", per_kiosk, rng, start):
                        copy.write_row(row)
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
        return time.perf_counter() - began, kiosk_token, admin
    finally:
        engine.dispose()


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _median(work, rounds: int = ROUNDS) -> float:
    work()  # warm up
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _figures(url: str, kiosk_token: str, admin: str, pid: int) -> dict[str, float]:
    kiosk = {"Authorization": f"Bearer {kiosk_token}"}
    with httpx.Client(base_url=url, timeout=600) as http:

        def agenda():
            assert http.get("/").status_code == 200

        def filtered():
            assert http.get("/", params={"municipality": TOWNS[7]}).status_code == 200

        def batch():
            body = {"sessions": [snapshot(new_id=True, kiosk_id="bench-0000") for _ in range(500)]}
            answer = http.post("/v1/sessions/batch", json=body, headers=kiosk)
            assert {r["result"] for r in answer.json()["results"]} == {"created"}

        figures = {"agenda": _median(agenda), "filtered": _median(filtered)}
        figures["batch"] = _median(batch, 3)
        before = _peak_kib(pid)
        began = time.perf_counter()
        size = 0
        with http.stream(
            "GET", "/reports/sessions.csv", headers={"Authorization": f"Bearer {admin}"}
        ) as answer:
            for chunk in answer.iter_bytes():
                size += len(chunk)
        figures["csv"] = time.perf_counter() - began
        figures["csv_mb"] = size / 1e6
        figures["csv_peak_growth_mb"] = (_peak_kib(pid) - before) / 1024
    return figures


def _ingest(url: str, workers: int) -> float:
    """Sessions a second that 20 kiosks get through, each posting 10 batches of 100 at once."""
    engine = db.make_engine(url)
    try:
        upgrade(engine)
        tokens = {f"ingest-{k:02d}": new_token() for k in range(20)}
        with db.write(engine) as conn:
            conn.execute(
                kiosks.insert(),
                [
                    {"kiosk_id": k, "token_hash": hash_token(t), "created_at": now_text()}
                    for k, t in tokens.items()
                ],
            )
    finally:
        engine.dispose()
    with serving(url, workers=workers) as served:
        elapsed, errors = concurrent_ingest(served.url, tokens, 1000, 100)
    assert not errors, errors[:5]
    return 20 * 1000 / elapsed


@contextmanager
def _dataset(base: str, kiosk_count: int, per_kiosk: int):
    with postgres_schema(base) as url:
        loaded, token, admin = _load(url, kiosk_count, per_kiosk)
        with serving(url) as served:
            yield url, loaded, token, admin, served


def run(report) -> None:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        print(f"  (no {POSTGRES_ENV}: the PostgreSQL scale bench needs it)")
        return
    results = {}
    for name, (kiosk_count, per_kiosk) in (("small", SMALL), ("large", LARGE)):
        with _dataset(base, kiosk_count, per_kiosk) as (_url, loaded, token, admin, served):
            total = kiosk_count * per_kiosk
            report.row(f"{name}: COPY {total:,} sessions (1 tx)", loaded, "s")
            results[name] = _figures(served.url, token, admin, served.process.pid)
    small, large = results["small"], results["large"]
    labels = {
        "agenda": ("GET / (newest page)", "~1: paged"),
        "filtered": ("GET /?municipality=", "~1: indexed"),
        "batch": ("POST batch of 500 new", "~1"),
        "csv": ("GET /reports/sessions.csv (streamed)", "~1000: every row"),
    }
    for key, (label, goal) in labels.items():
        report.row(f"1M vs 1K: {label}", large[key], "s", baseline=small[key], goal=goal)
    report.row("1M: sessions.csv size", large["csv_mb"], "MB")
    report.row(
        "1M: server peak memory growth during the CSV",
        large["csv_peak_growth_mb"],
        "MB",
        baseline=small["csv_peak_growth_mb"] or None,
        goal="streamed: not ~ size",
    )
    with postgres_schema(base) as one_url:
        one = _ingest(one_url, 1)
    with postgres_schema(base) as two_url:
        two = _ingest(two_url, 2)
    report.row("ingest, serve --workers 1", one, "1/s")
    report.row("ingest, serve --workers 2", two, "1/s", baseline=one, goal="> 1 on 2 cores")
