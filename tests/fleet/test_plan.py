"""The listing's plan as the kiosk keeps it: every field checked as the contract says, written
whole (temp file, fsync, rename) and owner-only, read back the same after a restart."""

from __future__ import annotations

import copy
import datetime as dt
import os
import stat

import pytest

from kiosk.core.plan import PlanError, load_plan, parse_plan, plan_path, save_plan
from kiosk.core.stops import known_stops, planned_first, stop_of_the_day
from kiosk.stop import Stop
from kiosk.tour import Tour

PLAN = {
    "kiosk_id": "mobilab-schilde-1",
    "tour": {"name": "Voorjaarstour 2027"},
    "stops": [
        {"stop_id": "8E1C4F0A-2B3D-4E5F-9A6B-7C8D9E0F1A2B", "date": "2027-02-12",
         "starts_at": "2027-02-12T13:00:00Z", "ends_at": "2027-02-12T17:00:00Z",
         "name": "Bibliotheek Maldegem", "venue_type": "library", "municipality": "Maldegem",
         "postcode": "9990", "workshops": ["reactiespel", "theremin"], "status": "planned"},
        {"stop_id": "9e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b", "date": "2027-02-13",
         "starts_at": None, "ends_at": None, "name": "Jeugdhuis Sjatoo",
         "venue_type": "youth_house", "municipality": "Eeklo", "postcode": None,
         "workshops": [], "status": "cancelled", "later_field": "ignored"},
    ],
    "packs": [{"sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "name": "voorjaar-2027", "size": 48213}],
}  # fmt: skip
DAY = dt.date(2027, 2, 12)


def test_the_contracts_example_reads_as_stops_and_packs():
    plan = parse_plan(PLAN)
    first, second = plan.stops
    assert first == Stop("Bibliotheek Maldegem", "library", "Maldegem", "9990", DAY,
                         ("reactiespel", "theremin"), False,
                         "8e1c4f0a-2b3d-4e5f-9a6b-7c8d9e0f1a2b")  # fmt: skip
    assert second.cancelled and second.postcode is None and second.workshops == ()
    assert plan.tour == "Voorjaarstour 2027" and plan.packs[0].size == 48213
    assert first.as_json() == {"name": "Bibliotheek Maldegem", "venue_type": "library",
                               "municipality": "Maldegem", "postcode": "9990"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda p: p["stops"][0].update(date="12/02/2027"), "/stops/0/date"),
        (lambda p: p["stops"][0].update(date="2027-02-30"), "/stops/0/date"),
        (lambda p: p["stops"][1].update(status="postponed"), "/stops/1/status"),
        (lambda p: p["stops"][0].update(venue_type="castle"), "/stops/0/venue_type"),
        (lambda p: p["stops"][0].update(workshops=["Reactie Spel"]), "/stops/0/workshops/0"),
        (lambda p: p["stops"][0].update(postcode=9990), "/stops/0/postcode"),
        (lambda p: p["stops"][0].update(stop_id="42"), "/stops/0/stop_id"),
        (lambda p: p["stops"][0].update(name="x" * 201), "/stops/0/name"),
        (lambda p: p["packs"][0].update(name="voorjaar\n\x1b[2J"), "/packs/0/name"),
        (lambda p: p["packs"][0].update(sha256="ABC"), "/packs/0/sha256"),
        (lambda p: p["packs"][0].update(size="48213"), "/packs/0/size"),
        (lambda p: p["packs"][0].update(size=True), "/packs/0/size"),
        (lambda p: p["packs"].append(dict(p["packs"][0])), "/packs"),
        (lambda p: p.update(stops=None), "/stops"),
        (lambda p: p.update(tour={"name": ""}), "/tour/name"),
    ],
)
def test_a_field_against_the_contract_is_named(change, pointer):
    plan = copy.deepcopy(PLAN)
    change(plan)
    with pytest.raises(PlanError) as caught:
        parse_plan(plan)
    assert str(caught.value).startswith(f"{pointer}: ")
    with pytest.raises(PlanError, match=r"^/: must be an object"):
        parse_plan(["not", "a", "plan"])


def test_kept_owner_only_and_read_back_after_a_restart(tmp_path):
    received = dt.datetime(2027, 2, 12, 8, 0, tzinfo=dt.UTC)
    save_plan(tmp_path, PLAN, '"abc"', received)
    assert stat.S_IMODE(os.stat(plan_path(tmp_path)).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temp file left
    again = load_plan(tmp_path)
    assert again.etag == '"abc"' and again.received_at == received
    assert again.stops == parse_plan(PLAN).stops


def test_a_damaged_kept_plan_is_no_plan_and_a_bad_one_is_never_kept(tmp_path):
    save_plan(tmp_path, PLAN, '"abc"', dt.datetime.now(dt.UTC))
    before = plan_path(tmp_path).read_bytes()
    with pytest.raises(PlanError):
        save_plan(tmp_path, {**PLAN, "stops": "none"}, '"new"', dt.datetime.now(dt.UTC))
    assert plan_path(tmp_path).read_bytes() == before
    plan_path(tmp_path).write_bytes(before[: len(before) // 2])  # a torn write it never makes
    assert load_plan(tmp_path) is None


def test_the_days_stop_comes_from_the_plan_first_then_the_tour_file():
    plan = parse_plan(PLAN)
    school = Stop("School", "school", "Gent", None, dt.date(2027, 2, 14))
    tour = Tour("Lokaal", (Stop("Bib Eeklo", "library", "Eeklo", None, DAY), school))
    assert stop_of_the_day(plan, tour, DAY).name == "Bibliotheek Maldegem"
    cancelled = stop_of_the_day(plan, tour, dt.date(2027, 2, 13))
    assert cancelled.name == "Jeugdhuis Sjatoo" and cancelled.cancelled  # shown, never hidden
    assert stop_of_the_day(plan, tour, dt.date(2027, 2, 14)).name == "School"
    assert stop_of_the_day(None, tour, DAY).name == "Bib Eeklo"
    assert stop_of_the_day(plan, tour, dt.date(2027, 3, 1)) is None
    known = known_stops(plan, tour)
    assert [s.name for s in known.stops][:2] == ["Bibliotheek Maldegem", "Jeugdhuis Sjatoo"]
    assert known.find("bib eeklo").venue_type == "library"


def test_planned_workshops_come_first_and_the_missing_are_named(library):
    stop = parse_plan(PLAN).stops[0]
    everything = library.sorted()
    ordered, missing = planned_first(everything, stop)
    assert [w.id for w in ordered[:2]] == ["reactiespel", "theremin"]
    assert sorted(w.id for w in ordered) == sorted(w.id for w in everything)
    assert missing == []
    lacking = Stop("X", "other", "Y", workshops=("lazershow", "theremin"))
    ordered, missing = planned_first(everything, lacking)
    assert ordered[0].id == "theremin" and missing == ["lazershow"]
