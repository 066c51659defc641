"""PUT /v1/sessions/{id}: the revision rules table of listing-api.md, row by row."""

from __future__ import annotations

from tests.listing.snapshots import snapshot

SID = snapshot()["session_id"]


def put(client, snap, sid=None):
    return client.put(f"/v1/sessions/{sid or snap['session_id']}", json=snap)


def test_a_new_session_is_created(client):
    answer = put(client, snapshot())
    assert answer.status_code == 201
    assert answer.json() == {"session_id": SID, "revision": 4, "result": "created"}


def test_a_higher_revision_replaces(client):
    put(client, snapshot())
    answer = put(client, snapshot(revision=5, **{"attendance.returning": 4}))
    assert answer.status_code == 200
    assert answer.json() == {"session_id": SID, "revision": 5, "result": "updated"}
    sessions = client.get("/v1/kiosks/mobilab-schilde-1/sessions").json()["sessions"]
    assert sessions == [{"session_id": SID, "revision": 5}]


def test_the_same_revision_and_content_is_unchanged_and_retries_are_harmless(client):
    assert put(client, snapshot()).status_code == 201
    for _ in range(3):
        answer = put(client, snapshot())
        assert answer.status_code == 200
        assert answer.json()["result"] == "unchanged"


def test_same_content_is_compared_after_parsing(client):
    put(client, snapshot())
    again = snapshot(
        started_at="2026-02-12T14:30:05.000+01:00",  # the same instant
        ended_at="2026-02-12T15:02:40.0Z",
        session_id=SID.upper(),
        unknown_field={"ignored": True},
    )
    again["workshop"]["title"] = {"en": "Reaction game", "nl": "Reactiespel"}  # key order
    answer = put(client, again, sid=SID.upper())
    assert answer.status_code == 200
    assert answer.json() == {"session_id": SID, "revision": 4, "result": "unchanged"}


def test_the_same_revision_with_other_content_is_a_409_that_changes_nothing(client):
    put(client, snapshot())
    answer = put(client, snapshot(**{"attendance.returning": 0}))
    assert answer.status_code == 409
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["status"] == 409
    assert put(client, snapshot()).json()["result"] == "unchanged"


def test_a_lower_revision_is_stale_and_the_newer_one_stays(client):
    put(client, snapshot(revision=7))
    answer = put(client, snapshot(revision=3, **{"attendance.returning": 0}))
    assert answer.status_code == 200
    assert answer.json() == {"session_id": SID, "revision": 7, "result": "stale"}
    assert put(client, snapshot(revision=7)).json()["result"] == "unchanged"


def test_session_ids_are_case_insensitive_and_answered_in_lower_case(client):
    upper = snapshot(session_id=SID.upper())
    answer = put(client, upper, sid=SID.upper())
    assert answer.status_code == 201
    assert answer.json()["session_id"] == SID
    assert put(client, snapshot(), sid=SID).json()["result"] == "unchanged"


def test_the_largest_revision_is_accepted(client):
    answer = put(client, snapshot(revision=2**53 - 1))
    assert answer.status_code == 201
    assert answer.json()["revision"] == 2**53 - 1


def test_reconciliation_lists_every_session_of_the_kiosk(client):
    ids = sorted(snapshot(new_id=True)["session_id"] for _ in range(3))
    for sid in ids:
        assert put(client, snapshot(session_id=sid, revision=2)).status_code == 201
    listed = client.get("/v1/kiosks/mobilab-schilde-1/sessions").json()["sessions"]
    assert sorted(s["session_id"] for s in listed) == ids
    assert {s["revision"] for s in listed} == {2}
