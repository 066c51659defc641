"""One sync round: health and clock, send every unconfirmed snapshot in batches, reconcile;
then, given the kiosk's config, the fleet part (plan, packs, status: kiosk/sync/fleet.py).

Each answer is treated as listing-api.md's client table says; the round ends in one `state`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kiosk.sync.backoff import Backoff
from kiosk.sync.client import (
    CONFIRMING,
    ListingClient,
    Refused,
    RetryLater,
    SyncError,
    Unauthorized,
)

BATCH_ITEMS = 500  # the contract's maximum
BATCH_BYTES = 900_000  # under the listing's 1 MiB body limit, with room for the envelope
ATTEMPTS = 5  # per request, for retryable failures, before the round gives up ("retry later")
RECONCILE_PASSES = 3

# The states a round (and the worker) can be in; the UI shows `sync.state.<state>`.
IDLE, CHECKING, SENDING, RECONCILING = "idle", "checking", "sending", "reconciling"
DONE, ATTENTION, RETRY_LATER = "done", "attention", "retry_later"
UNAUTHORIZED, FAILED, BUSY, NOT_CONFIGURED = "unauthorized", "failed", "busy", "not_configured"
FINAL_STATES = (DONE, ATTENTION, RETRY_LATER, UNAUTHORIZED, FAILED, BUSY, NOT_CONFIGURED)


@dataclass(frozen=True)
class SyncProgress:
    """Where a sync stands. `sent`: snapshots sent this round; `confirmed` and `on_kiosk`: the
    journal's sessions confirmed by the listing and all of them; `attention`: (id, detail)."""

    state: str = IDLE
    sent: int = 0
    confirmed: int = 0
    on_kiosk: int = 0
    attention: list[tuple[str, str]] = field(default_factory=list)
    message: str = ""

    def summary(self) -> str:
        return (
            f"{self.on_kiosk} on the kiosk, {self.confirmed} confirmed, "
            f"{len(self.attention)} need attention"
        )


class Stopped(Exception):
    """The round was asked to stop (the kiosk is shutting down)."""


