"""Publishing the listing's own stops (a real database, SQLite and PostgreSQL) to the fake
UiTdatabank: what an event says of a stop's workshops, which stops a run takes, each
environment on its own, the coordinator's place, and how a run ends when it cannot go on."""

from __future__ import annotations

import dataclasses

import pytest

from listing import db
from listing.storage.uit import UitTable, choose_place, stop_lock, uit_states
from listing.uit.client import UitClient
from listing.uit.errors import AuthFailed
from listing.uit.event import hidden_label
from listing.uit.publish import CANCELLED, CREATING, PUBLISHED, UitRecord
from listing.uit.run import BUSY, publish_stops, select_stops
from tests.listing.packs import pack_zip
from tests.uit.conftest import fast_pacing, write_secret
from tests.uit.fake_uit import FakeUit
from tests.uit.listing_db import at, stop_day

LICHTSHOW = """id: lichtshow
version: "2.0"
title: {nl: Lichtshow, en: Light show}
summary: {nl: Licht dat danst op muziek., en: Light that dances to music.}
age_range: "12-16"
steps: []
"""


@pytest.fixture
def place(uit):
    return uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")


@pytest.fixture
def publish(listing_db, client, settings, settle, place):
    def run(*, stop_id=None, every=False, **changes):
        options = {"client": client, "settings": settings, "settle": settle, "wait_s": 5.0}
        options.update(changes)
        with db.read(listing_db.engine) as conn:
            chosen = select_stops(conn, options["settings"].entry_url, stop_id=stop_id, every=every)
        return publish_stops(listing_db.engine, chosen, **options)

    return run


def only_event(uit, stop_id):
    [event] = uit.events_labelled(hidden_label(stop_id))
    return event


def state_of(listing_db, settings, stop_id):
    with db.read(listing_db.engine) as conn:
        return uit_states(conn, settings.entry_url, [stop_id]).get(stop_id)


def test_an_event_says_what_the_listing_knows_of_the_workshops(publish, listing_db, uit, place):
    listing_db.add_pack(pack_zip({"lichtshow.yaml": LICHTSHOW}), "voorjaar")
    old = {"id": "reactiespel", "version": "0.9", "title": {"nl": "Reactiespel (oud)"}}
    listing_db.add_session(old | {"typical_age_range": "10-14"})  # the shipped file wins
    secret = {"id": "geheim", "version": "1", "title": {"nl": "Geheim"}}
    listing_db.add_session(secret | {"typical_age_range": "14-"})  # known from a session only
    planned = ["lichtshow", "reactiespel", "geheim", "onbekend"]
    stop_id = listing_db.add_stop(workshops=planned)

    run = publish()

    [line] = run.lines
    assert (line.text(), run.exit_code) == (f"{stop_id} Bibliotheek Maldegem: created", 0)
    event = only_event(uit, stop_id)
    assert event["name"] == {"nl": "STEM-workshops: Lichtshow, Reactiespel en Geheim"}
    assert event["description"] == {
        "nl": "Lichtshow: Licht dat danst op muziek.\n\n"
        "Reactiespel: Bouw een spel met een knop en een lampje. Wie drukt het snelst?\n\n"
        "Geheim"
    }
    assert event["typicalAgeRange"] == "10-"  # 12-16, 10-18 and 14-: from 10 on
    assert event["location"] == {"@id": place}
    day = stop_day().isoformat()
    assert event["subEvent"][0]["startDate"].startswith(f"{day}T1")  # 13:00 UTC, local time
    assert event["hiddenLabels"] == [f"stemkiosk-{stop_id}"]


def test_english_is_added_when_every_workshop_has_it(publish, listing_db, uit):
    stop_id = listing_db.add_stop(workshops=["reactiespel", "nachtlampje"])
    publish()
    event = only_event(uit, stop_id)
    assert event["name"]["en"] == "STEM workshops: Reaction game and Night light"
    assert event["description"]["en"].startswith("Reaction game: Build a game")


def test_an_edit_updates_a_cancel_cancels_and_nothing_is_made_twice(
    publish, listing_db, uit, settings
):
    stop_id = listing_db.add_stop()
    assert [line.result for line in publish().lines] == ["created"]
    assert [line.result for line in publish().lines] == ["unchanged"]
    listing_db.edit(stop_id, ends_at=at(stop_day(), 18))
    assert [line.result for line in publish().lines] == ["updated"]
    assert only_event(uit, stop_id)["subEvent"][0]["endDate"].startswith(stop_day().isoformat())
    listing_db.plan_workshops(stop_id, ["theremin"])
    assert [line.result for line in publish().lines] == ["updated"]
    assert only_event(uit, stop_id)["name"]["nl"] == "STEM-workshop: Theremin"
    listing_db.cancel(stop_id)
    assert [line.result for line in publish().lines] == ["cancelled"]
    assert only_event(uit, stop_id)["status"] == {"type": "Unavailable"}
    assert state_of(listing_db, settings, stop_id).state == CANCELLED
    assert publish().lines == []  # its event is cancelled: nothing left to do
    assert [line.result for line in publish(every=True).lines] == ["unchanged"]
    assert uit.count("create") == 1


