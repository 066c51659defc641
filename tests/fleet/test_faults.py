"""The network's faults and hostile packs in the fleet part of a round: a transfer that fails is
retried in a later round (never a refusal), bytes that fail the checks are refused for good with
their first problem, nothing partial is ever installed, and the sessions land exactly once."""

from __future__ import annotations

import pytest

from kiosk.core.folders import open_library
from kiosk.core.packstore import records
from kiosk.core.plan import load_plan
from kiosk.sync.round import DONE, RETRY_LATER
from tests.fleet.conftest import KIOSK_ID
from tests.fleet.packs import (
    bomb_pack,
    dotdot_pack,
    good_pack,
    invalid_workshop_pack,
    link_pack,
)
from tests.sync.conftest import add_sessions
from tests.sync.faulty_proxy import DROP_BEFORE, STALL, TRUNCATE, WRONG_BYTES
from tests.sync.test_round import held, latest

ATTEMPTS = 4  # FAST's attempts per request: that many faults in a row end the round


@pytest.mark.parametrize("fault", [TRUNCATE, WRONG_BYTES, "404", "500", "503", DROP_BEFORE])
def test_one_failed_download_is_retried_within_the_round(fleet, fault):
    sha = fleet.desk.add_pack(good_pack("bib-reactie", picture=True), "voorjaar")
    fleet.proxy.plan(fault, path="/v1/packs/")
    done = fleet.sync()
    assert done.state == DONE, done.message
    assert fleet.requests("/v1/packs/") == [fault, "forward"]
    assert fleet.installed() == [sha] and fleet.no_scratch()


@pytest.mark.parametrize("fault", [TRUNCATE, WRONG_BYTES, "404", "503"])
def test_a_pack_that_never_arrives_stays_pending_and_the_next_round_gets_it(fleet, fault):
    first = fleet.desk.add_pack(good_pack("eerste-spel"), "a-eerste")
    assert fleet.sync().state == DONE
    sha = fleet.desk.add_pack(good_pack("bib-reactie", picture=True), "voorjaar")
    with fleet.kiosk.journal() as journal:
        add_sessions(journal, 3)
        fleet.proxy.plan(*[fault] * ATTEMPTS, path=f"/v1/packs/{sha}")
        done = fleet.sync()
        assert done.state == RETRY_LATER and "voorjaar" in done.message, done.message
        assert held(fleet.kiosk) == latest(journal)  # the sessions landed all the same
        assert fleet.installed() == [first] and fleet.no_scratch()  # nothing partial
        state = fleet.pack_state(sha)
        assert state["state"] == "pending" and state["detail"]
        assert records(fleet.config.data_dir)[sha]["state"] == "pending"
        again = fleet.sync()
        assert again.state == DONE, again.message
        assert held(fleet.kiosk) == latest(journal)
    assert sorted(fleet.installed()) == sorted([first, sha])
    assert fleet.pack_state(sha) == {"sha256": sha, "state": "installed"}


@pytest.mark.parametrize("fault", ["404", "500", "503", TRUNCATE, STALL])
def test_a_plan_that_cannot_be_had_keeps_the_one_kept(fleet, fault):
    stop = fleet.desk.add_stop(KIOSK_ID, "2027-02-12", "Bib Maldegem")
    assert fleet.sync().state == DONE
    kept = load_plan(fleet.config.data_dir)
    fleet.desk.cancel_stop(stop)
    with fleet.kiosk.journal() as journal:
        add_sessions(journal, 2)
        fleet.proxy.plan(*[fault] * ATTEMPTS, path=f"/v1/kiosks/{KIOSK_ID}/plan")
        done = fleet.sync()
        assert done.state == RETRY_LATER, done.message
        assert held(fleet.kiosk) == latest(journal)
    assert load_plan(fleet.config.data_dir) == kept  # still the last plan the kiosk had
    assert fleet.sync().state == DONE
    assert load_plan(fleet.config.data_dir).stops[0].cancelled


@pytest.mark.parametrize(
    ("hostile", "where"),
    [
        (invalid_workshop_pack, "lazershow.yaml:29:19: device 'lazer' is not in the kit"),
        (dotdot_pack, "../../escape.yaml:1:1: "),
        (link_pack, "passwd.yaml:1:1: a link"),
        (bomb_pack, "img/big.png:1:1: compressed"),
    ],
    ids=["invalid-workshop", "dotdot", "link", "zip-bomb"],
)
def test_a_hostile_pack_is_refused_for_good_and_the_kiosk_keeps_what_it_had(fleet, hostile, where):
    first = fleet.desk.add_pack(good_pack("eerste-spel"), "a-eerste")
    assert fleet.sync().state == DONE
    before = sorted(open_library(fleet.config, None).workshops)
    bad = fleet.inject(hostile(), "b-kwaad")  # the listing itself takes none of these
    with fleet.kiosk.journal() as journal:
        add_sessions(journal, 2)
        done = fleet.sync()
        assert done.state == DONE, done.message  # a refusal is final, not a retry
        assert held(fleet.kiosk) == latest(journal)
    assert fleet.installed() == [first] and fleet.no_scratch()
    assert sorted(open_library(fleet.config, None).workshops) == before
    assert not (fleet.config.data_dir.parent / "escape.yaml").exists()
    state = fleet.pack_state(bad)
    assert state["state"] == "refused" and state["detail"].startswith(where), state
    fleet.proxy.log.clear()
    assert fleet.sync().state == DONE
    assert fleet.requests("/v1/packs/") == []  # never fetched again at that sha256
    assert fleet.pack_state(bad)["state"] == "refused"  # and still said in every status
