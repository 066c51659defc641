"""Tokens and ownership: 401 for missing, unknown or revoked tokens; 403 for other kiosks."""

from __future__ import annotations

import httpx
import pytest

from tests.listing.snapshots import KIOSK, snapshot


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        bearer("not-a-token"),
        {"Authorization": "Basic a2lvc2s6eA=="},
        {"Authorization": "Bearer"},
    ],
    ids=["missing", "unknown", "not-bearer", "empty"],
)
def test_no_valid_token_is_401(server, anonymous, headers):
    server.add_kiosk(KIOSK)
    snap = snapshot()
    answer = anonymous.put(f"/v1/sessions/{snap['session_id']}", json=snap, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["status"] == 401 and problem["type"] and problem["title"]
    batch = anonymous.post("/v1/sessions/batch", json={"sessions": [snap]}, headers=headers)
    assert batch.status_code == 401
    listing = anonymous.get(f"/v1/kiosks/{KIOSK}/sessions", headers=headers)
    assert listing.status_code == 401


def test_a_revoked_token_is_401_and_a_new_token_works(server, client, token):
    snap = snapshot()
    assert client.put(f"/v1/sessions/{snap['session_id']}", json=snap).status_code == 201
    server.revoke(KIOSK)
    assert client.put(f"/v1/sessions/{snap['session_id']}", json=snap).status_code == 401
    fresh = server.add_kiosk(KIOSK)
    answer = client.put(f"/v1/sessions/{snap['session_id']}", json=snap, headers=bearer(fresh))
    assert answer.status_code == 200
    assert client.get("/v1/health", headers=bearer(token)).status_code == 200


def test_a_snapshot_of_another_kiosk_id_is_403(client):
    snap = snapshot(kiosk_id="mobilab-gent-2")
    answer = client.put(f"/v1/sessions/{snap['session_id']}", json=snap)
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["pointer"] == "/kiosk_id"


def test_a_session_that_belongs_to_another_kiosk_is_403(server, client):
    other = server.add_kiosk("mobilab-gent-2")
    theirs = snapshot(kiosk_id="mobilab-gent-2")
    sid = theirs["session_id"]
    assert client.put(f"/v1/sessions/{sid}", json=theirs, headers=bearer(other)).status_code == 201
    mine = snapshot(revision=9)
    answer = client.put(f"/v1/sessions/{sid}", json=mine)
    assert answer.status_code == 403
    listed = client.get("/v1/kiosks/mobilab-gent-2/sessions", headers=bearer(other)).json()
    assert listed["sessions"] == [{"session_id": sid, "revision": 4}]


def test_a_kiosk_may_not_list_another_kiosks_sessions(server, client):
    server.add_kiosk("mobilab-gent-2")
    assert client.get("/v1/kiosks/mobilab-gent-2/sessions").status_code == 403
    assert client.get(f"/v1/kiosks/{KIOSK}/sessions").json() == {"sessions": []}


def test_health_needs_no_token_and_ignores_a_bad_one(anonymous):
    for headers in ({}, bearer("nonsense")):
        answer = anonymous.get("/v1/health", headers=headers)
        assert answer.status_code == 200
        body = answer.json()
        assert body["status"] == "ok"
        assert body["server_time"].endswith("Z")


def test_the_rate_limit_answers_429_with_retry_after(listing_db_url):
    from tests.support.listing_server import running_listing

    with running_listing(listing_db_url, rate_per_minute=3) as srv:
        headers = bearer(srv.add_kiosk(KIOSK))
        with httpx.Client(base_url=srv.url, headers=headers) as http:
            codes = [http.get(f"/v1/kiosks/{KIOSK}/sessions").status_code for _ in range(4)]
            last = http.get(f"/v1/kiosks/{KIOSK}/sessions")
    assert codes == [200, 200, 200, 429]
    assert int(last.headers["Retry-After"]) >= 1
    assert last.headers["content-type"].startswith("application/problem+json")


def test_maintenance_answers_503_with_retry_after(server, client):
    server.maintenance(42)
    answer = client.get(f"/v1/kiosks/{KIOSK}/sessions")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "42"
    assert client.get("/v1/health").status_code == 200
    server.maintenance(None)
    assert client.get(f"/v1/kiosks/{KIOSK}/sessions").status_code == 200
