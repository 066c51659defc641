"""The UiTdatabank client against the fake: tokens, retries, Retry-After, timeouts, and what
each kind of answer becomes."""

from __future__ import annotations

import socket

import pytest

from listing.uit.client import UitClient
from listing.uit.errors import AnswerLost, AuthFailed, ConfigError, NotFound, Rejected, TryLater
from listing.uit.event import event_body, hidden_label
from tests.uit.conftest import fast_pacing, write_secret
from tests.uit.examples import stop


@pytest.fixture
def body(uit):
    place = uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
    return event_body(stop(), place_url=place, eventtype="0.3.1.0.1")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_one_token_serves_many_calls(client, uit, body):
    event_id = client.create_event(body)
    client.update_event(event_id, body)
    client.update_event(event_id, body)
    assert uit.count("token") == 1
    assert [status for op, status in uit.calls if op == "update"] == [200, 200]


def test_a_token_is_renewed_before_it_expires(settings, uit, body):
    uit.token_lifetime = 600
    clock = Clock()
    client = UitClient(settings, pacing=fast_pacing(), clock=clock)
    event_id = client.create_event(body)
    clock.now += 600 - 121  # still valid, outside the two-minute margin
    client.update_event(event_id, body)
    assert uit.count("token") == 1
    clock.now += 2  # inside the margin: a new token first
    client.update_event(event_id, body)
    assert uit.count("token") == 2
    assert all(status != 401 for _, status in uit.calls)


def test_a_401_fetches_a_new_token_once_and_repeats_the_call(client, uit, body):
    event_id = client.create_event(body)
    uit.expire_tokens()
    client.update_event(event_id, body)
    assert [c for c in uit.calls if c[0] in ("token", "update")] == [
        ("token", 200),
        ("update", 401),
        ("token", 200),
        ("update", 200),
    ]


def test_a_fresh_token_refused_stops_with_a_clear_message(client, uit, body):
    uit.refuse_tokens = True
    with pytest.raises(AuthFailed, match="refused a fresh token") as err:
        client.create_event(body)
    assert "stem-kiosk-test" in err.value.message
    assert uit.count("token") == 2 and uit.count("create") == 2


def test_a_wrong_secret_stops_at_once_with_what_to_check(tmp_path, uit, body):
    settings = uit.settings(write_secret(tmp_path / "wrong", "not-the-secret"))
    client = UitClient(settings, pacing=fast_pacing())
    with pytest.raises(AuthFailed) as err:
        client.create_event(body)
    message = err.value.message
    assert "invalid_client" in message and "STEM_LISTING_UIT_CLIENT_SECRET_FILE" in message
    assert "not-the-secret" not in message
    assert uit.count("token") == 1 and uit.count("create") == 0


def test_busy_answers_are_retried_with_growing_capped_waits(client, uit, body, sleeps):
    event_id = client.create_event(body)
    for status in (503, 500, 502):
        uit.inject("get", "status", status=status)
    assert client.get_event(event_id)["@id"].endswith(event_id)
    assert [s for op, s in uit.calls if op == "get"] == [503, 500, 502, 200]
    assert len(sleeps) == 3 and all(0 <= s <= 0.05 for s in sleeps)


def test_retry_after_is_a_floor_for_the_wait(client, uit, sleeps):
    uit.inject("search_places", "status", status=429, retry_after=3)
    uit.inject("search_places", "status", status=503, retry_after=2)
    assert client.find_places("Nergens", "9990") == []
    assert sleeps[0] >= 3 and sleeps[1] >= 2


def test_a_server_asking_to_wait_too_long_means_try_later_now(client, uit, sleeps):
    uit.inject("search_places", "status", status=429, retry_after=600)
    with pytest.raises(TryLater) as err:
        client.find_places("Nergens", "9990")
    assert err.value.retry_after == 600 and sleeps == []
    assert uit.count("search_places") == 1


def test_after_the_last_attempt_it_is_try_later(client, uit, sleeps):
    for _ in range(4):
        uit.inject("search_events", "status", status=503)
    with pytest.raises(TryLater, match="503"):
        client.find_events_by_label(hidden_label(stop().stop_id))
    assert uit.count("search_events") == 4 and len(sleeps) == 3


