"""Publishing one stop: created once, then unchanged, updated or cancelled; every reason to
skip; a lost answer or a crash resolved by the stop's label, never by a second create."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from listing.uit.client import UitClient
from listing.uit.errors import AuthFailed, TryLater
from listing.uit.event import event_body, hidden_label
from listing.uit.publish import CANCELLED, CREATING, PUBLISHED, publish_stop
from tests.uit.conftest import fast_pacing, write_secret
from tests.uit.examples import UTC, MemoryStore, stop

PLACE_UUID = "787d7420-c06f-4935-b3c5-5cd5a1276796"


@pytest.fixture
def place(uit):
    return uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")


@pytest.fixture
def publish(client, store, settings, settle, place):
    def run(s, **options):
        options = {
            "client": client,
            "store": store,
            "settings": settings,
            "settle": settle,
            **options,
        }
        return publish_stop(s, **options)

    return run


def only_event(uit, s):
    [event] = uit.events_labelled(hidden_label(s.stop_id))
    return event


def test_a_stop_is_created_once_then_unchanged(publish, uit, store, place):
    first = publish(stop())
    assert (first.result, first.line()) == ("created", "created")
    again = publish(stop())
    assert (again.result, again.event_id) == ("unchanged", first.event_id)
    assert uit.count("create") == 1 and uit.count("update") == 0
    event = only_event(uit, stop())
    assert event["@id"].endswith(first.event_id) and event["location"] == {"@id": place}
    assert store.load(stop().stop_id).state == PUBLISHED


def test_the_event_id_is_stored_before_anything_else_happens(publish, uit, store):
    publish(stop())
    create = next(n for n, (op, _) in enumerate(uit.calls) if op == "create")
    stored = [calls for _, record, calls in store.saves if record.event_id]
    assert stored[0] == create + 1  # saved right after the create's answer, before any call
    sent = [r for _, r, calls in store.saves if calls <= create]
    assert sent[-1].state == CREATING  # and the intent to create before it was sent


def test_a_changed_stop_updates_its_event_after_reading_it(publish, uit):
    created = publish(stop())
    later = stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC))
    assert publish(later).result == "updated"
    assert only_event(uit, later)["subEvent"][0]["endDate"] == "2027-02-12T19:00:00+01:00"
    ops = [op for op, _ in uit.calls if op in ("get", "update")]
    assert ops == ["get", "update"] and uit.count("create") == 1
    assert publish(later).result == "unchanged"
    assert created.event_id == publish(later).event_id


def test_a_cancelled_stop_cancels_its_event_and_can_come_back(publish, uit, store):
    publish(stop())
    cancelled = publish(stop(status="cancelled"))
    assert cancelled.result == "cancelled"
    assert only_event(uit, stop())["status"] == {"type": "Unavailable"}
    assert store.load(stop().stop_id).state == CANCELLED
    assert publish(stop(status="cancelled")).result == "unchanged"
    assert publish(stop()).result == "updated"
    assert only_event(uit, stop())["status"] == {"type": "Available"}
    assert uit.count("create") == 1


def test_a_stop_cancelled_before_it_was_published_is_left_alone(publish, uit):
    outcome = publish(stop(status="cancelled"))
    assert outcome.line() == "skipped: cancelled before it was published"
    assert not outcome.needs_coordinator and uit.calls == []


def test_a_stop_without_times_is_skipped_before_any_call(publish, uit, store):
    outcome = publish(stop(starts_at=None, ends_at=None))
    assert outcome.result == "skipped" and "no start and end time" in outcome.reason
    assert outcome.needs_coordinator and uit.calls == []
    assert store.load(stop().stop_id).error == outcome.reason  # for the portal


def test_no_place_or_several_asks_the_coordinator_to_pick(publish, uit, store):
    nowhere = publish(stop(name="Jeugdhuis Nergens"))
    assert nowhere.reason == "no UiT place named 'Jeugdhuis Nergens' at 9990: pick the place"
    assert nowhere.candidates == ()
    other = uit.add_place("Bibliotheek Maldegem Kouter", "9990", "Maldegem", "Kouter 3")
    several = publish(stop())
    assert several.reason == "2 UiT places named 'Bibliotheek Maldegem' at 9990: pick the place"
    assert other in [c.id for c in several.candidates] and several.needs_coordinator
    assert "Kouter 3, 9990 Maldegem" in [c.address for c in several.candidates]
    assert uit.count("create") == 0


def test_a_refused_place_search_asks_for_the_place(publish, uit):
    uit.inject("search_places", "status", status=400)
    outcome = publish(stop())
    assert outcome.reason == "the place search was refused (injected by the fake): pick the place"
    assert uit.count("create") == 0


def test_a_chosen_place_is_used_without_searching(publish, uit):
    chosen = stop(place_id=PLACE_UUID, postcode=None)
    assert publish(chosen).result == "created"
    assert only_event(uit, chosen)["location"] == {"@id": f"{uit.entry_url}/places/{PLACE_UUID}"}
    assert uit.count("search_places") == 0


def test_no_place_and_no_postcode_asks_for_the_place(publish, uit):
    outcome = publish(stop(postcode=None))
    assert "no UiT place chosen and no postcode" in outcome.reason and uit.calls == []


def test_a_400_is_stored_shown_and_not_sent_again_unchanged(publish, uit, store, settings):
    bad = dataclasses.replace(settings, eventtype="9.9.9.9.9")  # not in UiT's taxonomy
    first = publish(stop(), settings=bad)
    assert first.line().startswith("skipped: rejected by UiTdatabank: ")
    assert "/terms: unknown term id(s): 9.9.9.9.9" in first.reason
    assert store.load(stop().stop_id).error in first.reason and first.needs_coordinator
    calls = len(uit.calls)
    assert publish(stop(), settings=bad).reason == first.reason
    assert len(uit.calls) == calls + 1  # the place search only: the create is not sent again
    assert publish(stop()).result == "created"  # fixed: sent, accepted, the error gone
    assert store.load(stop().stop_id).error is None and uit.count("create") == 2


def test_a_refusal_seen_again_after_another_reason_says_so(publish, uit, store, settings):
    bad = dataclasses.replace(settings, eventtype="9.9.9.9.9")
    publish(stop(), settings=bad)
    uit.add_place("Bibliotheek Maldegem Kouter", "9990", "Maldegem", "Kouter 3")
    assert "2 UiT places" in publish(stop(), settings=bad).reason
    uit.places.pop()  # the extra place is gone again: the same refused event
    again = publish(stop(), settings=bad)
    assert again.reason == (
        "rejected by UiTdatabank: this same event before: change the stop or the settings"
    )
    assert store.load(stop().stop_id).error == again.reason and uit.count("create") == 1


def test_a_400_on_an_update_keeps_the_event_and_says_why(publish, uit, store, settings):
    first = publish(stop())
    bad = dataclasses.replace(settings, eventtype="9.9.9.9.9")
    outcome = publish(stop(), settings=bad)
    assert "rejected by UiTdatabank: " in outcome.reason and outcome.event_id == first.event_id
    record = store.load(stop().stop_id)
    assert (record.state, record.event_id) == (PUBLISHED, first.event_id)
    assert publish(stop()).result == "unchanged"  # back to what UiTdatabank holds


def test_an_event_rejected_by_moderation_is_left_and_never_made_again(publish, uit, store):
    first = publish(stop())
    uit.edit(first.event_id, workflowStatus="REJECTED")
    outcome = publish(stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC)))
    assert "is REJECTED in UiTdatabank; it is not created again" in outcome.reason
    assert uit.count("update") == 0 and uit.count("create") == 1
    assert store.load(stop().stop_id).event_id == first.event_id


def test_an_approved_event_stays_approved_and_keeps_what_people_added(publish, uit):
    first = publish(stop())
    picture = [{"@id": f"{uit.entry_url}/images/5a4c2d0e-1b3f-4c5d-8e9f-0a1b2c3d4e5f"}]
    theme = {"id": "0.52.0.0.0", "domain": "theme", "label": "Circus"}
    terms = [*only_event(uit, stop())["terms"], theme]
    uit.edit(first.event_id, workflowStatus="APPROVED", mediaObject=picture, terms=terms)
    assert publish(stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC))).result == "updated"
    event = only_event(uit, stop())
    assert event["workflowStatus"] == "APPROVED" and event["mediaObject"] == picture
    assert [t["id"] for t in event["terms"]] == ["0.3.1.0.1", "0.52.0.0.0"]


def test_an_event_gone_from_uit_is_never_created_again(publish, uit, store):
    first = publish(stop())
    del uit.events[first.event_id]
    outcome = publish(stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC)))
    assert f"no longer has event {first.event_id}" in outcome.reason
    assert uit.count("create") == 1


def test_an_event_deleted_between_reading_and_writing_is_not_created_again(
    publish, uit, client, store
):
    first = publish(stop())
    before = store.load(stop().stop_id)
    put = client.update_event

    def deleted_meanwhile(event_id, body):
        del uit.events[event_id]
        put(event_id, body)

    client.update_event = deleted_meanwhile
    outcome = publish(stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC)))
    assert f"no longer has event {first.event_id}" in outcome.reason
    after = store.load(stop().stop_id)
    assert after.content_hash == before.content_hash and uit.count("create") == 1


def test_a_lost_create_answer_is_settled_by_the_label(publish, uit, store):
    uit.index_lag = 0.2  # the search index shows the event a little later
    uit.inject("create", "drop")
    outcome = publish(stop())
    assert outcome.result == "created" and uit.count("create") == 1
    assert only_event(uit, stop())["@id"].endswith(outcome.event_id)
    assert store.load(stop().stop_id).event_id == outcome.event_id


def test_a_create_that_made_nothing_is_sent_again_on_the_next_run(publish, uit, store, settle):
    uit.inject("create", "status", status=500)
    with pytest.raises(TryLater, match="shows no such event"):
        publish(stop(), settle=dataclasses.replace(settle, window_s=0.1))
    assert uit.events == {} and store.load(stop().stop_id).state is None
    assert publish(stop()).result == "created"
    assert uit.count("create") == 2 and len(uit.events) == 1


def test_a_crash_after_the_create_is_settled_on_the_next_run(client, uit, settings, settle, place):
    class Crash(BaseException):
        pass

    class CrashingStore(MemoryStore):
        def save(self, stop_id, record):
            if record.event_id:
                raise Crash  # the process dies before the id is durable
            super().save(stop_id, record)

    crashing = CrashingStore()
    with pytest.raises(Crash):
        publish_stop(stop(), client=client, store=crashing, settings=settings, settle=settle)
    assert crashing.load(stop().stop_id).state == CREATING
    store = MemoryStore()
    store.records = crashing.records
    again = publish_stop(stop(), client=client, store=store, settings=settings, settle=settle)
    assert again.result == "created" and uit.count("create") == 1
    assert store.load(stop().stop_id).event_id == again.event_id


def test_several_events_with_the_label_ask_for_publiq(publish, uit, client, place):
    client.create_event(event_body(stop(), place_url=place, eventtype="0.3.1.0.1"))
    uit.inject("create", "drop")  # the stop's own create: made, its answer lost
    outcome = publish(stop())
    assert "all carry the label" in outcome.reason and outcome.needs_coordinator
    assert uit.count("create") == 2


def test_an_unreachable_search_keeps_the_create_unsettled(publish, uit, store):
    uit.inject("create", "drop")
    for _ in range(4):
        uit.inject("search_events", "status", status=503)
    with pytest.raises(TryLater):
        publish(stop())
    assert store.load(stop().stop_id).state == CREATING
    assert publish(stop()).result == "created" and uit.count("create") == 1


def test_a_wrong_secret_stops_the_run_with_a_clear_message(tmp_path, uit, store, settle, place):
    settings = uit.settings(write_secret(tmp_path / "wrong", "wrong-secret"))
    client = UitClient(settings, pacing=fast_pacing())
    with pytest.raises(AuthFailed, match="publiq refused client id stem-kiosk-test"):
        publish_stop(stop(), client=client, store=store, settings=settings, settle=settle)
    assert store.load(stop().stop_id).state is None and uit.events == {}
