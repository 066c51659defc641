"""One round against the real listing: everything confirmed once, reconciliation, attention."""

from __future__ import annotations

import datetime as dt
import time

import requests

from kiosk.clock import Clock
from kiosk.journal import Journal
from kiosk.sync.client import ListingClient
from kiosk.sync.once import sync_once
from kiosk.sync.round import ATTENTION, DONE, run_round
from tests.sync.conftest import FAST, KIOSK_ID, STOP, WORKSHOP, add_sessions, enroll
from tests.sync.faulty_proxy import REJECT_ONE, FaultyProxy


def held(kiosk) -> dict[str, int]:
    """What the listing holds for the kiosk (asked directly, not through the sync client)."""
    answer = requests.get(
        f"{kiosk.config.listing_url}/v1/kiosks/{KIOSK_ID}/sessions",
        headers={"Authorization": f"Bearer {kiosk.token}"},
        timeout=10,
    )
    answer.raise_for_status()
    sessions = answer.json()["sessions"]
    ids = [s["session_id"] for s in sessions]
    assert len(ids) == len(set(ids)), "the listing holds a session twice"
    return {s["session_id"]: s["revision"] for s in sessions}


def latest(journal) -> dict[str, int]:
    return {s["session_id"]: s["revision"] for s, _ in journal.snapshots()}


def test_a_round_confirms_every_session_and_says_so(tmp_path, any_listing):
    kiosk = enroll(tmp_path, any_listing)
    with kiosk.journal() as journal:
        add_sessions(journal, 7)
        done = sync_once(kiosk.config, **FAST)
        assert done.state == DONE, done.message
        assert done.message == "7 on the kiosk, 7 confirmed, 0 need attention"
        assert done.sent == 7
        assert held(kiosk) == latest(journal)
        assert journal.unconfirmed() == []


def test_a_second_round_sends_only_what_changed(kiosk):
    with kiosk.journal() as journal:
        first, _ = add_sessions(journal, 2)
        assert sync_once(kiosk.config, **FAST).state == DONE
        journal.count(first, "14-17")
        again = sync_once(kiosk.config, **FAST)
        assert (again.state, again.sent) == (DONE, 1)
        assert held(kiosk) == latest(journal)


def test_sessions_over_one_batch_go_in_several(kiosk):
    with kiosk.journal() as journal:
        add_sessions(journal, 23, taps=0)
        done = sync_once(kiosk.config, batch_items=5, **FAST)
        assert (done.state, done.sent, done.confirmed) == (DONE, 23, 23)
        assert held(kiosk) == latest(journal)


def test_reconciliation_queues_again_what_the_listing_lacks(kiosk):
    with kiosk.journal() as journal:
        sent, never_sent = add_sessions(journal, 2)
        assert sync_once(kiosk.config, **FAST).state == DONE
        # The kiosk believes a session confirmed that the listing never got (a restored
        # listing backup looks the same): the round finds it missing and sends it.
        journal.count(never_sent, "18-")
        journal.mark_confirmed(never_sent, journal.snapshot(never_sent)["revision"])
        assert journal.unconfirmed() == []
        with ListingClient(kiosk.config.listing_url, kiosk.token) as client:
            done = run_round(journal, client, KIOSK_ID, **FAST)
        assert done.state == DONE, done.message
        assert held(kiosk) == latest(journal)
        assert held(kiosk)[never_sent] == journal.snapshot(never_sent)["revision"]
        assert sent in held(kiosk)


def test_a_rejected_session_needs_attention_until_fixed(kiosk):
    with kiosk.journal() as journal:
        bad, *good = add_sessions(journal, 3)
        with FaultyProxy(kiosk.config.listing_url) as proxy:
            proxy.plan(REJECT_ONE, path="/v1/sessions/batch")
            done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
        assert done.state == ATTENTION
        assert [sid for sid, _ in done.attention] == [bad]
        assert "total" in done.attention[0][1]
        assert done.message == "3 on the kiosk, 2 confirmed, 1 need attention"
        state = journal.sync_state(bad)
        assert state["attention"] and state["confirmed_revision"] == 0
        assert set(held(kiosk)) == set(good)
        # Not resent unchanged: the next round leaves it alone.
        again = sync_once(kiosk.config, **FAST)
        assert (again.state, again.sent) == (ATTENTION, 0)
        # The facilitator corrects the count: a new revision, sent and confirmed.
        journal.count(bad, "unknown")
        fixed = sync_once(kiosk.config, **FAST)
        assert (fixed.state, fixed.sent, fixed.attention) == (DONE, 1, [])
        assert held(kiosk) == latest(journal)
        assert journal.sync_state(bad)["attention"] is None


def test_the_listing_clock_corrects_this_boots_unsynchronised_times(kiosk):
    # No NTP and a wall clock an hour fast: the health answer's server_time proves the offset.
    fast = Clock(wall=lambda: time.time() + 3600, synchronised=lambda: False)
    with Journal.for_config(kiosk.config, clock=fast) as journal:
        sid = journal.start_session(WORKSHOP, STOP)
        assert journal.snapshot(sid)["time_source"] == "unsynced"
        with ListingClient(kiosk.config.listing_url, kiosk.token) as client:
            done = run_round(journal, client, KIOSK_ID, **FAST)
        assert done.state == DONE, done.message
        snapshot = journal.snapshot(sid)
        assert snapshot["time_source"] == "corrected"
        started = dt.datetime.fromisoformat(snapshot["started_at"])
        assert abs((started - dt.datetime.now(dt.UTC)).total_seconds()) < 300
        assert held(kiosk)[sid] == snapshot["revision"]  # the corrected revision is the one sent
