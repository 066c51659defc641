"""POST /v1/sessions/batch: 1 to 500 items, each applied as its PUT, in order, independently."""

from __future__ import annotations

import pytest

from tests.listing.snapshots import snapshot


def batch(client, items):
    return client.post("/v1/sessions/batch", json={"sessions": items})


@pytest.mark.parametrize(
    "body",
    [{"sessions": []}, {"sessions": [{}] * 501}, [], {"items": []}, {"sessions": {}}, "x"],
    ids=["empty", "501", "list", "no-sessions", "sessions-object", "string"],
)
def test_a_body_without_1_to_500_sessions_is_422(client, body):
    answer = client.post("/v1/sessions/batch", json=body)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_one_bad_item_among_good_ones_is_rejected_alone(client):
    items = [snapshot(new_id=True) for _ in range(5)]
    items[3]["attendance"]["age_bands"]["0-9"] = 5  # the bands no longer add up to 14
    answer = batch(client, items)
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["result"] for r in results] == ["created"] * 3 + ["rejected", "created"]
    assert set(results[0]) == {"session_id", "revision", "result"}
    bad = results[3]
    assert bad["session_id"] == items[3]["session_id"] and bad["revision"] == 4
    assert bad["problem"]["status"] == 422
    assert [e["pointer"] for e in bad["problem"]["errors"]] == ["/sessions/3/attendance/total"]
    listed = client.get("/v1/kiosks/mobilab-schilde-1/sessions").json()["sessions"]
    assert len(listed) == 4


def test_items_that_are_not_objects_or_unreadable_are_rejected_with_nulls(client):
    good = snapshot(new_id=True)
    answer = batch(client, [42, good, {"session_id": 7, "revision": "2"}])
    results = answer.json()["results"]
    assert results[0] == {
        "session_id": None,
        "revision": None,
        "result": "rejected",
        "problem": results[0]["problem"],
    }
    assert results[0]["problem"]["errors"][0]["pointer"] == "/sessions/0"
    assert results[1]["result"] == "created"
    assert results[2]["session_id"] is None and results[2]["revision"] is None


def test_forbidden_and_conflicting_items_are_rejected_without_failing_the_others(server, client):
    other = server.add_kiosk("mobilab-gent-2")
    theirs = snapshot(new_id=True, kiosk_id="mobilab-gent-2")
    headers = {"Authorization": f"Bearer {other}"}
    created = client.post("/v1/sessions/batch", json={"sessions": [theirs]}, headers=headers)
    assert created.json()["results"][0]["result"] == "created"
    mine = snapshot(new_id=True)
    assert batch(client, [mine]).json()["results"][0]["result"] == "created"
    conflicting = dict(mine, status="cancelled")
    stolen = dict(theirs, kiosk_id="mobilab-schilde-1", revision=9)
    wrong_kiosk = snapshot(new_id=True, kiosk_id="mobilab-gent-2")
    fresh = snapshot(new_id=True)
    results = batch(client, [conflicting, stolen, wrong_kiosk, fresh]).json()["results"]
    assert [r["result"] for r in results] == ["rejected"] * 3 + ["created"]
    assert [r["problem"]["status"] for r in results[:3]] == [409, 403, 403]
    assert results[2]["problem"]["errors"][0]["pointer"] == "/sessions/2/kiosk_id"


def test_the_same_session_twice_the_second_sees_the_first(client):
    first = snapshot(new_id=True, revision=2)
    newer = dict(first, revision=3, status="open", ended_at=None)
    results = batch(client, [first, newer, first, newer]).json()["results"]
    assert [(r["result"], r["revision"]) for r in results] == [
        ("created", 2),
        ("updated", 3),
        ("stale", 3),
        ("unchanged", 3),
    ]


def test_a_batch_of_500_is_applied_and_retrying_it_changes_nothing(client):
    items = [snapshot(new_id=True) for _ in range(500)]
    answer = batch(client, items)
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["session_id"] for r in results] == [s["session_id"] for s in items]
    assert {r["result"] for r in results} == {"created"}
    assert {r["result"] for r in batch(client, items).json()["results"]} == {"unchanged"}
    listed = client.get("/v1/kiosks/mobilab-schilde-1/sessions").json()["sessions"]
    assert len(listed) == 500


def test_upper_case_ids_are_answered_in_lower_case(client):
    snap = snapshot(new_id=True)
    snap["session_id"] = snap["session_id"].upper()
    result = batch(client, [snap]).json()["results"][0]
    assert result["session_id"] == snap["session_id"].lower()
