"""A publishing run over the listing's own stops: which stops, each read afresh with its
workshops and chosen place under its lock, published, and told as one line per stop.

The command line and the portal both run it; UiTdatabank's settings come from the environment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from listing import db
from listing.localtime import today
from listing.models.stored import parse_utc_text
from listing.models.stored_fleet import KnownWorkshop, StoredStop
from listing.storage.stops import UnknownStop, get_stop, list_stops
from listing.storage.uit import Busy, UitState, UitTable, choose_place, stop_lock, uit_states
from listing.storage.workshops import workshop_texts
from listing.uit.client import Place, UitClient
from listing.uit.errors import TryLater
from listing.uit.event import PlannedStop, Workshop
from listing.uit.publish import CANCELLED, CREATING, Settle, place_url, publish_stop
from listing.uit.reasons import say
from listing.uit.settings import UitSettings, from_env

WAIT_S = 300.0  # how long a run waits for a stop that another run is publishing
BUSY = say("busy")


@dataclass(frozen=True)
class Line:
    """One stop's result: created, updated, unchanged, cancelled or skipped (with a reason,
    and the places to pick from when no single one fits)."""

    stop_id: str
    name: str
    result: str
    reason: str | None = None
    candidates: tuple[Place, ...] = ()
    needs_coordinator: bool = False
    pick_place: bool = False

    def text(self) -> str:
        said = f"skipped: {self.reason}" if self.result == "skipped" else self.result
        return f"{self.stop_id} {self.name}: {said}"


@dataclass
class Run:
    """The lines of a run so far; `later` says why some stops must wait for another run."""

    lines: list[Line] = field(default_factory=list)
    later: str | None = None
    untried: int = 0  # stops not tried after UiTdatabank could not be reached

    @property
    def unreachable(self) -> bool:
        """UiTdatabank could not be reached (rather than a stop being busy)."""
        return self.later is not None and self.later != BUSY

    @property
    def exit_code(self) -> int:
        """3 try again later, 1 a stop needs the coordinator, else 0."""
        if self.later:
            return 3
        return 1 if any(line.needs_coordinator for line in self.lines) else 0


def select_stops(
    conn: Connection, entry_url: str, *, stop_id: str | None = None, every: bool = False
) -> list[StoredStop]:
    """The stop `stop_id` (UnknownStop if none), every stop, or by default those that need
    publishing: planned from today on, cancelled ones whose event is not cancelled yet, and
    any whose create is not settled."""
    if stop_id is not None:
        found = get_stop(conn, stop_id)
        if found is None:
            raise UnknownStop(stop_id)
        return [found]
    stops = list_stops(conn)
    if every:
        return stops
    states = uit_states(conn, entry_url, [s.stop_id for s in stops])
    first = today().isoformat()
    return [s for s in stops if _due(s, states.get(s.stop_id), first)]


def publish_from_env(
    engine: Engine,
    *,
    stop_id: str | None = None,
    every: bool = False,
    wait_s: float = WAIT_S,
    told: Callable[[Line], None] | None = None,
) -> Run:
    """`uit publish` and the portal's buttons: the stops `select_stops` picks, published with
    the settings of the environment. Raises UnknownStop, and UitError (ConfigError: the
    settings or the secret file; AuthFailed: publiq refused the secret) before any stop."""
    settings = from_env()
    client = UitClient(settings)
    with db.read(engine) as conn:
        stops = select_stops(conn, settings.entry_url, stop_id=stop_id, every=every)
    return publish_stops(engine, stops, client=client, settings=settings, wait_s=wait_s, told=told)


def pick_place(
    conn: Connection, stop_id: str, entry_url: str, typed: str
) -> tuple[StoredStop, str]:
    """The place typed (its id, a UUID, or its URL) becomes the stop's UiT place from the next
    publish on; returns the stop and the place's URL. NotPublishable when it is neither,
    UnknownStop when there is no such stop."""
    chosen = place_url(entry_url, typed.strip())
    stop = get_stop(conn, stop_id)
    if stop is None:
        raise UnknownStop(stop_id)
    choose_place(conn, stop.stop_id, entry_url, chosen)
    return stop, chosen


def _due(stop: StoredStop, state: UitState | None, first: str) -> bool:
    if state is not None and state.state == CREATING:
        return True
    if stop.date < first:
        return False
    if stop.status == "planned":
        return True
    return state is not None and state.event_id is not None and state.state != CANCELLED


def publish_stops(
    engine: Engine,
    stops: Sequence[StoredStop],
    *,
    client: UitClient,
    settings: UitSettings,
    settle: Settle | None = None,
    wait_s: float = WAIT_S,
    told: Callable[[Line], None] | None = None,
) -> Run:
    """Publish each stop in turn, `told` of each line as it comes. AuthFailed and ConfigError
    end the run (raised); UiTdatabank out of reach ends it with `later` set."""
    settle = settle or Settle(window_s=settings.search_window_s)
    table = UitTable(engine, settings.entry_url)
    run = Run()
    try:
        if stops:
            client.sign_in()  # a wrong secret stops the run before any stop
    except TryLater as err:
        run.later, run.untried = err.message, len(stops)
        return run
    for done, stop in enumerate(stops):
        try:
            line = _publish_one(engine, stop.stop_id, table, client, settings, settle, wait_s)
        except Busy:
            line = Line(stop.stop_id, stop.name, "skipped", BUSY)
            run.later = BUSY
        except TryLater as err:
            reason = say("unreachable", message=err.message)
            line = Line(stop.stop_id, stop.name, "skipped", reason)
            run.later, run.untried = err.message, len(stops) - done - 1
        run.lines.append(line)
        if told:
            told(line)
        if run.untried:
            break
    return run


def _publish_one(
    engine: Engine,
    stop_id: str,
    table: UitTable,
    client: UitClient,
    settings: UitSettings,
    settle: Settle,
    wait_s: float,
) -> Line:
    with stop_lock(engine, stop_id, wait_s):
        with db.read(engine) as conn:  # read under the lock: the stop as it is now
            stop = get_stop(conn, stop_id)
            state = uit_states(conn, settings.entry_url, [stop_id]).get(stop_id)
            texts = workshop_texts(conn, stop.workshops)
        planned = planned_stop(stop, state.place_id if state else None, texts)
        outcome = publish_stop(
            planned, client=client, store=table, settings=settings, settle=settle
        )
        if outcome.candidates != (state.candidates if state else ()):
            table.keep_candidates(stop_id, outcome.candidates)
    return Line(
        stop.stop_id,
        stop.name,
        outcome.result,
        outcome.reason,
        outcome.candidates,
        outcome.needs_coordinator,
        outcome.pick_place,
    )


def planned_stop(
    stop: StoredStop, place_id: str | None, texts: dict[str, KnownWorkshop]
) -> PlannedStop:
    """The stop as its event needs it; workshops the listing does not know are left out."""
    workshops = tuple(
        Workshop(w, texts[w].title, texts[w].summary or {}, texts[w].typical_age_range)
        for w in stop.workshops
        if w in texts
    )
    return PlannedStop(
        stop_id=stop.stop_id,
        name=stop.name,
        date=dt.date.fromisoformat(stop.date),
        starts_at=parse_utc_text(stop.starts_at) if stop.starts_at else None,
        ends_at=parse_utc_text(stop.ends_at) if stop.ends_at else None,
        municipality=stop.municipality,
        postcode=stop.postcode,
        place_id=place_id,
        workshops=workshops,
        status=stop.status,
    )
