"""`stem-listing`: kiosks, admin tokens, serve and --version against a real database; exit codes.

The token printed on the last line is the one that works over HTTP; only its hash is stored.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from listing import db
from listing.cli import build_parser, main
from listing.schema import kiosks
from tests.support.listing_server import running_listing, serving

KIOSK_LIST_HEADER = (
    "kiosk\tstate\tlast heard from\tversion\tsessions\treported\twaiting\tattention\trefused\ttour"
)


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
    assert code == 0 and lines[1].startswith("mobilab-gent-2\trevoked")


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
    assert run(capsys, "kiosk", "list")[1] == [KIOSK_LIST_HEADER]


def test_an_unreachable_database_is_try_again_later(capsys):
    url = "postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2"
    code, _, err = run(capsys, "--db", url, "kiosk", "list")
    assert code == 3 and "database unavailable" in err


def test_serve_runs_the_listing_until_stopped(tmp_path):
    """The installed `stem-listing serve` as a real process, answering on loopback."""
    with serving(f"sqlite:///{tmp_path / 'served.db'}") as served:
        assert httpx.get(f"{served.url}/v1/health").json()["status"] == "ok"
        assert "database schema upgraded from nothing to" in served.output()
    assert served.process.returncode is not None


def test_serve_takes_host_and_port():
    args = build_parser().parse_args(
        ["--db", "sqlite://", "serve", "--host", "0.0.0.0", "--port", "9"]
    )
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9, "sqlite://")


def test_version_from_the_command_and_from_python_m_listing():
    from listing.cli import software_version

    expected = f"stem-listing {software_version()}"
    assert software_version() != "unknown"
    installed = str(Path(sys.executable).with_name("stem-listing"))
    for command in ([installed], [sys.executable, "-m", "listing"]):
        done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stdout.strip()) == (0, expected)
    done = subprocess.run(
        [sys.executable, "-m", "listing", "kiosk", "add", "Bad_Id"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "invalid kiosk id" in done.stderr


def kiosk_row(capsys, url: str, kiosk_id: str) -> dict[str, str]:
    code, lines, _ = run(capsys, "--db", url, "kiosk", "list")
    assert code == 0
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    return next(r for r in rows if r["kiosk"] == kiosk_id)


def test_kiosk_list_shows_last_heard_from_version_and_sessions_held(server, capsys):
    from tests.listing.snapshots import snapshot

    token = server.add_kiosk("mobilab-gent-2")
    url = server.db_url
    assert kiosk_row(capsys, url, "mobilab-gent-2") == {
        "kiosk": "mobilab-gent-2", "state": "active", "last heard from": "never",
        "version": "unknown", "sessions": "0", "reported": "never", "waiting": "-",
        "attention": "-", "refused": "-", "tour": "-",
    }  # fmt: skip
    kiosk = {"Authorization": f"Bearer {token}", "User-Agent": "stem-kiosk/0.2.0"}
    with httpx.Client(base_url=server.url, headers=kiosk) as http:
        started = time.time()
        snaps = [snapshot(new_id=True, kiosk_id="mobilab-gent-2") for _ in range(3)]
        assert http.post("/v1/sessions/batch", json={"sessions": snaps}).status_code == 200
        row = kiosk_row(capsys, url, "mobilab-gent-2")
        assert (row["version"], row["sessions"], row["state"]) == ("0.2.0", "3", "active")
        heard = datetime.fromisoformat(row["last heard from"]).timestamp()
        assert started - 1 <= heard <= time.time()
        # another client with the same token says nothing of a version: the kiosk's stays
        assert http.get("/v1/health").status_code == 200
        other = {"User-Agent": "curl/8.0"}
        assert http.get("/v1/kiosks/mobilab-gent-2/sessions", headers=other).status_code == 200
        assert kiosk_row(capsys, url, "mobilab-gent-2")["version"] == "0.2.0"
        newer = {"User-Agent": "stem-kiosk/0.3.0 (python-requests)"}
        assert http.get("/v1/kiosks/mobilab-gent-2/sessions", headers=newer).status_code == 200
        assert kiosk_row(capsys, url, "mobilab-gent-2")["version"] == "0.3.0"
    bad = {"Authorization": "Bearer not-a-token", "User-Agent": "stem-kiosk/9.9"}
    assert (
        httpx.get(f"{server.url}/v1/kiosks/mobilab-gent-2/sessions", headers=bad).status_code == 401
    )
    assert kiosk_row(capsys, url, "mobilab-gent-2")["version"] == "0.3.0"


def test_admin_tokens_are_listed_by_id_and_revoked_by_id_or_prefix(server, capsys):
    url = server.db_url
    tokens = [run(capsys, "--db", url, "admin-token")[1][-1] for _ in range(3)]
    code, lines, _ = run(capsys, "--db", url, "admin-token", "list")
    assert code == 0 and lines[0] == "id\tprefix\tcreated\tstate"
    listed = [line.split("\t") for line in lines[1:]]
    assert [row[1] for row in listed] == [f"{t[:8]}…" for t in tokens]
    assert not any(t in "\n".join(lines) for t in tokens)  # never the tokens themselves

    def report(token: str) -> int:
        headers = {"Authorization": f"Bearer {token}"}
        return httpx.get(f"{server.url}/reports/monthly.csv", headers=headers).status_code

    assert [report(t) for t in tokens] == [200, 200, 200]
    assert run(capsys, "--db", url, "admin-token", "revoke", listed[0][0])[0] == 0  # by id
    assert run(capsys, "--db", url, "admin-token", "revoke", tokens[1][:10])[0] == 0  # by prefix
    assert [report(t) for t in tokens] == [401, 401, 200]
    for unknown in ("nothing-like-it", "abc", ""):
        code, _, err = run(capsys, "--db", url, "admin-token", "revoke", unknown)
        assert code == 2 and "admin tokens match" in err
    assert report(tokens[2]) == 200
    states = [
        line.split("\t")[3] for line in run(capsys, "--db", url, "admin-token", "list")[1][1:]
    ]
    assert [s.split()[0] for s in states] == ["revoked", "revoked", "active"]
