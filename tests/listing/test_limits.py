"""Body size (413, chunked bodies too) and the contract's order of checks, over real HTTP.

Order: token 401, size 413, JSON 400, rules 422, ownership 403, then revision rules.
"""

from __future__ import annotations

import json

from tests.listing.snapshots import snapshot

MIB = 1_048_576
SID = snapshot()["session_id"]


def padded(size: int) -> bytes:
    """A valid snapshot padded with an ignored field to exactly `size` bytes."""
    snap = snapshot(pad="")
    base = len(json.dumps(snap).encode())
    snap["pad"] = "x" * (size - base)
    body = json.dumps(snap).encode()
    assert len(body) == size
    return body


def chunks(body: bytes, size: int = 65536):
    for start in range(0, len(body), size):
        yield body[start : start + size]


JSON = {"Content-Type": "application/json"}


def test_a_body_of_exactly_1_mib_is_accepted(client):
    answer = client.put(f"/v1/sessions/{SID}", content=padded(MIB), headers=JSON)
    assert answer.status_code == 201


def test_a_body_over_1_mib_is_413(client):
    answer = client.put(f"/v1/sessions/{SID}", content=padded(MIB + 1), headers=JSON)
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert client.get("/v1/kiosks/mobilab-schilde-1/sessions").json() == {"sessions": []}


def test_a_chunked_body_over_1_mib_is_413(client):
    answer = client.put(f"/v1/sessions/{SID}", content=chunks(padded(MIB + 1)), headers=JSON)
    assert answer.status_code == 413
    assert "content-length" not in answer.request.headers
    assert answer.request.headers["transfer-encoding"] == "chunked"


def test_a_chunked_batch_over_1_mib_is_413_and_a_small_chunked_one_is_applied(client):
    items = [snapshot(new_id=True, pad="y" * 5000) for _ in range(220)]
    big = json.dumps({"sessions": items}).encode()
    assert len(big) > MIB
    assert client.post("/v1/sessions/batch", content=chunks(big), headers=JSON).status_code == 413
    small = json.dumps({"sessions": items[:2]}).encode()
    answer = client.post("/v1/sessions/batch", content=chunks(small, 100), headers=JSON)
    assert answer.status_code == 200
    assert [r["result"] for r in answer.json()["results"]] == ["created", "created"]


def test_401_comes_before_413(anonymous):
    answer = anonymous.put(f"/v1/sessions/{SID}", content=b"{" * (MIB + 1), headers=JSON)
    assert answer.status_code == 401


def test_413_comes_before_400(client):
    answer = client.put(f"/v1/sessions/{SID}", content=b"{" * (MIB + 1), headers=JSON)
    assert answer.status_code == 413


def test_422_comes_before_403(client):
    snap = snapshot(kiosk_id="mobilab-gent-2", **{"attendance.total": 99})
    answer = client.put(f"/v1/sessions/{SID}", json=snap)
    assert answer.status_code == 422


def test_403_comes_before_the_revision_rules(server, client):
    other = server.add_kiosk("mobilab-gent-2")
    theirs = snapshot(kiosk_id="mobilab-gent-2")
    headers = {"Authorization": f"Bearer {other}"}
    assert client.put(f"/v1/sessions/{SID}", json=theirs, headers=headers).status_code == 201
    same_revision_other_content = snapshot(**{"attendance.returning": 0})
    answer = client.put(f"/v1/sessions/{SID}", json=same_revision_other_content)
    assert answer.status_code == 403
