"""No state in the process: real `stem-listing serve` processes on one database answer as one.

The contract's revision races split across two processes on one PostgreSQL; the rate limit and
maintenance switch hold across processes; `serve --workers 2` runs two worker processes.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from listing import db
from listing.security import hash_token, new_token
from listing.storage import kiosks
from tests.listing.snapshots import KIOSK
from tests.listing.test_concurrency import batches_race, first_puts_race, revisions_race
from tests.support.listing_server import postgres_schema, postgres_url_or_skip, serving

RACERS = 20


@pytest.fixture
def postgres_url():
    with postgres_schema(postgres_url_or_skip()) as url:
        yield url


def kiosk_token(url: str, kiosk_id: str = KIOSK) -> str:
    """A kiosk registered in the database (upgraded first), as `stem-listing kiosk add` does."""
    engine = db.make_engine(url)
    try:
        from listing.migrate import upgrade

        upgrade(engine)
        token = new_token()
        with db.write(engine) as conn:
            kiosks.add_kiosk(conn, kiosk_id, hash_token(token))
        return token
    finally:
        engine.dispose()


@pytest.mark.parametrize("race", [first_puts_race, revisions_race, batches_race])
def test_the_revision_races_split_across_two_processes_answer_as_one(postgres_url, race):
    token = kiosk_token(postgres_url)
    with serving(postgres_url) as one:
        race([one.url], token, RACERS)
        with serving(postgres_url) as two:
            race([one.url, two.url], token, RACERS)


def get_sessions(url: str, token: str) -> httpx.Response:
    return httpx.get(
        f"{url}/v1/kiosks/{KIOSK}/sessions", headers={"Authorization": f"Bearer {token}"}
    )


def test_the_rate_limit_holds_across_two_processes(listing_db_url):
    token = kiosk_token(listing_db_url)
    limited = {"STEM_LISTING_RATE_LIMIT": "6"}
    with serving(listing_db_url, env=limited) as one, serving(listing_db_url, env=limited) as two:
        answers = [get_sessions((one, two)[i % 2].url, token) for i in range(8)]
    assert [a.status_code for a in answers] == [200] * 6 + [429] * 2
    assert all(int(a.headers["Retry-After"]) >= 1 for a in answers[6:])


def test_maintenance_switched_on_the_command_line_reaches_every_process(listing_db_url, capsys):
    from listing.cli import main

    token = kiosk_token(listing_db_url)
    with serving(listing_db_url) as one, serving(listing_db_url) as two:
        assert main(["--db", listing_db_url, "maintenance", "on", "--retry-after", "42"]) == 0
        answers = [get_sessions(s.url, token) for s in (one, two)]
        assert [(a.status_code, a.headers.get("Retry-After")) for a in answers] == [
            (503, "42"),
            (503, "42"),
        ]
        assert main(["--db", listing_db_url, "maintenance", "status"]) == 0
        assert main(["--db", listing_db_url, "maintenance", "off"]) == 0
        assert [get_sessions(s.url, token).status_code for s in (one, two)] == [200, 200]
    out = capsys.readouterr().out
    assert "Retry-After 42" in out and "maintenance off" in out


def workers_of(pid: int) -> list[int]:
    """The worker processes uvicorn spawned for `pid` (not multiprocessing's helpers)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(proc.name))
    return found


def test_serve_with_two_workers_runs_two_processes_that_share_the_database(postgres_url):
    token = kiosk_token(postgres_url)
    with serving(postgres_url, workers=2) as served:
        assert len(workers_of(served.process.pid)) == 2, served.output()
        revisions_race([served.url], token, RACERS)


def test_a_worker_refuses_a_database_that_is_not_upgraded(tmp_path, monkeypatch):
    """Workers never migrate (serve does, once, under the lock): one that finds an old schema
    says so instead of serving it."""
    from listing.app import from_environment
    from listing.migrate import SchemaRefused

    monkeypatch.setenv("STEM_LISTING_DB", f"sqlite:///{tmp_path / 'old.db'}")
    with pytest.raises(SchemaRefused, match="stem-listing db upgrade"):
        from_environment()
