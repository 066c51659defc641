"""The portal at scale: the fleet page and the reports page (and a kiosk's page and the funder
report) with 1,000 kiosks and 1,000,000 sessions in PostgreSQL, against the same pages with one
kiosk and 1,000 sessions, measured in the same run.

Needs $STEM_TEST_POSTGRES_URL. The data is loaded as bench_listing_scale loads it (COPY in one
transaction), plus a status report per kiosk; then VACUUM ANALYZE, as autovacuum leaves a table
after many inserts. The pages are asked over real HTTP of a real `stem-listing serve` on
loopback, logged in, ROUNDS times each: median and 95th percentile of the answer time.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from datetime import UTC, datetime, timedelta

import httpx

from listing import db
from listing.models.stored import utc_text
from listing.schema import kiosk_reports
from tests.bench.bench_listing_scale import LARGE, SMALL, _load
from tests.listing.portal import PASSWORD, add_person, log_in, status_report
from tests.support.listing_server import POSTGRES_ENV, postgres_schema, serving

ROUNDS = 20
PAGES = {
    "fleet": ("/portal/", "~1: paged, one row per kiosk read"),
    "reports": ("/portal/reports", "the last 12 months: sums in SQL"),
    "funder": ("/portal/reports/funder", "as reports"),
    "kiosk": ("/portal/kiosks/bench-0000", "~1: paged"),
}


def _reports(url: str, kiosk_count: int) -> None:
    """A status report per kiosk, a few of them silent or behind."""
    engine = db.make_engine(url)
    now = datetime.now(UTC)
    rows = []
    for k in range(kiosk_count):
        kiosk_id = f"bench-{k:04d}"
        at = now - timedelta(days=5 if k % 50 == 7 else 0, minutes=k)
        body = status_report(
            kiosk_id,
            at.isoformat().replace("+00:00", "Z"),
            software_version="0.1.9" if k % 40 == 3 else "0.2.0",
            workshops=[{"id": f"workshop-{w}", "version": "1.0"} for w in range(12)],
        )
        rows.append(
            {
                "kiosk_id": kiosk_id,
                "reported_at": utc_text(at),
                "received_at": utc_text(at),
                "report": json.dumps(body),
            }
        )
    try:
        with db.write(engine) as conn:
            conn.execute(kiosk_reports.insert(), rows)
        # What autovacuum does to a table after many inserts: the visibility map that lets
        # reports read the covering index alone, and fresh statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        add_person(engine, "bench", "coordinator", PASSWORD)
    finally:
        engine.dispose()


def _times(http: httpx.Client, path: str) -> list[float]:
    assert http.get(path).status_code == 200  # warm up
    found = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        answer = http.get(path)
        found.append(time.perf_counter() - began)
        assert answer.status_code == 200, (path, answer.status_code)
    return found


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _measure(base: str, kiosk_count: int, per_kiosk: int, report) -> dict[str, list[float]]:
    with postgres_schema(base) as url:
        loaded, _token, _admin = _load(url, kiosk_count, per_kiosk)
        _reports(url, kiosk_count)
        report.row(f"{kiosk_count} × {per_kiosk:,}: COPY the sessions", loaded, "s")
        with serving(url) as served, httpx.Client(base_url=served.url, timeout=600) as http:
            http.headers["Accept"] = "text/html"
            assert log_in(http, "bench", PASSWORD).status_code == 303
            return {name: _times(http, path) for name, (path, _goal) in PAGES.items()}


def run(report) -> None:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        print(f"  (no {POSTGRES_ENV}: the portal bench needs PostgreSQL)")
        return
    small = _measure(base, *SMALL, report)
    large = _measure(base, *LARGE, report)
    for name, (path, goal) in PAGES.items():
        report.row(
            f"1M vs 1K: {path} median",
            statistics.median(large[name]),
            "s",
            baseline=statistics.median(small[name]),
            goal=goal,
        )
        report.row(f"1M vs 1K: {path} p95", _p95(large[name]), "s", baseline=_p95(small[name]))
