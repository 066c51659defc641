"""`PUT /v1/kiosks/{id}/status` over real HTTP: the contract's order of checks (401, 413, 400,
422 with pointers, 403), the latest report by `reported_at` kept and an older one answered the
same and ignored, a bounded history per kiosk.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest

from listing import db
from listing.settings import REPORT_HISTORY
from listing.storage.reports import latest_reports, recent_reports
from tests.listing.snapshots import DELETE, KIOSK

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
EXAMPLE = {
    "kiosk_id": KIOSK,
    "reported_at": "2027-02-12T15:10:00Z",
    "software_version": "0.2.0",
    "time_source": "ntp",
    "clock_offset_s": -3.2,
    "plan_etag": '"4f0c9a"',
    "sessions": {"total": 312, "unconfirmed": 0, "attention": 0},
    "packs": [
        {"sha256": SHA, "state": "installed"},
        {
            "sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
            "state": "refused",
            "detail": "lazer.yaml:12:3: unknown device 'lazer'",
        },
    ],
    "workshops": [{"id": "reactiespel", "version": "1.1"}],
    "kit": {
        "checked_at": "2027-02-12T08:01:12Z",
        "failed": [{"device": "distance", "detail": "not connected"}],
    },
    "disk_free_bytes": 1234567890,
}
PATH = f"/v1/kiosks/{KIOSK}/status"


def report(**changes) -> dict:
    """A copy of the contract's example; dotted keys change nested fields, DELETE removes."""
    body = copy.deepcopy(EXAMPLE)
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = body
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is DELETE:
            del target[last]
        elif isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return body


def moment(minutes: int) -> datetime:
    return datetime(2027, 2, 12, 15, tzinfo=UTC) + timedelta(minutes=minutes)


def at(minutes: int) -> str:
    return moment(minutes).isoformat()


def test_the_contract_s_example_is_kept_and_answered_with_when_it_arrived(server, client):
    before = datetime.now(UTC)
    answer = client.put(PATH, json=EXAMPLE)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"kiosk_id", "received_at"} and body["kiosk_id"] == KIOSK
    received = datetime.fromisoformat(body["received_at"])
    assert before - timedelta(seconds=1) <= received <= datetime.now(UTC)
    kept = server.report(KIOSK)
    assert kept["packs"][1]["detail"] == "lazer.yaml:12:3: unknown device 'lazer'"
    assert kept["sessions"] == EXAMPLE["sessions"] and kept["clock_offset_s"] == -3.2
    assert kept["kit"]["failed"] == [{"device": "distance", "detail": "not connected"}]


def test_only_the_required_fields_or_nulls_for_the_rest_are_enough(server, client):
    required = {k: EXAMPLE[k] for k in ("kiosk_id", "reported_at", "software_version", "sessions")}
    assert client.put(PATH, json=required).status_code == 200
    nulls = required | {
        "reported_at": at(1), "time_source": None, "clock_offset_s": None, "plan_etag": None,
        "packs": None, "workshops": None, "kit": None, "disk_free_bytes": None, "extra": [1],
    }  # fmt: skip
    assert client.put(PATH, json=nulls).status_code == 200
    assert server.report(KIOSK)["packs"] is None and "extra" not in server.report(KIOSK)
    lean = report(**{"reported_at": at(2), "kit": {"checked_at": None}, "clock_offset_s": 3})
    assert client.put(PATH, json=lean).status_code == 200


def test_the_latest_report_by_reported_at_wins_and_an_older_one_is_ignored(server, client):
    def send(minutes: int, waiting: int) -> dict:
        body = report(reported_at=at(minutes), **{"sessions.unconfirmed": waiting})
        answer = client.put(PATH, json=body)
        assert answer.status_code == 200 and set(answer.json()) == {"kiosk_id", "received_at"}
        return server.report(KIOSK)

    assert send(10, 1)["sessions"]["unconfirmed"] == 1
    assert send(5, 2)["sessions"]["unconfirmed"] == 1  # older: ignored
    assert send(10, 3)["sessions"]["unconfirmed"] == 1  # the same moment again: ignored
    assert send(11, 4)["sessions"]["unconfirmed"] == 4
    # an offset is an instant: 12:12+01:00 is 11:12 UTC, before 15:11
    late = report(reported_at="2027-02-12T16:12:00+01:00")
    assert client.put(PATH, json=late).status_code == 200
    assert server.report(KIOSK)["reported_at"] == "2027-02-12T16:12:00+01:00"
    with db.read(server.engine) as conn:
        kept = [r.reported_at for r in recent_reports(conn, KIOSK)]
    assert kept == [
        "2027-02-12T15:12:00.000000Z",
        "2027-02-12T15:11:00.000000Z",
        "2027-02-12T15:10:00.000000Z",
    ]


