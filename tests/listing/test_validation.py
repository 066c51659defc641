"""Every field rule of the snapshot: 422 problem+json with a JSON Pointer at the broken field."""

from __future__ import annotations

import pytest

from tests.listing.snapshots import DELETE, snapshot

SID = snapshot()["session_id"]

INVALID = [
    ({"revision": "3"}, "/revision"),
    ({"revision": True}, "/revision"),
    ({"revision": 2.5}, "/revision"),
    ({"revision": 4.0}, "/revision"),
    ({"revision": 0}, "/revision"),
    ({"revision": 2**53}, "/revision"),
    ({"revision": DELETE}, "/revision"),
    ({"kiosk_id": "Mobilab_1"}, "/kiosk_id"),
    ({"kiosk_id": "-mobilab"}, "/kiosk_id"),
    ({"kiosk_id": "m" * 65}, "/kiosk_id"),
    ({"status": "done"}, "/status"),
    ({"workshop.id": "Reactiespel"}, "/workshop/id"),
    ({"workshop.version": ""}, "/workshop/version"),
    ({"workshop.version": "1" * 33}, "/workshop/version"),
    ({"workshop.version": 1}, "/workshop/version"),
    ({"workshop.title": {"en": "Reaction game"}}, "/workshop/title/nl"),
    ({"workshop.title": "Reactiespel"}, "/workshop/title"),
    ({"workshop.typical_age_range": "-"}, "/workshop/typical_age_range"),
    ({"workshop.typical_age_range": "14-10"}, "/workshop/typical_age_range"),
    ({"workshop.typical_age_range": "1000-"}, "/workshop/typical_age_range"),
    ({"workshop.typical_age_range": "10-14 "}, "/workshop/typical_age_range"),
    ({"workshop.typical_age_range": "10"}, "/workshop/typical_age_range"),
    ({"stop.venue_type": "castle"}, "/stop/venue_type"),
    ({"stop.name": ""}, "/stop/name"),
    ({"stop.name": "x" * 201}, "/stop/name"),
    ({"stop.name": "Bib\x00"}, "/stop/name"),
    ({"stop.municipality": DELETE}, "/stop/municipality"),
    ({"stop.postcode": "999"}, "/stop/postcode"),
    ({"stop.postcode": 9990}, "/stop/postcode"),
    ({"started_at": "yesterday"}, "/started_at"),
    ({"started_at": "2026-02-12T13:30:05"}, "/started_at"),
    ({"started_at": 1770903005}, "/started_at"),
    ({"started_at": "9999-12-31T23:59:59-23:59"}, "/started_at"),  # past year 9999 in UTC
    ({"ended_at": DELETE}, "/ended_at"),
    ({"ended_at": None}, "/ended_at"),  # closed without ended_at
    ({"ended_at": "2026-02-12T13:30:04Z"}, "/ended_at"),  # before started_at
    ({"time_source": "gps"}, "/time_source"),
    ({"attendance.total": 15}, "/attendance/total"),
    ({"attendance.total": -1}, "/attendance/total"),
    ({"attendance.age_bands.unknown": DELETE}, "/attendance/age_bands/unknown"),
    ({"attendance.age_bands.19-": 0}, "/attendance/age_bands/19-"),
    ({"attendance.age_bands.0-9": -1}, "/attendance/age_bands/0-9"),
    ({"attendance.age_bands.10-13": "5"}, "/attendance/age_bands/10-13"),
    ({"attendance.gender.boy": DELETE}, "/attendance/gender/boy"),
    ({"attendance.gender.other": 0}, "/attendance/gender/other"),
    ({"attendance.gender.girl": 5}, "/attendance/gender"),
    ({"attendance.returning": 15}, "/attendance/returning"),
    ({"attendance.returning": 1.5}, "/attendance/returning"),
    ({"progress.steps": -1}, "/progress/steps"),
    ({"progress.checks_passed": False}, "/progress/checks_passed"),
]


def pointers(answer) -> list[str]:
    return [e["pointer"] for e in answer.json()["errors"]]


@pytest.mark.parametrize(("changes", "where"), INVALID, ids=[w for _, w in INVALID])
def test_a_broken_rule_is_422_pointing_at_the_field(validator, changes, where):
    answer = validator.put(f"/v1/sessions/{SID}", json=snapshot(**changes))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["status"] == 422 and problem["type"] and problem["title"]
    assert where in problem["detail"]
    assert where in pointers(answer)


VALID = [
    {"workshop.typical_age_range": "14-"},
    {"workshop.typical_age_range": "-12"},
    {"workshop.typical_age_range": "12-12"},
    {"stop.postcode": DELETE},
    {"attendance.gender": DELETE, "attendance.returning": DELETE, "progress": DELETE},
    {"status": "open", "ended_at": None},
    {"status": "cancelled", "ended_at": None},
    {"started_at": "2026-02-12T14:30:05.123456+01:00", "time_source": "corrected"},
    {"ended_at": "2026-02-12T13:30:05Z", "time_source": "unsynced"},  # zero length
    {"extra": {"anything": [1, 2]}, "workshop.extra": "ignored"},
    {"workshop.title": {"nl": "Reactiespel", "fr": "Jeu de réaction"}},
]


@pytest.mark.parametrize("changes", VALID, ids=[",".join(c) for c in VALID])
def test_what_the_contract_allows_is_accepted(validator, changes):
    snap = snapshot(new_id=True, **changes)
    answer = validator.put(f"/v1/sessions/{snap['session_id']}", json=snap)
    assert answer.status_code == 201, answer.text


def test_the_body_session_id_must_equal_the_path(validator):
    other = snapshot(new_id=True)["session_id"]
    answer = validator.put(f"/v1/sessions/{other}", json=snapshot())
    assert answer.status_code == 422
    assert pointers(answer) == ["/session_id"]
    answer = validator.put("/v1/sessions/not-a-uuid", json=snapshot())
    assert answer.status_code == 422


def test_a_body_that_is_not_an_object_is_422_at_the_root(validator):
    answer = validator.put(f"/v1/sessions/{SID}", json=[snapshot()])
    assert answer.status_code == 422
    assert pointers(answer) == [""]


@pytest.mark.parametrize(
    "raw",
    [b'{"session_id": ', b"", b"{'a': 1}", b'{"revision": NaN}', b'{"a": "\xff"}', b'"\\ud800"'],
    ids=["truncated", "empty", "single-quotes", "nan", "not-utf8", "lone-surrogate"],
)
def test_malformed_json_is_400(validator, raw):
    headers = {"Content-Type": "application/json"}
    for path in (f"/v1/sessions/{SID}", "/v1/sessions/batch"):
        answer = validator.request(
            "PUT" if "batch" not in path else "POST", path, content=raw, headers=headers
        )
        assert answer.status_code == 400, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["status"] == 400
