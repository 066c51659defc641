"""Publish one planned stop to UiTdatabank exactly once, and keep its event true.

`UitStore` is what the listing must remember per stop; the listing's tables implement it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from listing.uit import reasons
from listing.uit.client import Place, UitClient
from listing.uit.errors import AnswerLost, NotFound, Rejected, TryLater, UitError
from listing.uit.event import (
    NotPublishable,
    PlannedStop,
    content_hash,
    event_body,
    hidden_label,
    subevent_times,
    update_body,
)
from listing.uit.reasons import say
from listing.uit.settings import UUID, UitSettings

CREATING, PUBLISHED, CANCELLED = "creating", "published", "cancelled"
PLACE_URL = re.compile(rf"^https?://.+?/places?/({UUID})/?$")  # models/place-@id.json
NOT_YET = say("not_yet")


@dataclass(frozen=True)
class UitRecord:
    """What the listing remembers of one stop at UiTdatabank.

    state: None (never sent), "creating" (a create was sent, its answer is not known),
    "published" or "cancelled" (the event exists). content_hash: the body UiTdatabank last
    accepted or, while creating, the body sent. unsure_since: wall-clock seconds since when a
    create's answer is missing. error: why the last try did not publish, as people see it.
    rejected_hash: the body UiTdatabank refused, never sent again unchanged.
    """

    state: str | None = None
    event_id: str | None = None
    content_hash: str | None = None
    unsure_since: float | None = None
    error: str | None = None
    rejected_hash: str | None = None


class UitStore(Protocol):
    """The listing's memory of each stop at UiTdatabank. `save` is durable when it returns,
    and one stop is published by one process at a time (the listing serialises runs)."""

    def load(self, stop_id: str) -> UitRecord: ...

    def save(self, stop_id: str, record: UitRecord) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """created, updated, unchanged, cancelled or skipped (with a reason, and `candidates`
    to pick from when the coordinator must pick a place)."""

    result: str
    event_id: str | None = None
    reason: str | None = None
    candidates: tuple[Place, ...] = ()
    pick_place: bool = False  # skipped because no single UiT place fits: the coordinator picks

    @property
    def needs_coordinator(self) -> bool:
        return self.result == "skipped" and self.reason != NOT_YET

    def line(self) -> str:
        return f"skipped: {self.reason}" if self.result == "skipped" else self.result


@dataclass(frozen=True)
class Settle:
    """How long to look for the event of a create whose answer was lost: UiT's search index
    lags a create by seconds, so the search goes on for `window_s`."""

    window_s: float = 30.0
    poll_s: float = 2.0
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep


class Duplicates(NotPublishable):
    """Several UiT events carry the stop's label: only publiq can remove the extra ones."""


class PickPlace(NotPublishable):
    """No single UiT place fits the stop: the coordinator picks one of `candidates` (or any)."""

    def __init__(self, reason: str, candidates: list[Place]):
        super().__init__(reason)
        self.candidates = tuple(candidates)


def publish_stop(
    stop: PlannedStop,
    *,
    client: UitClient,
    store: UitStore,
    settings: UitSettings,
    settle: Settle | None = None,
) -> Outcome:
    """Bring the stop's event at UiTdatabank in line with the stop. TryLater, AuthFailed and
    ConfigError are raised (they end a run); whatever concerns this stop alone is an Outcome."""
    settle = settle or Settle()
    record = store.load(stop.stop_id)
    if record.state is None and stop.cancelled:
        return Outcome("skipped", reason=NOT_YET)
    try:
        subevent_times(stop)  # before any search: a stop without times is skipped as it is
        place = _place(stop, client, settings)
        body = event_body(
            stop, place_url=place, eventtype=settings.eventtype, organizer_url=settings.organizer
        )
    except PickPlace as err:
        skipped = _skip(store, stop.stop_id, record, err.reason, err.candidates)
        return replace(skipped, pick_place=True)
    except NotPublishable as err:
        return _skip(store, stop.stop_id, record, err.reason)
    digest = content_hash(body)
    if digest == record.rejected_hash:  # the stored reason, unless another came since
        said = reasons.read(record.error or "")
        kept = record.error if said and said[0] in ("rejected", "rejected_before") else None
        return _skip(store, stop.stop_id, record, kept or say("rejected_before"))
    adopted = False  # the event of an earlier create, whose answer was lost, found now
    try:
        if record.state == CREATING:
            record = _settle(stop.stop_id, record, client, store, settle)
            adopted = record.event_id is not None
        if record.event_id is None:
            if stop.cancelled:
                return Outcome("skipped", reason=NOT_YET)
            return _create(stop.stop_id, body, digest, record, client, store, settle)
    except Duplicates as err:
        return _skip(store, stop.stop_id, store.load(stop.stop_id), err.reason)
    if digest == record.content_hash:
        return Outcome("created" if adopted else "unchanged", record.event_id)
    outcome = _update(stop, body, digest, record, client, store)
    return (
        replace(outcome, result="created") if adopted and outcome.result == "updated" else outcome
    )