def test_each_kiosk_keeps_its_newest_reports_only(server, client):
    other = server.add_kiosk("mobilab-gent-2")
    headers = {"Authorization": f"Bearer {other}"}
    theirs = report(kiosk_id="mobilab-gent-2")
    assert (
        client.put("/v1/kiosks/mobilab-gent-2/status", json=theirs, headers=headers).status_code
        == 200
    )
    for minute in range(REPORT_HISTORY + 5):
        assert client.put(PATH, json=report(reported_at=at(minute))).status_code == 200
    with db.read(server.engine) as conn:
        kept = recent_reports(conn, KIOSK)
        latest = latest_reports(conn)
    assert len(kept) == REPORT_HISTORY
    when = [datetime.fromisoformat(r.report["reported_at"]) for r in kept]
    assert when == sorted(when, reverse=True)
    assert (when[0], when[-1]) == (moment(REPORT_HISTORY + 4), moment(5))
    assert {k: datetime.fromisoformat(r.report["reported_at"]) for k, r in latest.items()} == {
        KIOSK: moment(REPORT_HISTORY + 4),
        "mobilab-gent-2": datetime.fromisoformat(EXAMPLE["reported_at"]),
    }


INVALID = [
    ({"kiosk_id": DELETE}, "/kiosk_id"),
    ({"kiosk_id": "Mobilab_1"}, "/kiosk_id"),
    ({"reported_at": "2027-02-12T15:10:00"}, "/reported_at"),
    ({"reported_at": "yesterday"}, "/reported_at"),
    ({"reported_at": "9999-12-31T23:59:59-23:59"}, "/reported_at"),
    ({"software_version": ""}, "/software_version"),
    ({"software_version": "1" * 33}, "/software_version"),
    ({"software_version": DELETE}, "/software_version"),
    ({"sessions": DELETE}, "/sessions"),
    ({"sessions.total": -1}, "/sessions/total"),
    ({"sessions.unconfirmed": "3"}, "/sessions/unconfirmed"),
    ({"sessions.attention": 1.5}, "/sessions/attention"),
    ({"sessions.attention": DELETE}, "/sessions/attention"),
    ({"time_source": "gps"}, "/time_source"),
    ({"clock_offset_s": "-3.2"}, "/clock_offset_s"),
    ({"plan_etag": "x" * 201}, "/plan_etag"),
    ({"packs": {"sha256": SHA}}, "/packs"),
    ({"packs.0.state": "broken"}, "/packs/0/state"),
    ({"packs.1.detail": "x" * 1001}, "/packs/1/detail"),
    ({"packs.0.sha256": "9f86d0…0a08"}, "/packs/0/sha256"),
    ({"packs.0.sha256": SHA.upper()}, "/packs/0/sha256"),
    ({"workshops.0.id": "Reactiespel"}, "/workshops/0/id"),
    ({"workshops.0.version": ""}, "/workshops/0/version"),
    ({"kit.checked_at": "later"}, "/kit/checked_at"),
    ({"kit.failed.0.device": ""}, "/kit/failed/0/device"),
    ({"disk_free_bytes": -1}, "/disk_free_bytes"),
    ({"disk_free_bytes": True}, "/disk_free_bytes"),
]


@pytest.mark.parametrize(("changes", "where"), INVALID, ids=[w for _, w in INVALID])
def test_a_broken_rule_is_422_pointing_at_the_field(server, client, changes, where):
    answer = client.put(PATH, json=report(**changes))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == 422 and where in problem["detail"]
    assert where in [e["pointer"] for e in problem["errors"]]
    assert server.report(KIOSK) is None


def test_a_body_that_is_not_an_object_is_422_at_the_root(client):
    answer = client.put(PATH, json=[EXAMPLE])
    assert answer.status_code == 422 and [e["pointer"] for e in answer.json()["errors"]] == [""]


@pytest.mark.parametrize("raw", [b"", b'{"kiosk_id": ', b'{"clock_offset_s": NaN}', b"\xff"])
def test_malformed_json_is_400(client, raw):
    answer = client.put(PATH, content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["status"] == 400


def test_a_kiosk_reports_for_itself_only(server, client):
    server.add_kiosk("mobilab-gent-2")
    answer = client.put("/v1/kiosks/mobilab-gent-2/status", json=EXAMPLE)
    assert answer.status_code == 403
    answer = client.put(PATH, json=report(kiosk_id="mobilab-gent-2"))
    assert answer.status_code == 403
    assert [e["pointer"] for e in answer.json()["errors"]] == ["/kiosk_id"]
    assert server.report(KIOSK) is None and server.report("mobilab-gent-2") is None


def test_the_checks_come_in_the_contract_s_order(client, anonymous):
    big = json.dumps(report(pad="x" * 1_048_576)).encode()
    json_type = {"Content-Type": "application/json"}
    assert anonymous.put(PATH, content=big, headers=json_type).status_code == 401
    assert client.put(PATH, content=big, headers=json_type).status_code == 413
    chunked = (big[i : i + 65536] for i in range(0, len(big), 65536))
    assert client.put(PATH, content=chunked, headers=json_type).status_code == 413
    assert client.put(PATH, content=b"{" * 10, headers=json_type).status_code == 400
    foreign_and_broken = report(kiosk_id="mobilab-gent-2", software_version="")
    assert client.put(PATH, json=foreign_and_broken).status_code == 422
    other_path = "/v1/kiosks/mobilab-gent-2/status"
    assert client.put(other_path, json=report(software_version="")).status_code == 422
    assert client.put(other_path, json=EXAMPLE).status_code == 403