@dataclass
class Round:
    """One round against one listing; `run()` returns the final SyncProgress."""

    journal: object  # kiosk.journal.Journal
    client: ListingClient
    kiosk_id: str
    backoff: Backoff = field(default_factory=Backoff)
    attempts: int = ATTEMPTS
    batch_items: int = BATCH_ITEMS
    report: Callable[[SyncProgress], None] = lambda progress: None
    stop: threading.Event = field(default_factory=threading.Event)
    progress: SyncProgress = field(default_factory=SyncProgress)
    config: object | None = None  # kiosk.config.Config: with it, the plan, packs and status
    later: list[str] = field(default_factory=list)  # what the next round must try again

    def run(self) -> SyncProgress:
        try:
            self._update(state=CHECKING, message="checking the listing")
            offset = self.retrying(lambda: self.client.clock_offset(self._wall))
            self.journal.apply_clock_offset(offset, "listing")
            self._reconcile(self.retrying(lambda: self.client.kiosk_sessions(self.kiosk_id)))
            for _ in range(RECONCILE_PASSES):
                self._send_all()
                self._update(state=RECONCILING, message="checking what the listing holds")
                held = self.retrying(lambda: self.client.kiosk_sessions(self.kiosk_id))
                if not self._reconcile(held):
                    break
            if self.config is not None:  # only after the sessions: they matter most
                from kiosk.sync.fleet import run_fleet

                self.later = run_fleet(self, self.config, offset)
            return self._finish()
        except Unauthorized as err:
            return self._finish(UNAUTHORIZED, err.message)
        except RetryLater as err:
            return self._finish(RETRY_LATER, f"offline or busy, retry later: {err.message}")
        except Stopped:
            return self._finish(RETRY_LATER, "stopped before the end; the next round goes on")
        except SyncError as err:
            return self._finish(FAILED, err.message)

    def _wall(self) -> float:
        """The journal's wall clock: the offset must be to the clock that stamps its records."""
        return self.journal.clock.now().wall

    # -- sending ------------------------------------------------------------------------------

    def _send_all(self) -> None:
        sent_before: set[tuple[str, int]] = set()
        while True:
            if self.stop.is_set():
                raise Stopped
            snapshots = self.journal.unconfirmed(limit=self.batch_items)
            fresh = [s for s in snapshots if (s["session_id"], s["revision"]) not in sent_before]
            if not fresh:
                return  # all sent (or only ones this round already handled: next round)
            for batch in _batches(fresh, self.batch_items):
                self._send(batch)
                sent_before.update((s["session_id"], s["revision"]) for s, _ in batch)

    def _send(self, batch: list[tuple[dict, str]]) -> None:
        self._update(state=SENDING, message=f"sending {len(batch)} sessions")
        try:
            results = self.retrying(lambda: self.client.send_batch([text for _, text in batch]))
        except Refused as err:
            if len(batch) > 1:  # one item spoils the request: split until it is found
                half = len(batch) // 2
                self._send(batch[:half])
                self._send(batch[half:])
                return
            snapshot = batch[0][0]
            self._attention([(snapshot, f"{err.message} (HTTP {err.status})")])
            return
        for (snapshot, _), result in zip(batch, results, strict=True):
            if result.session_id not in (None, snapshot["session_id"].lower()):
                raise RetryLater("the listing's batch answer is not in request order")
        confirmed = [
            (s["session_id"], s["revision"])
            for (s, _), r in zip(batch, results, strict=True)
            if r.result in CONFIRMING
        ]
        self.journal.mark_confirmed_many(confirmed)
        rejected = [
            (s, r.detail or "rejected")
            for (s, _), r in zip(batch, results, strict=True)
            if r.result not in CONFIRMING
        ]
        self._attention(rejected)
        self._update(sent=self.progress.sent + len(batch))

    def _attention(self, items: list[tuple[dict, str]]) -> None:
        for snapshot, detail in items:
            self.journal.mark_attention(snapshot["session_id"], snapshot["revision"], detail)

    def progress_message(self, message: str) -> None:
        self._update(state=CHECKING, message=message)

    def retrying(self, call):
        """call(), retried after a backoff wait while it raises RetryLater, `attempts` times."""
        for attempt in range(self.attempts):
            try:
                return call()
            except RetryLater as err:
                if attempt == self.attempts - 1:
                    raise
                self._update(message=f"{err.message}; retrying")
                if self.stop.wait(self.backoff.delay(attempt, err.retry_after)):
                    raise Stopped from None
        raise AssertionError("unreachable")

    # -- reconciliation and summary -------------------------------------------------------------

    def _reconcile(self, held: dict[str, int]) -> int:
        """Confirm what the listing already holds (an answer lost after it committed); queue
        again every session whose confirmed revision the listing does not hold. Returns how
        many were queued again."""
        lost, holds = [], []
        for sid, revision, confirmed_revision, _ in self.journal.sync_states():
            listed = held.get(sid.lower(), 0)
            if confirmed_revision > listed:
                lost.append(sid)
            elif confirmed_revision < revision <= listed:
                holds.append((sid, revision))
        if holds:
            self.journal.mark_confirmed_many(holds)
        if lost:
            self.journal.requeue(lost)
        return len(lost)

    def _finish(self, state: str | None = None, message: str = "") -> SyncProgress:
        states = self.journal.sync_states()
        confirmed = sum(1 for _, revision, done, _ in states if done >= revision)
        attention = [(sid, detail) for sid, _, _, detail in states if detail]
        pending = len(states) - confirmed - len(attention)
        if state is None:
            waiting = pending or self.later
            state = ATTENTION if attention else RETRY_LATER if waiting else DONE
        counts = {"confirmed": confirmed, "on_kiosk": len(states), "attention": attention}
        if not message:
            message = replace(self.progress, **counts).summary()
            if pending:
                message += f"; {pending} changed while syncing, the next round sends them"
            message += "".join(f"; {note} (the next round tries again)" for note in self.later)
        self._update(state=state, message=message, **counts)
        return self.progress

    def _update(self, **changes) -> None:
        self.progress = replace(self.progress, **changes)
        self.report(self.progress)


def _batches(snapshots: list[dict], max_items: int):
    """The snapshots serialised, in batches of at most max_items and BATCH_BYTES."""
    batch: list[tuple[dict, str]] = []
    size = 0
    for snapshot in snapshots:
        text = json.dumps(snapshot, separators=(",", ":"), ensure_ascii=False)
        length = len(text.encode()) + 1
        if batch and (len(batch) >= max_items or size + length > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append((snapshot, text))
        size += length
    if batch:
        yield batch


def run_round(journal, client: ListingClient, kiosk_id: str, **options) -> SyncProgress:
    """One round (see Round for the options)."""
    return Round(journal, client, kiosk_id, **options).run()
