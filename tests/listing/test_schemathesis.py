"""schemathesis against /openapi.json of the real listing over loopback, on both databases:
no 5xx, and every answer matches the documented status codes, content types and schemas.

Bounded (a fixed seed and number of examples) so it stays well under a minute per database.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from listing.localtime import today
from tests.listing.packs import good_pack
from tests.listing.snapshots import KIOSK, snapshot

CHECKS = ",".join(
    [
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
    ]
)


def schemathesis(url: str, token: str, cwd: Path) -> subprocess.CompletedProcess:
    st = Path(sys.executable).with_name("st")
    command = [
        str(st), "run", f"{url}/openapi.json",
        "--checks", CHECKS,
        "-H", f"Authorization: Bearer {token}",
        "--phases", "fuzzing",
        "--max-examples", "20",
        "--seed", "20260212",
        "--generation-database", "none",
        "--workers", "2",
        "--no-color",
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=cwd
    )


def test_the_api_keeps_its_openapi_promises(server, client, tmp_path):
    for i in range(3):  # something to find, update and conflict with
        snap = snapshot(new_id=True, revision=i + 1)
        assert client.put(f"/v1/sessions/{snap['session_id']}", json=snap).status_code == 201
    soon = (today() + timedelta(days=2)).isoformat()  # upcoming stops on / and /v1/agenda
    server.add_stop(KIOSK, soon, workshops=["reactiespel", "lichtshow"])
    server.cancel_stop(server.add_stop(KIOSK, soon, "Afgelast"))
    server.add_pack(good_pack(), "voorjaar")
    run = schemathesis(server.url, server.add_kiosk("mobilab-gent-2"), tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert client.get(f"/v1/kiosks/{KIOSK}/sessions").status_code == 200