def test_a_slow_answer_times_out_and_a_read_is_asked_again(settings, uit):
    client = UitClient(settings, pacing=fast_pacing(), timeout=0.5)
    uit.inject("search_places", "slow", delay=2.0)
    assert client.find_places("Nergens", "9990") == []
    assert uit.count("search_places") >= 2  # timed out, then asked again


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("drop", {}),
        ("status", {"status": 500}),
        ("status", {"status": 503}),
        ("slow", {"delay": 2.0}),
    ],
)
def test_a_create_whose_answer_is_lost_is_never_sent_again(settings, uit, body, kind, options):
    client = UitClient(settings, pacing=fast_pacing(), timeout=0.5)
    uit.inject("create", kind, **options)
    with pytest.raises(AnswerLost):
        client.create_event(body)
    assert uit.count("create") == 1
    made = len(uit.events_labelled(hidden_label(stop().stop_id)))
    assert made == (0 if kind == "status" else 1)  # dropped and slow ones were made


def test_a_create_refused_for_being_busy_is_sent_again(client, uit, body):
    uit.inject("create", "status", status=429, retry_after=0)
    event_id = client.create_event(body)
    assert [s for op, s in uit.calls if op == "create"] == [429, 201]
    assert [e["@id"] for e in uit.events_labelled(hidden_label(stop().stop_id))] == [
        f"{uit.entry_url}/events/{event_id}"
    ]


def test_an_unreachable_uit_is_try_later_even_for_a_create(tmp_path, uit, body):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    settings = uit.settings(write_secret(tmp_path / "s", uit.secret), token_url=closed + "/t")
    with pytest.raises(TryLater, match="cannot reach") as err:
        UitClient(settings, pacing=fast_pacing()).create_event(body)
    assert not isinstance(err.value, AnswerLost)


def test_a_refused_body_is_rejected_with_each_pointer(client, body):
    broken = {**body, "terms": [], "typicalAgeRange": "tien"}
    with pytest.raises(Rejected) as err:
        client.create_event(broken)
    assert err.value.status == 400
    assert "/terms: must be an array" in err.value.message
    assert "/typicalAgeRange: must match" in err.value.message


def test_an_unknown_event_is_not_found(client):
    with pytest.raises(NotFound, match="404"):
        client.get_event("00000000-0000-4000-8000-000000000000")


def test_a_wrong_search_url_is_a_setting_to_fix(tmp_path, uit):
    settings = uit.settings(write_secret(tmp_path / "s", uit.secret), search_url=uit.url + "/x")
    with pytest.raises(ConfigError, match="is the URL setting right"):
        UitClient(settings, pacing=fast_pacing()).find_places("Bib", "9990")


def test_places_are_found_by_name_and_postcode_with_what_a_coordinator_needs(client, uit):
    quoted = uit.add_place('Jeugdhuis "De Kouter"', "9990", "Maldegem", "Kouterstraat 2")
    uit.add_place('Jeugdhuis "De Kouter"', "9000", "Gent")
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem")
    [found] = client.find_places('Jeugdhuis "De Kouter"', "9990")
    assert (found.id, found.name, found.address) == (
        quoted,
        'Jeugdhuis "De Kouter"',
        "Kouterstraat 2, 9990 Maldegem",
    )


def test_events_are_found_by_label_whatever_their_workflow_status(client, uit, body):
    draft = {k: v for k, v in body.items() if k != "workflowStatus"}  # a DRAFT (publish.md)
    event_id = client.create_event(draft)
    assert client.find_events_by_label(hidden_label(stop().stop_id)) == [event_id]
    assert client.find_events_by_label("stemkiosk-someone-else") == []


def test_a_search_refused_for_the_client_id_stops_with_what_to_check(tmp_path, uit):
    secret = write_secret(tmp_path / "s", uit.secret)
    client = UitClient(uit.settings(secret, client_id="someone-else"), pacing=fast_pacing())
    with pytest.raises(AuthFailed, match="the Search API refused client id someone-else"):
        client.find_places("Bibliotheek Maldegem", "9990")
    assert uit.count("search_places") == 1
