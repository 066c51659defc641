"""`stem-listing`: kiosk add/revoke/list and admin-token against a real database; exit codes.

The token printed on the last line is the one that works over HTTP; only its hash is stored.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from listing import db
from listing.cli import build_parser, main
from listing.schema import kiosks
from tests.support.listing_server import running_listing


def run(capsys, *argv) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def test_a_kiosk_added_on_the_command_line_can_sync_until_revoked(capsys, listing_db_url):
    code, lines, _ = run(capsys, "--db", listing_db_url, "kiosk", "add", "mobilab-gent-2")
    assert code == 0
    token = lines[-1]
    assert len(token) >= 40 and " " not in token
    with running_listing(listing_db_url) as srv:
        engine = srv.engine
        with db.read(engine) as conn:
            stored = conn.execute(select(kiosks.c.token_hash)).scalars().all()
        assert token not in stored and len(stored) == 1  # a hash, never the token
        headers = {"Authorization": f"Bearer {token}"}
        url = f"{srv.url}/v1/kiosks/mobilab-gent-2/sessions"
        assert httpx.get(url, headers=headers).status_code == 200
        assert run(capsys, "--db", listing_db_url, "kiosk", "revoke", "mobilab-gent-2")[0] == 0
        assert httpx.get(url, headers=headers).status_code == 401
    code, lines, _ = run(capsys, "--db", listing_db_url, "kiosk", "list")
    assert code == 0 and lines[0].startswith("mobilab-gent-2\trevoked")


def test_admin_token_opens_the_reports(capsys, listing_db_url):
    code, lines, _ = run(capsys, "--db", listing_db_url, "admin-token")
    assert code == 0
    with running_listing(listing_db_url) as srv:
        answer = httpx.get(
            f"{srv.url}/reports/monthly.csv", headers={"Authorization": f"Bearer {lines[-1]}"}
        )
    assert answer.status_code == 200


def test_usage_problems_and_unknown_names(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert run(capsys, "--db", url, "kiosk", "add", "Not_Valid")[0] == 2
    assert run(capsys, "--db", url, "kiosk", "revoke", "nobody")[0] == 2
    assert run(capsys, "--db", url, "kiosk", "add", "k1")[0] == 0
    code, _, err = run(capsys, "--db", url, "kiosk", "add", "k1")
    assert code == 1 and "exists" in err
    with pytest.raises(SystemExit) as exc:
        main(["fly"])
    assert exc.value.code == 2


def test_the_default_database_is_an_owner_only_file_in_the_data_dir(capsys, monkeypatch):
    monkeypatch.delenv("STEM_LISTING_DB", raising=False)
    assert run(capsys, "kiosk", "add", "k1")[0] == 0
    path = Path(os.environ["XDG_DATA_HOME"]) / "stem-listing" / "listing.db"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.setenv("STEM_LISTING_DB", f"sqlite:///{path.parent / 'other.db'}")
    assert run(capsys, "kiosk", "list")[1] == []


def test_an_unreachable_database_is_try_again_later(capsys):
    url = "postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2"
    code, _, err = run(capsys, "--db", url, "kiosk", "list")
    assert code == 3 and "database unavailable" in err


def test_serve_runs_the_listing_until_stopped(tmp_path):
    """The installed `stem-listing serve` as a real process, answering on loopback."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    command = [
        str(Path(sys.executable).with_name("stem-listing")),
        "--db", f"sqlite:///{tmp_path / 'served.db'}",
        "serve", "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.1)
        assert answer.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_takes_host_and_port():
    args = build_parser().parse_args(
        ["--db", "sqlite://", "serve", "--host", "0.0.0.0", "--port", "9"]
    )
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9, "sqlite://")
