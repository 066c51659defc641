"""A sync round after its sessions: the plan (with its ETag), the packs it lacks, the packs
that left it, then the status. Sessions always land exactly once, whatever the fleet part does."""

from __future__ import annotations

import json
import stat

from kiosk.core.folders import open_library
from kiosk.core.packstore import MANIFEST, pack_dir
from kiosk.core.plan import load_plan
from kiosk.core.station import Station
from kiosk.sync.round import DONE
from tests.fleet.conftest import KIOSK_ID
from tests.fleet.packs import good_pack
from tests.sync.conftest import STOP, add_sessions
from tests.sync.test_round import held, latest


def test_a_stop_and_a_pack_arrive_in_one_round_after_the_sessions(fleet, library):
    stop_id = fleet.desk.add_stop(KIOSK_ID, "2027-02-12", "Bib Maldegem",
                                  workshops=["bib-reactie", "theremin"])  # fmt: skip
    sha = fleet.desk.add_pack(good_pack("bib-reactie", picture=True, version="2.0"), "voorjaar")
    with fleet.kiosk.journal() as journal:
        add_sessions(journal, 3)
        done = fleet.sync()
        assert done.state == DONE, done.message
        assert held(fleet.kiosk) == latest(journal)
    plan = load_plan(fleet.config.data_dir)
    assert [s.stop_id for s in plan.stops] == [stop_id]
    assert plan.stops[0].workshops == ("bib-reactie", "theremin")
    assert fleet.installed() == [sha]
    folder = pack_dir(fleet.config.data_dir, sha)
    assert {p.name for p in folder.iterdir()} == {"bib-reactie.yaml", "img", MANIFEST}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert json.loads((folder / MANIFEST).read_text())["workshops"] == [
        {"id": "bib-reactie", "version": "2.0"}
    ]
    assert "bib-reactie" in open_library(fleet.config, None).workshops  # the CLI sees it at once
    order = [p for m, p, _ in fleet.proxy.log if m in ("POST", "PUT")]
    assert order.index("/v1/sessions/batch") < order.index(f"/v1/kiosks/{KIOSK_ID}/status")
    report = fleet.desk.report(KIOSK_ID)
    assert fleet.pack_state(sha) == {"sha256": sha, "state": "installed"}
    assert {"id": "bib-reactie", "version": "2.0"} in report["workshops"]
    shipped = library.workshops["reactiespel"].version
    assert {"id": "reactiespel", "version": shipped} in report["workshops"]
    assert report["sessions"] == {"total": 3, "unconfirmed": 0, "attention": 0}
    assert report["plan_etag"] == plan.etag and report["kiosk_id"] == KIOSK_ID
    assert report["disk_free_bytes"] > 0 and report["time_source"] in ("ntp", "corrected")


def test_a_round_with_nothing_new_asks_with_the_etag_and_fetches_nothing(fleet):
    sha = fleet.desk.add_pack(good_pack("bib-reactie"), "voorjaar")
    assert fleet.sync().state == DONE
    etag = load_plan(fleet.config.data_dir).etag
    fleet.proxy.log.clear()
    asked = []
    desk = fleet.proxy.answer

    def recording(method, path, headers, body):
        answer = desk(method, path, headers, body)
        if path.endswith("/plan"):
            asked.append((headers.get("If-None-Match"), answer[0]))
        return answer

    fleet.proxy.answer = recording
    assert fleet.sync().state == DONE
    assert asked == [(etag, 304)]
    assert fleet.requests("/v1/packs/") == []
    assert load_plan(fleet.config.data_dir).etag == etag and fleet.installed() == [sha]


def test_a_kiosk_that_boots_offline_knows_its_stops(fleet):
    fleet.desk.add_stop(KIOSK_ID, "2027-02-12", "Bib Maldegem")
    assert fleet.sync().state == DONE
    offline = type(fleet.config)(**{**fleet.config.__dict__, "listing_url": None})
    with Station.open(offline, hardware=False) as station:
        assert [s.name for s in station.stops.stops] == ["Bib Maldegem"]
        assert station.stop_for("bib maldegem").municipality == "Maldegem"


def test_a_cancelled_stop_stays_listed_as_cancelled(fleet):
    stop_id = fleet.desk.add_stop(KIOSK_ID, "2027-02-12", "Bib Maldegem")
    assert fleet.sync().state == DONE
    fleet.desk.cancel_stop(stop_id)
    assert fleet.sync().state == DONE
    (stop,) = load_plan(fleet.config.data_dir).stops
    assert stop.stop_id == stop_id and stop.cancelled


def test_a_pack_that_leaves_the_plan_goes_once_no_open_session_uses_it(fleet):
    old = fleet.desk.add_pack(good_pack("bib-reactie"), "voorjaar")
    assert fleet.sync().state == DONE
    with fleet.kiosk.journal() as journal:
        workshop = open_library(fleet.config, None).workshops["bib-reactie"]
        running = journal.start_session(workshop.as_json(), STOP)
        fleet.desk.remove_pack(old)
        new = fleet.desk.add_pack(good_pack("bib-reactie", version="2.0"), "voorjaar")
        assert fleet.sync().state == DONE
        assert sorted(fleet.installed()) == sorted([old, new])  # the session still runs it
        library_now = open_library(fleet.config, None)
        assert library_now.workshops["bib-reactie"].version == "2.0"  # the plan's pack wins
        journal.end_session(running)
        assert fleet.sync().state == DONE
    assert fleet.installed() == [new]
    assert fleet.no_scratch()
    fleet.desk.remove_pack(new)
    assert fleet.sync().state == DONE
    assert fleet.installed() == []
    assert "bib-reactie" not in open_library(fleet.config, None).workshops