def test_a_default_run_takes_the_stops_that_need_it(publish, listing_db, settings):
    past = listing_db.add_stop("Voorbij", day=stop_day(-3))
    coming = listing_db.add_stop("Straks")
    dropped = listing_db.add_stop("Afgelast")
    listing_db.cancel(dropped)  # cancelled before it was ever published
    unsettled = listing_db.add_stop("Onzeker", day=stop_day(-1))
    UitTable(listing_db.engine, settings.entry_url).save(
        unsettled, UitRecord(CREATING, None, "0" * 64, 1.0)
    )
    with db.read(listing_db.engine) as conn:
        due = [s.stop_id for s in select_stops(conn, settings.entry_url)]
        every = {s.stop_id for s in select_stops(conn, settings.entry_url, every=True)}
        one = [s.stop_id for s in select_stops(conn, settings.entry_url, stop_id=past.upper())]
    assert due == [unsettled, coming]  # by date
    assert every == {past, coming, dropped, unsettled} and one == [past]


def test_each_uit_environment_has_its_own_event(publish, listing_db, uit, tmp_path):
    stop_id = listing_db.add_stop()
    test_event = publish().lines[0]
    with FakeUit() as production:
        production.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
        settings = production.settings(write_secret(tmp_path / "prod", production.secret))
        client = UitClient(settings, pacing=fast_pacing())
        assert [line.result for line in publish(settings=settings, client=client).lines] == [
            "created"
        ]
        assert len(production.events_labelled(hidden_label(stop_id))) == 1
    assert [line.result for line in publish().lines] == ["unchanged"]
    assert test_event.result == "created" and uit.count("create") == 1


def test_no_single_place_keeps_the_candidates_until_one_is_chosen(
    publish, listing_db, uit, settings, place
):
    other = uit.add_place("Bibliotheek Maldegem Kouter", "9990", "Maldegem", "Kouter 3")
    stop_id = listing_db.add_stop()
    run = publish()
    [line] = run.lines
    assert line.pick_place and line.needs_coordinator and run.exit_code == 1
    assert {c.id for c in line.candidates} == {place, other}
    state = state_of(listing_db, settings, stop_id)
    assert {c.address for c in state.candidates} == {"Marktstraat 1, 9990 Maldegem",
                                                      "Kouter 3, 9990 Maldegem"}  # fmt: skip
    assert "2 UiT places" in state.error
    with db.write(listing_db.engine) as conn:
        choose_place(conn, stop_id, settings.entry_url, other)
    assert state_of(listing_db, settings, stop_id).candidates == ()
    assert [line.result for line in publish().lines] == ["created"]
    assert only_event(uit, stop_id)["location"] == {"@id": other}
    state = state_of(listing_db, settings, stop_id)
    assert (state.state, state.error, state.candidates) == (PUBLISHED, None, ())


def test_a_stop_without_times_waits_for_them(publish, listing_db, uit, settings):
    stop_id = listing_db.add_stop(hours=None)
    run = publish()
    assert run.exit_code == 1 and "no start and end time" in run.lines[0].reason
    assert "no start and end time" in state_of(listing_db, settings, stop_id).error
    assert uit.count("create") == 0


def test_a_400_is_stored_with_the_stop_and_not_sent_again(publish, listing_db, uit, settings):
    stop_id = listing_db.add_stop()
    bad = dataclasses.replace(settings, eventtype="9.9.9.9.9")
    for _ in range(2):
        run = publish(settings=bad)
        assert run.exit_code == 1 and "rejected by UiTdatabank" in run.lines[0].reason
    assert uit.count("create") == 1  # refused once, never sent again unchanged
    assert "/terms: unknown term id(s): 9.9.9.9.9" in state_of(listing_db, bad, stop_id).error
    assert [line.result for line in publish().lines] == ["created"]


def test_uit_out_of_reach_ends_the_run_for_later(publish, listing_db, uit, settings):
    ids = [listing_db.add_stop(day=stop_day(30 + n)) for n in range(3)]
    for _ in range(4):  # every try of the first stop's place search
        uit.inject("search_places", "status", status=503, retry_after=0)
    run = publish()
    assert run.exit_code == 3 and run.untried == 2
    [line] = run.lines
    assert line.stop_id == ids[0] and "could not be reached" in line.reason
    assert publish().exit_code == 0 and uit.count("create") == 3


def test_a_wrong_secret_stops_the_run_before_any_stop(publish, listing_db, uit, tmp_path):
    listing_db.add_stop()
    wrong = uit.settings(write_secret(tmp_path / "wrong", "not-the-secret"))
    with pytest.raises(AuthFailed, match="publiq refused client id"):
        publish(settings=wrong, client=UitClient(wrong, pacing=fast_pacing()))
    assert {op for op, _ in uit.calls} == {"token"}


def test_a_stop_another_run_holds_is_left_for_later(publish, listing_db, uit):
    held = listing_db.add_stop()
    free = listing_db.add_stop(day=stop_day(31))
    with stop_lock(listing_db.engine, held, 0.0):
        run = publish(wait_s=0.1)
    assert [(line.stop_id, line.result, line.reason) for line in run.lines] == [
        (held, "skipped", BUSY),
        (free, "created", None),
    ]
    assert run.exit_code == 3
    assert [line.result for line in publish().lines] == ["created", "unchanged"]
