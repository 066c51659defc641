"""Many seeded publishing runs of the listing's own stops (a real database, SQLite and
PostgreSQL) against a fake UiTdatabank that drops answers after creating, fails with 500/503,
asks to wait (429), expires tokens and lags its search index, while the listing's process dies
at a save now and then and the coordinator edits, cancels and restores stops between runs:
in the end every stop has exactly one event (none if it never had one before it was
cancelled), matching the stop as it is now."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from listing import db
from listing.storage.stops import list_stops
from listing.storage.uit import UitTable
from listing.storage.workshops import workshop_texts
from listing.uit import run as runs
from listing.uit.client import UitClient
from listing.uit.event import content_hash, event_body, hidden_label
from listing.uit.publish import Settle
from tests.uit.conftest import fast_pacing, write_secret
from tests.uit.fake_uit import FakeUit
from tests.uit.listing_db import at, stop_day

SEEDS = range(6)
STOPS = 4
ROUNDS = 5
WORKSHOP_SETS = [("reactiespel",), ("reactiespel", "nachtlampje"), ("datalogger",), ()]


class Crash(BaseException):
    """The listing's process dies (power, OOM, a deploy) at a save."""


def crashing_table(rng: random.Random, rate: float):
    class CrashingTable(UitTable):
        def save(self, stop_id, record):
            if rng.random() < rate:
                raise Crash
            super().save(stop_id, record)

    return CrashingTable


def edit(listing_db, stop, rng: random.Random) -> None:
    """What a coordinator does to a stop between runs (its times stay given)."""
    what = rng.choice(("time", "workshops", "cancel", "nothing", "nothing"))
    day = dt.date.fromisoformat(stop.date)
    if what == "time":
        listing_db.edit(stop.stop_id, ends_at=at(day, 13 + rng.randint(1, 6)))
    elif what == "workshops":
        listing_db.plan_workshops(stop.stop_id, rng.choice(WORKSHOP_SETS))
    elif what == "cancel":
        listing_db.edit(
            stop.stop_id, status="planned" if stop.status == "cancelled" else "cancelled"
        )


@pytest.mark.parametrize("seed", SEEDS)
def test_exactly_one_event_per_stop_whatever_fails(listing_db, tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    with FakeUit() as uit:
        settings = uit.settings(write_secret(tmp_path / "secret", uit.secret))
        place = uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
        client = UitClient(settings, pacing=fast_pacing(seed), timeout=0.1)
        settle = Settle(window_s=0.4, poll_s=0.04)  # > timeout and lag, with margin
        ids = [listing_db.add_stop(day=stop_day(30 + n)) for n in range(STOPS)]
        listing_db.cancel(ids[rng.randrange(STOPS)])
        uit.inject_search_faults()
        client.sign_in()  # a token that expires before the first run: its first create, a 401
        monkeypatch.setattr(runs, "UitTable", crashing_table(rng, 0.05))

        def run(stops) -> int:
            try:
                done = runs.publish_stops(
                    listing_db.engine, stops, client=client, settings=settings, settle=settle
                )
            except Crash:
                return 1
            for s in stops:
                assert len(uit.events_labelled(hidden_label(s.stop_id))) <= 1
            return done.exit_code

        def every_stop():
            with db.read(listing_db.engine) as conn:
                return list_stops(conn)

        for round_ in range(ROUNDS):
            for stop in every_stop():
                edit(listing_db, stop, rng)
            uit.index_lag = rng.choice((0.0, 0.03, 0.08))  # less than the settle window
            if round_ == 1:
                uit.inject_create_faults()
            uit.expire_tokens()
            uit.chaos(rng, rate=0.25)
            if rng.random() < 0.5:
                run(every_stop())  # a whole run: it ends at the first stop UiT cannot take
            else:
                for stop in every_stop():  # a run per stop, as `--stop` or the portal's button
                    run([stop])

        statuses = {status for _, status in uit.calls}
        assert {0, 401, 429} <= statuses and statuses & {500, 503}  # the faults did happen
        uit.chaos(None)
        monkeypatch.setattr(runs, "UitTable", UitTable)
        client = UitClient(settings, pacing=fast_pacing(seed), timeout=10.0)
        assert any(run(every_stop()) == 0 for _ in range(3)), "a calm UiTdatabank finishes it"

        with db.read(listing_db.engine) as conn:
            stops = list_stops(conn)
            texts = workshop_texts(conn, {w for s in stops for w in s.workshops})
        table = UitTable(listing_db.engine, settings.entry_url)
        for s in stops:
            events = uit.events_labelled(hidden_label(s.stop_id))
            record = table.load(s.stop_id)
            if not events:
                assert s.status == "cancelled" and record.event_id is None
                continue
            [event] = events
            planned = runs.planned_stop(s, None, texts)
            body = event_body(planned, place_url=place, eventtype=settings.eventtype)
            assert event["@id"].endswith(record.event_id)
            assert record.content_hash == content_hash(body)
            for key, value in body.items():
                if key != "terms":  # UiTdatabank adds each term's domain and label
                    assert event[key] == value, key
            assert [t["id"] for t in event["terms"]] == [settings.eventtype]
