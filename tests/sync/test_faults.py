"""The network's faults between kiosk and listing: nothing lost, nothing twice, stops on 401."""

from __future__ import annotations

import pytest

from kiosk.sync.backoff import Backoff
from kiosk.sync.once import sync_once
from kiosk.sync.round import ATTENTION, DONE, RETRY_LATER, UNAUTHORIZED
from tests.sync.conftest import FAST, KIOSK_ID, add_sessions, write_token
from tests.sync.faulty_proxy import (
    DROP_AFTER,
    DROP_BEFORE,
    NOT_JSON,
    REVOKE,
    STALL,
    TRUNCATE,
    FaultyProxy,
)
from tests.sync.test_round import held, latest

BATCH = "/v1/sessions/batch"
SHORT = {"client_options": {"connect_timeout": 1.0, "read_timeout": 0.3}}


@pytest.mark.parametrize(
    "faults",
    [
        [DROP_BEFORE],
        [DROP_AFTER],  # the listing committed, the answer is lost
        [DROP_AFTER, DROP_AFTER, DROP_BEFORE],
        [STALL],  # committed, then silent past the read timeout
        [TRUNCATE],
        [NOT_JSON],
        ["500"],
        ["502", "500"],
    ],
    ids=lambda faults: "+".join(faults),
)
def test_a_failed_send_is_retried_and_lands_once(kiosk, faults):
    with kiosk.journal() as journal:
        add_sessions(journal, 4)
        with FaultyProxy(kiosk.config.listing_url, stall_s=0.6) as proxy:
            proxy.plan(*faults, path=BATCH)
            done = sync_once(kiosk.pointed_at(proxy.url), **FAST, **SHORT)
        assert done.state == DONE, done.message
        assert [a for m, p, a in proxy.log if p == BATCH] == [*faults, "forward"]
        assert held(kiosk) == latest(journal)


@pytest.mark.parametrize("status", ["429", "503"])
def test_busy_waits_at_least_retry_after(kiosk, status):
    waits: list[float] = []

    class Recording(Backoff):
        def delay(self, attempt, retry_after=None):
            waits.append(super().delay(attempt, retry_after))
            return waits[-1]

    with kiosk.journal() as journal:
        add_sessions(journal, 2)
        with FaultyProxy(kiosk.config.listing_url, retry_after=1) as proxy:
            proxy.plan(status, path=BATCH)
            done = sync_once(
                kiosk.pointed_at(proxy.url), backoff=Recording(base=0.001, cap=0.002), attempts=3
            )
        assert done.state == DONE, done.message
        assert waits and waits[0] >= 1.0  # the server's Retry-After is a floor over the jitter
        assert held(kiosk) == latest(journal)


def test_the_listings_own_maintenance_is_waited_out_then_retry_later(kiosk, listing):
    waits: list[float] = []

    class Recording(Backoff):
        def delay(self, attempt, retry_after=None):
            waits.append(super().delay(attempt, retry_after))
            return waits[-1]

    with kiosk.journal() as journal:
        add_sessions(journal, 1)
        listing.maintenance(1)
        done = sync_once(kiosk.config, backoff=Recording(base=0.001, cap=0.002), attempts=2)
        assert done.state == RETRY_LATER and "busy" in done.message
        assert waits == [1.0]
        listing.maintenance(None)
        assert sync_once(kiosk.config, **FAST).state == DONE


def test_a_listing_that_keeps_failing_means_retry_later_and_loses_nothing(kiosk):
    with kiosk.journal() as journal:
        ids = add_sessions(journal, 3)
        with FaultyProxy(kiosk.config.listing_url) as proxy:
            proxy.plan(*["502"] * FAST["attempts"], path=BATCH)
            done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
        assert done.state == RETRY_LATER
        assert "retry later" in done.message
        assert [s["session_id"] for s in journal.unconfirmed()] == ids
        assert sync_once(kiosk.config, **FAST).state == DONE
        assert held(kiosk) == latest(journal)


def test_offline_at_health_means_retry_later(kiosk):
    with kiosk.journal() as journal:
        add_sessions(journal, 1)
        with FaultyProxy(kiosk.config.listing_url) as proxy:
            proxy.plan(*[DROP_BEFORE] * FAST["attempts"], path="/v1/health")
            done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
        assert done.state == RETRY_LATER
        assert all(p == "/v1/health" for _, p, _ in proxy.log)
        assert len(journal.unconfirmed()) == 1


def test_a_token_revoked_mid_round_stops_the_round_at_once(kiosk, listing):
    with kiosk.journal() as journal:
        add_sessions(journal, 12)
        with FaultyProxy(
            kiosk.config.listing_url, on_revoke=lambda: listing.revoke(KIOSK_ID)
        ) as proxy:
            proxy.plan("forward", REVOKE, path=BATCH)
            done = sync_once(kiosk.pointed_at(proxy.url), batch_items=4, **FAST)
        assert done.state == UNAUTHORIZED
        assert "invalid or revoked" in done.message
        batches = [a for m, p, a in proxy.log if p == BATCH]
        assert batches == ["forward", REVOKE]  # no retry, no third batch, no reconciliation
        assert proxy.log[-1][1] == BATCH
        assert done.confirmed == 4
        assert len(journal.unconfirmed()) == 8


def test_a_refused_batch_is_split_until_the_refused_session_is_found(kiosk):
    with kiosk.journal() as journal:
        first, *others = add_sessions(journal, 4)
        with FaultyProxy(kiosk.config.listing_url) as proxy:
            # The whole batch of 4 refused (e.g. a reverse proxy's body limit), then the first
            # half of 2, then the single first session: only that one needs attention.
            proxy.plan("413", "413", "413", path=BATCH)
            done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
        assert [a for m, p, a in proxy.log if p == BATCH] == ["413"] * 3 + ["forward"] * 2
        assert done.state == ATTENTION
        assert done.attention == [(first, "injected (HTTP 413)")]
        assert set(held(kiosk)) == set(others)


def test_a_token_of_another_kiosk_stops_before_anything_is_sent(kiosk, listing):
    with kiosk.journal() as journal:
        add_sessions(journal, 2)
    other = write_token(kiosk.config.token_file, listing.add_kiosk("another-kiosk"))
    assert other == kiosk.config.token_file
    with FaultyProxy(kiosk.config.listing_url) as proxy:
        done = sync_once(kiosk.pointed_at(proxy.url), **FAST)
    assert done.state == UNAUTHORIZED and "403" in done.message
    assert not any(p == BATCH for _, p, _ in proxy.log)
    with kiosk.journal() as journal:
        assert len(journal.unconfirmed()) == 2  # not marked as needing attention either
