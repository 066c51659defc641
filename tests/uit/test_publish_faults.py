"""Many seeded runs of publishing against a fake UiTdatabank that drops answers, fails,
asks to wait, expires tokens and lags its search index, while the listing crashes now and
then and the coordinator keeps changing the stops: in the end every stop has exactly one
event (none if it was cancelled before it ever got one), matching its latest state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from listing.uit.client import UitClient
from listing.uit.errors import TryLater
from listing.uit.event import content_hash, event_body, hidden_label
from listing.uit.publish import Settle, publish_stop
from tests.uit.conftest import fast_pacing, write_secret
from tests.uit.examples import DATALOGGER, NACHTLAMPJE, REACTIESPEL, MemoryStore, stop
from tests.uit.fake_uit import FakeUit

SEEDS = range(6)
STOPS = 5
ROUNDS = 6
WORKSHOP_SETS = [(REACTIESPEL,), (REACTIESPEL, NACHTLAMPJE), (DATALOGGER, NACHTLAMPJE), ()]


class Crash(BaseException):
    """The listing's process dies (power, OOM, a deploy) at a save."""


class CrashingStore(MemoryStore):
    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng, self.rate = rng, 0.08

    def save(self, stop_id, record):
        if self.rng.random() < self.rate:
            raise Crash
        super().save(stop_id, record)


def changed(s, rng: random.Random):
    """What a coordinator does to a planned stop between runs (it always keeps its times)."""
    what = rng.choice(("time", "workshops", "cancel", "nothing", "nothing"))
    if what == "time":
        ends = s.starts_at + dt.timedelta(hours=rng.randint(1, 6))
        return dataclasses.replace(s, ends_at=ends)
    if what == "workshops":
        return dataclasses.replace(s, workshops=rng.choice(WORKSHOP_SETS))
    if what == "cancel":
        return dataclasses.replace(s, status="planned" if s.cancelled else "cancelled")
    return s


@pytest.mark.parametrize("seed", SEEDS)
def test_exactly_one_event_per_stop_whatever_fails(tmp_path, seed):
    rng = random.Random(seed)
    with FakeUit() as uit:
        settings = uit.settings(write_secret(tmp_path / "secret", uit.secret))
        place = uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
        # Short timeouts while UiTdatabank misbehaves; a calm run may take its time.
        client = UitClient(settings, pacing=fast_pacing(seed), timeout=0.1)
        store = CrashingStore(rng)
        settle = Settle(window_s=0.4, poll_s=0.04)  # > timeout and lag, with margin
        uit.inject_search_faults()
        client.sign_in()
        uit.expire_tokens()  # the first create meets a 401
        stops = [
            stop(n, status=rng.choice(("planned", "planned", "cancelled"))) for n in range(STOPS)
        ]

        def run_all() -> int:
            unfinished = 0
            for s in stops:
                try:
                    publish_stop(s, client=client, store=store, settings=settings, settle=settle)
                except (TryLater, Crash):
                    unfinished += 1
                assert len(uit.events_labelled(hidden_label(s.stop_id))) <= 1
            return unfinished

        for round_ in range(ROUNDS):
            stops = [changed(s, rng) for s in stops]
            uit.index_lag = rng.choice((0.0, 0.03, 0.08))  # less than the settle window
            if round_ == 1:
                uit.inject_create_faults()
            if round_ == 2 or rng.random() < 0.3:
                uit.expire_tokens()
            uit.chaos(rng, rate=0.25)
            run_all()

        statuses = {status for _, status in uit.calls}
        assert {0, 401, 429} <= statuses and statuses & {500, 503}  # the faults did happen
        uit.chaos(None)
        store.rate = 0.0
        client = UitClient(settings, pacing=fast_pacing(seed), timeout=10.0)
        assert any(run_all() == 0 for _ in range(3)), "a calm UiTdatabank finishes every stop"

        for s in stops:
            events = uit.events_labelled(hidden_label(s.stop_id))
            record = store.load(s.stop_id)
            if not events:
                assert s.cancelled and record.event_id is None
                continue
            [event] = events
            body = event_body(s, place_url=place, eventtype=settings.eventtype)
            assert event["@id"].endswith(record.event_id)
            assert record.content_hash == content_hash(body)
            for key, value in body.items():
                if key != "terms":
                    assert event[key] == value, key
            assert [t["id"] for t in event["terms"]] == ["0.3.1.0.1"]
