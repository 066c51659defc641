"""`GET /v1/kiosks/{id}/plan` over real HTTP: the token's kiosk only, its stops from 30 days ago
on by date then start, cancelled ones kept, its packs and every kiosk's by name, the tour; a
strong ETag that changes with every change of the body (and only then), 304 for If-None-Match.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import httpx
import pytest

from listing import db
from listing.localtime import today
from listing.plan import current_plan, representation
from tests.listing.packs import good_pack
from tests.listing.snapshots import KIOSK

OTHER = "mobilab-gent-2"
STOP_KEYS = {
    "stop_id", "date", "starts_at", "ends_at", "name", "venue_type", "municipality",
    "postcode", "workshops", "status",
}  # fmt: skip


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


def plan_of(client, kiosk: str = KIOSK) -> httpx.Response:
    return client.get(f"/v1/kiosks/{kiosk}/plan")


def test_the_plan_holds_the_kiosk_s_stops_by_date_then_start_and_its_packs_by_name(server, client):
    server.add_kiosk(OTHER)
    late = server.add_stop(KIOSK, day(3), "Jeugdhuis", starts_at=f"{day(3)}T15:00:00Z")
    whole_day = server.add_stop(KIOSK, day(3), "Markt", venue_type="public_space")
    soon = server.add_stop(
        KIOSK, day(1), "Bib", starts_at=f"{day(1)}T12:00:00Z", ends_at=f"{day(1)}T16:00:00Z",
        workshops=["reactiespel", "theremin"],
    )  # fmt: skip
    edge = server.add_stop(KIOSK, day(-30), "Thirty days ago", postcode=None)
    server.add_stop(KIOSK, day(-31), "Thirty-one days ago")
    server.add_stop(OTHER, day(2), "Another kiosk's")
    called_off = server.add_stop(KIOSK, day(5), "Called off")
    server.cancel_stop(called_off)
    zomer = server.add_pack(good_pack("zomer"), "zomer", kiosks=[KIOSK])
    alpha = server.add_pack(good_pack("alpha"), "alpha")  # every kiosk's
    server.add_pack(good_pack("beta"), "beta", kiosks=[OTHER])
    answer = plan_of(client)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    plan = answer.json()
    assert plan["kiosk_id"] == KIOSK and plan["tour"] is None
    assert [s["stop_id"] for s in plan["stops"]] == [edge, soon, whole_day, late, called_off]
    assert all(set(s) == STOP_KEYS for s in plan["stops"])
    assert plan["stops"][1] == {
        "stop_id": soon, "date": day(1), "starts_at": f"{day(1)}T12:00:00Z",
        "ends_at": f"{day(1)}T16:00:00Z", "name": "Bib", "venue_type": "library",
        "municipality": "Maldegem", "postcode": "9990", "workshops": ["reactiespel", "theremin"],
        "status": "planned",
    }  # fmt: skip
    assert plan["stops"][0]["postcode"] is None and plan["stops"][2]["starts_at"] is None
    assert plan["stops"][2]["workshops"] == []  # any
    assert plan["stops"][4]["status"] == "cancelled"
    sizes = {sha: len(good_pack(name)) for sha, name in ((alpha, "alpha"), (zomer, "zomer"))}
    assert plan["packs"] == [
        {"sha256": alpha, "name": "alpha", "size": sizes[alpha]},
        {"sha256": zomer, "name": "zomer", "size": sizes[zomer]},
    ]
    assert alpha == hashlib.sha256(good_pack("alpha")).hexdigest()
    server.set_tour(KIOSK, "Voorjaarstour 2027")
    assert plan_of(client).json()["tour"] == {"name": "Voorjaarstour 2027"}


def test_a_kiosk_with_nothing_planned_gets_an_empty_plan(client):
    assert plan_of(client).json() == {"kiosk_id": KIOSK, "tour": None, "stops": [], "packs": []}


def test_only_the_token_s_own_kiosk_has_a_plan(server, client, anonymous):
    server.add_kiosk(OTHER)
    server.add_stop(OTHER, day(1), "Theirs")
    for kiosk in (OTHER, "nobody"):
        answer = plan_of(client, kiosk)
        assert answer.status_code == 403
        assert answer.headers["content-type"] == "application/problem+json"
        assert "Theirs" not in answer.text
    assert plan_of(anonymous).status_code == 401
    assert (
        anonymous.get(
            f"/v1/kiosks/{KIOSK}/plan", headers={"Authorization": "Bearer nonsense"}
        ).status_code
        == 401
    )
    server.revoke(KIOSK)
    assert plan_of(client).status_code == 401


def test_if_none_match_with_the_current_etag_is_304_without_a_body(server, client):
    server.add_stop(KIOSK, day(1), "Bib")
    first = plan_of(client)
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    for header in (etag, f"W/{etag}", f'"older", {etag}', "*"):
        again = client.get(f"/v1/kiosks/{KIOSK}/plan", headers={"If-None-Match": header})
        assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    other = client.get(f"/v1/kiosks/{KIOSK}/plan", headers={"If-None-Match": '"older"'})
    assert other.status_code == 200 and other.json() == first.json()
    assert other.headers["ETag"] == etag  # same body, same tag


def test_the_etag_changes_with_every_change_of_the_body_and_only_then(server, client):
    """Each step changes the plan, or (marked False) only something the plan does not show."""
    server.add_kiosk(OTHER)
    seen: dict[str, str] = {}  # ETag -> body

    def step(changes_the_plan: bool = True) -> None:
        answer = plan_of(client)
        etag, body = answer.headers["ETag"], answer.text
        assert json.loads(body) == answer.json()
        if changes_the_plan:
            assert etag not in seen and body not in seen.values()
        else:
            assert seen.get(etag) == body
        seen[etag] = body

    step()
    stop = server.add_stop(KIOSK, day(2), "Bib", workshops=["reactiespel"])
    step()
    server.add_stop(OTHER, day(2), "Not this kiosk's")
    step(False)
    server.add_stop(KIOSK, day(2), "Earlier that day", starts_at=f"{day(2)}T08:00:00Z")
    step()
    server.cancel_stop(stop)
    step()
    server.set_tour(KIOSK, "Voorjaarstour")
    step()
    server.set_tour(KIOSK, "Voorjaarstour 2027")
    step()
    server.set_tour(OTHER, "Their tour")
    step(False)
    sha = server.add_pack(good_pack("zomer"), "zomer", kiosks=[KIOSK])
    step()
    server.assign_pack(sha, None)  # now every kiosk's: this kiosk's plan is the same
    step(False)
    server.add_pack(good_pack("zomer"), "zomer-2")  # the same bytes renamed
    step()
    server.add_pack(good_pack("zomer", "extra"), "zomer-2")  # other bytes, the same name
    step()
    server.remove_pack(server.add_pack(good_pack("herfst"), "herfst", kiosks=[OTHER]))
    step(False)
    server.set_tour(KIOSK, None)
    step()
    assert len(seen) == 10


def test_a_stop_leaving_the_30_day_window_changes_the_plan_and_its_etag(server):
    server.add_kiosk(KIOSK)
    server.add_stop(KIOSK, day(-30), "Last month")
    with db.read(server.engine) as conn:
        now = current_plan(conn, KIOSK, today())
        tomorrow = current_plan(conn, KIOSK, today() + timedelta(days=1))
    assert [s.name for s in now.stops] == ["Last month"] and tomorrow.stops == []
    assert representation(now)[1] != representation(tomorrow)[1]


@pytest.mark.parametrize("header", ["", '"', "W/", ",,,", "x" * 900])
def test_odd_if_none_match_headers_get_the_plan(client, header):
    answer = client.get(f"/v1/kiosks/{KIOSK}/plan", headers={"If-None-Match": header})
    assert answer.status_code == 200 and answer.json()["kiosk_id"] == KIOSK


def test_maintenance_holds_for_the_fleet_endpoints(server, client):
    sha = server.add_pack(good_pack(), "voorjaar")
    fleet = [
        ("GET", f"/v1/kiosks/{KIOSK}/plan"),
        ("GET", f"/v1/packs/{sha}"),
        ("PUT", f"/v1/kiosks/{KIOSK}/status"),
    ]
    server.maintenance(42)
    for method, path in fleet:
        answer = client.request(method, path, json={})
        assert (answer.status_code, answer.headers["Retry-After"]) == (503, "42"), path
    assert client.get("/v1/agenda").status_code == 200  # public: no maintenance
    server.maintenance(None)
    assert [client.request(m, p, json={}).status_code for m, p in fleet] == [200, 200, 422]
