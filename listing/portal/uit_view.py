"""How the portal says where stops stand at UiTdatabank: each stop's state in words, its event's
link, why it is not published and the places to pick from; a publishing run, line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from listing.i18n import Catalogue
from listing.storage.uit import UitState, uit_states
from listing.storage.users import WebSession
from listing.uit import reasons
from listing.uit.errors import ConfigError
from listing.uit.links import PRODUCTION_ENTRY_URL, event_link
from listing.uit.publish import CANCELLED, CREATING, PUBLISHED
from listing.uit.run import Run
from listing.uit.settings import from_env

STATES = {  # state -> (catalogue key, tag colour)
    None: ("uit_state_none", "grey"),
    CREATING: ("uit_state_creating", "orange"),
    PUBLISHED: ("uit_state_published", "green"),
    CANCELLED: ("uit_state_cancelled", "red"),
}
RESULTS = {
    "created": "uit_result_created",
    "updated": "uit_result_updated",
    "unchanged": "uit_result_unchanged",
    "cancelled": "uit_result_cancelled",
    "skipped": "uit_result_skipped",
}


@dataclass(frozen=True)
class Setup:
    """The Entry API the listing publishes to, or why UiTdatabank is not set up (`problem`
    names the variables: shown to admins only)."""

    entry_url: str | None
    problem: str | None = None


def setup() -> Setup:
    try:
        return Setup(from_env().entry_url)
    except ConfigError as err:
        return Setup(None, err.message)


def standing(state: UitState | None, name: str, entry_url: str, cat: Catalogue) -> dict:
    """One stop at UiTdatabank as the pages show it."""
    key, colour = STATES[state.state if state else None]
    event_id = state.event_id if state else None
    stored = state.error if state else None
    return {
        "state": cat.t(key),
        "colour": colour,
        "link": event_link(entry_url, event_id, name) if event_id else None,
        "public": entry_url == PRODUCTION_ENTRY_URL,
        "event_id": event_id,
        "reason": why(stored, cat),
        "place": state.place_id if state else None,
        "candidates": state.candidates if state else (),
        "must_pick": bool(state and (state.candidates or (stored or "").endswith(reasons.PICK))),
    }


def standings(
    conn: Connection, stops: Iterable[tuple[str, str]], entry_url: str, cat: Catalogue
) -> dict[str, dict]:
    """The standing of each (stop_id, name), in one query."""
    stops = list(stops)
    states = uit_states(conn, entry_url, [stop_id for stop_id, _ in stops])
    return {sid: standing(states.get(sid), name, entry_url, cat) for sid, name in stops}


def section(conn: Connection, stop_id: str, name: str, session: WebSession, cat: Catalogue) -> dict:
    """The stop page's UiTdatabank section: its standing, or why there is none."""
    found = setup()
    if found.entry_url is None:
        return {"configured": False, "problem": for_admins(session, found.problem)}
    return {"configured": True} | standings(conn, [(stop_id, name)], found.entry_url, cat)[stop_id]


def run_lines(run: Run, cat: Catalogue) -> list[dict]:
    """A run's lines in words, in the order the stops were published."""
    return [
        {
            "stop_id": line.stop_id,
            "name": line.name,
            "result": cat.t(RESULTS[line.result]),
            "skipped": line.result == "skipped",
            "reason": why(line.reason, cat),
            "pick_place": line.pick_place,
        }
        for line in run.lines
    ]


def why(reason: str | None, cat: Catalogue) -> str | None:
    """A reason in the page's language; publiq's own words (a refusal's message) as they are."""
    said = reasons.read(reason) if reason else None
    return cat.t(f"uit_why_{said[0]}", **said[1]) if said else reason


def for_admins(session: WebSession, detail: str | None) -> str | None:
    """A setting's problem in full (the variables' names) for an admin; nothing for others."""
    return detail if session.role == "admin" else None
