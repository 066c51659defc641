"""Start the REAL listing (uvicorn, real database) on 127.0.0.1 for a test, and its databases.

    with running_listing(db_url) as srv:
        token = srv.add_kiosk("k1"); srv.url; srv.revoke("k1"); srv.maintenance(30)
        srv.use_database(other_url)   # same server, another (fresh) database
        stop_id = srv.add_stop("k1", "2027-02-12", "Bib Gent", workshops=["reactiespel"])
        srv.cancel_stop(stop_id); srv.set_tour("k1", "Voorjaarstour 2027")
        sha = srv.add_pack(zip_bytes, "voorjaar", kiosks=["k1"])   # kiosks=None: every kiosk
        srv.assign_pack(sha, None); srv.remove_pack(sha); srv.report("k1")  # latest status
    with serving(db_url, workers=2) as url: ...   # the real `stem-listing serve` process

`listing_db_url` is a pytest fixture parametrised over sqlite and postgresql (a fresh schema
per test in $STEM_TEST_POSTGRES_URL; under CI=true a missing PostgreSQL fails, else skips).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text

from listing import db
from listing.app import attach_database, create_app
from listing.models.incoming_fleet import StopIn, stop_rules
from listing.packcheck import check_pack
from listing.security import hash_token, new_token
from listing.settings import Settings
from listing.storage import kiosks, maintenance, packs, reports, stops
from tests.support.needs import missing

POSTGRES_ENV = "STEM_TEST_POSTGRES_URL"


@dataclass
class ListingServer:
    """A running listing: `url` is its base (http://127.0.0.1:PORT), without a trailing /."""

    url: str
    db_url: str
    app: object

    @property
    def engine(self):
        return self.app.state.engine

    def add_kiosk(self, kiosk_id: str) -> str:
        """Register a kiosk (as `stem-listing kiosk add` does); returns its new token."""
        token = new_token()
        with db.write(self.engine) as conn:
            kiosks.add_kiosk(conn, kiosk_id, hash_token(token))
        return token

    def revoke(self, kiosk_id: str) -> None:
        with db.write(self.engine) as conn:
            kiosks.revoke_kiosk(conn, kiosk_id)

    def admin_token(self) -> str:
        token = new_token()
        with db.write(self.engine) as conn:
            kiosks.add_admin(conn, hash_token(token), token[: kiosks.PREFIX_LENGTH])
        return token

    def add_stop(
        self,
        kiosk_id: str,
        date: str,
        name: str = "Bibliotheek Maldegem",
        *,
        workshops: Sequence[str] = (),
        venue_type: str = "library",
        municipality: str = "Maldegem",
        postcode: str | None = "9990",
        starts_at: str | None = None,
        ends_at: str | None = None,
    ) -> str:
        """Plan a stop, checked as `stem-listing stop add` checks it (times RFC 3339); returns
        its stop_id."""
        stop = StopIn(
            kiosk_id=kiosk_id, date=date, name=name, venue_type=venue_type,
            municipality=municipality, postcode=postcode, starts_at=starts_at, ends_at=ends_at,
            workshops=list(workshops),
        )  # fmt: skip
        if broken := stop_rules(stop):
            raise ValueError(broken)
        with db.write(self.engine) as conn:
            return stops.add_stop(conn, stop).stop_id

    def cancel_stop(self, stop_id: str) -> None:
        with db.write(self.engine) as conn:
            stops.cancel_stop(conn, stop_id)

    def set_tour(self, kiosk_id: str, name: str | None) -> None:
        with db.write(self.engine) as conn:
            kiosks.set_tour(conn, kiosk_id, name)

    def add_pack(self, data: bytes, name: str, kiosks: Sequence[str] | None = None) -> str:
        """Store a pack (checked as `stem-listing pack add` does) for `kiosks`, None: every
        kiosk; returns its sha256."""
        pack = check_pack(data)
        with db.write(self.engine) as conn:
            packs.store_pack(conn, pack, name, kiosks)
        return pack.sha256

    def assign_pack(self, sha256: str, kiosks: Sequence[str] | None) -> None:
        with db.write(self.engine) as conn:
            packs.assign_pack(conn, sha256, kiosks)

    def remove_pack(self, sha256: str) -> None:
        with db.write(self.engine) as conn:
            packs.remove_pack(conn, sha256)

    def report(self, kiosk_id: str) -> dict | None:
        """The kiosk's latest status report as the listing keeps it (validated), or None."""
        with db.read(self.engine) as conn:
            latest = reports.recent_reports(conn, kiosk_id, limit=1)
        return latest[0].report if latest else None

    def use_database(self, db_url: str) -> None:
        """Point the running listing at another database (upgraded first), e.g. a fresh one
        per test; the old engine is disposed. Its rate windows start empty with it."""
        attach_database(self.app, db_url)
        self.db_url = db_url

    def maintenance(self, retry_after: int | None) -> None:
        """Answer kiosks 503 with this Retry-After (seconds) from now on; None ends it."""
        with db.write(self.engine) as conn:
            if retry_after is None:
                maintenance.switch_off(conn)
            else:
                maintenance.switch_on(conn, retry_after)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # As `stem-listing serve` has it: without this, every answer on a kept-alive connection
    # waits ~40 ms (its body behind its headers, Nagle against delayed ACKs).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_listing(db_url: str, *, rate_per_minute: int = 0) -> Iterator[ListingServer]:
    """The listing on a free port of 127.0.0.1 until the block ends (rate limit off unless set)."""
    app = create_app(db_url, Settings(rate_per_minute=rate_per_minute))
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_keep_alive=30)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the listing did not start")
            threading.Event().wait(0.01)
        yield ListingServer(f"http://127.0.0.1:{port}", db_url, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.engine.dispose()


@dataclass
class ServeProcess:
    """A running `stem-listing serve`: its base URL and everything it printed so far."""

    url: str
    process: subprocess.Popen
    log: IO[bytes]

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


@contextmanager
def serving(
    db_url: str, *, workers: int = 1, env: dict[str, str] | None = None, journal: bool = False
):
    """The installed `stem-listing serve` as a real process (its own workers) on a free port of
    127.0.0.1, answering /v1/health before the block starts; stopped after. `journal`: its
    output file is announced as the journal stream ($JOURNAL_STREAM), as systemd does."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    sock.close()
    command = [
        str(Path(sys.executable).with_name("stem-listing")), "--db", db_url,
        "serve", "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        environment = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
        if journal:
            found = os.fstat(log.fileno())
            environment["JOURNAL_STREAM"] = f"{found.st_dev}:{found.st_ino}"
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=environment | (env or {})
        )
        served = ServeProcess(f"http://127.0.0.1:{port}", process, log)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{served.url}/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"stem-listing serve did not start:\n{served.output()}")
                time.sleep(0.1)
            yield served
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _with_search_path(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A fresh, empty schema in the test database; yields a URL that uses it. Dropped after."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield _with_search_path(base_url, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def postgres_url_or_skip() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    missing(f"PostgreSQL tests need {POSTGRES_ENV} (see .ci/run)")


@pytest.fixture(params=["sqlite", "postgresql"])
def listing_db_url(request, tmp_path) -> Iterator[str]:
    """A clean database URL: an SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'listing.db'}"
        return
    with postgres_schema(postgres_url_or_skip()) as url:
        yield url