def place_url(entry_url: str, place_id: str) -> str:
    """A chosen place as its @id: a place URL as it is, a bare UUID on this Entry API."""
    if PLACE_URL.match(place_id):
        return place_id
    if re.fullmatch(UUID, place_id):
        return f"{entry_url}/places/{place_id.lower()}"
    raise NotPublishable(say("bad_place", place=place_id))


def _place(stop: PlannedStop, client: UitClient, settings: UitSettings) -> str:
    """The stop's chosen place, else the one place Search finds by name and postcode."""
    if stop.place_id:
        return place_url(settings.entry_url, stop.place_id)
    if not stop.postcode:
        raise PickPlace(say("no_postcode"), [])
    try:
        found = client.find_places(stop.name, stop.postcode)
    except Rejected as err:
        raise PickPlace(say("search_refused", message=err.message), []) from None
    if len(found) == 1:
        return found[0].id
    where = {"name": stop.name, "postcode": stop.postcode}
    why = say("places", count=len(found), **where) if found else say("no_place", **where)
    raise PickPlace(why, found)


def _create(
    stop_id: str,
    body: dict[str, Any],
    digest: str,
    record: UitRecord,
    client: UitClient,
    store: UitStore,
    settle: Settle,
) -> Outcome:
    """POST the event; its id is stored before anything else. A lost answer is settled by
    searching for the label, never by sending the create again."""
    sent = UitRecord(CREATING, None, digest, settle.clock(), record.error, record.rejected_hash)
    store.save(stop_id, sent)
    try:
        event_id = client.create_event(body)
    except AnswerLost:
        unsure = replace(sent, unsure_since=settle.clock())
        store.save(stop_id, unsure)
        settled = _settle(stop_id, unsure, client, store, settle)
        if settled.event_id is None:
            raise TryLater(
                "UiTdatabank lost the answer to a create and shows no such event; "
                "the next run creates it"
            ) from None
        return Outcome("created", settled.event_id)
    except Rejected as err:
        return _rejected(store, stop_id, record, digest, err)
    except UitError:
        store.save(stop_id, record)  # only a lost answer can have made the event
        raise
    store.save(stop_id, UitRecord(PUBLISHED, event_id, digest))
    return Outcome("created", event_id)


def _settle(
    stop_id: str, record: UitRecord, client: UitClient, store: UitStore, settle: Settle
) -> UitRecord:
    """The create of `record` either made an event (adopt it) or not (forget the create)."""
    label = hidden_label(stop_id)
    deadline = (record.unsure_since or 0.0) + settle.window_s
    while True:
        asked = settle.clock()  # only a search asked after the deadline can prove "not made"
        found = client.find_events_by_label(label)
        if len(found) > 1:
            ids = ", ".join(found)
            raise Duplicates(
                f"UiT events {ids} all carry the label {label}: ask publiq to delete all but one"
            )
        if found:
            adopted = UitRecord(PUBLISHED, found[0], record.content_hash)
            store.save(stop_id, adopted)
            return adopted
        if asked >= deadline:
            forgotten = UitRecord(error=record.error, rejected_hash=record.rejected_hash)
            store.save(stop_id, forgotten)
            return forgotten
        settle.sleep(max(0.0, min(settle.poll_s, deadline - settle.clock())))


def _update(
    stop: PlannedStop,
    body: dict[str, Any],
    digest: str,
    record: UitRecord,
    client: UitClient,
    store: UitStore,
) -> Outcome:
    """PUT the whole event, over what UiTdatabank holds now (read first, as update.md says)."""
    gone = say("gone", event=record.event_id)
    try:
        current = client.get_event(record.event_id)
    except NotFound:
        return _skip(store, stop.stop_id, record, gone)
    workflow = current.get("workflowStatus")
    if workflow in ("REJECTED", "DELETED"):
        reason = say("workflow", event=record.event_id, workflow=workflow)
        return _skip(store, stop.stop_id, record, reason)
    # Until UiTdatabank's answer is stored, what it holds is not known: a crash or a lost
    # answer in between must not leave the old hash claiming the old content is there.
    store.save(stop.stop_id, replace(record, content_hash=None))
    try:
        client.update_event(record.event_id, update_body(body, current))
    except NotFound:
        return _skip(store, stop.stop_id, record, gone)
    except Rejected as err:
        return _rejected(store, stop.stop_id, record, digest, err)
    state = CANCELLED if stop.cancelled else PUBLISHED
    store.save(stop.stop_id, UitRecord(state, record.event_id, digest))
    cancelled_now = stop.cancelled and record.state != CANCELLED
    return Outcome("cancelled" if cancelled_now else "updated", record.event_id)


def _rejected(
    store: UitStore, stop_id: str, record: UitRecord, digest: str, err: Rejected
) -> Outcome:
    reason = say("rejected", message=err.message)
    store.save(stop_id, replace(record, error=reason, rejected_hash=digest))
    return Outcome("skipped", record.event_id, reason)


def _skip(
    store: UitStore, stop_id: str, record: UitRecord, reason: str, candidates: tuple = ()
) -> Outcome:
    if record.error != reason:
        store.save(stop_id, replace(record, error=reason))
    return Outcome("skipped", record.event_id, reason, tuple(candidates))
