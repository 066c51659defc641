"""Many seeded rounds through random faults while the kiosk keeps counting between them."""

from __future__ import annotations

import random

import pytest

from kiosk.journal import BANDS
from kiosk.sync.once import sync_once
from kiosk.sync.round import ATTENTION, DONE, RETRY_LATER
from tests.sync.conftest import FAST, add_sessions
from tests.sync.faulty_proxy import RANDOM_FAULTS, REJECT_ONE, FaultyProxy
from tests.sync.test_round import held

ROUNDS = 25


@pytest.mark.parametrize("seed", [7, 2026])
def test_random_faults_never_lose_or_duplicate_a_session(kiosk, seed):
    rng = random.Random(seed)
    with kiosk.journal() as journal, FaultyProxy(kiosk.config.listing_url, stall_s=0.3) as proxy:
        proxy.randomly(0.3, seed, (*RANDOM_FAULTS, REJECT_ONE))
        config = kiosk.pointed_at(proxy.url)
        options = {"client_options": {"connect_timeout": 1.0, "read_timeout": 0.15}, **FAST}
        open_ids: list[str] = []
        for _ in range(ROUNDS):
            open_ids += add_sessions(journal, rng.randint(0, 4), taps=rng.randint(0, 2))
            for sid in rng.sample(open_ids, min(len(open_ids), 3)):
                journal.count(sid, rng.choice(BANDS))  # counting goes on between rounds
            if open_ids and rng.random() < 0.3:
                journal.end_session(open_ids.pop(rng.randrange(len(open_ids))))
            done = sync_once(config, batch_items=rng.choice([2, 5, 500]), **options)
            assert done.state in (DONE, ATTENTION, RETRY_LATER), done.message
        assert proxy.count("forward") and len(proxy.log) > proxy.count("forward")
        proxy.randomly(0.0, seed)
        final = sync_once(config, **options)  # the network is good again

        listing = held(kiosk)  # also asserts no session twice
        kiosk_sessions = journal.snapshots()
        for snapshot, sync in kiosk_sessions:
            sid, revision = snapshot["session_id"], snapshot["revision"]
            if sync["attention"]:  # refused at this revision, and said so
                assert listing.get(sid, 0) < revision
                assert sid in dict(final.attention)
            else:
                assert listing.get(sid) == revision, f"{sid} not on the listing at r{revision}"
                assert sync["confirmed_revision"] == revision
        assert set(listing) <= {s["session_id"] for s, _ in kiosk_sessions}
        assert final.state == (ATTENTION if final.attention else DONE)
        assert final.confirmed + len(final.attention) == len(kiosk_sessions)
