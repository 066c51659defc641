"""`uit publish|place|list`: the stops as UiTdatabank events, each exactly once, the UiT place a
coordinator picks for a stop, and where each stop stands. Settings: the STEM_LISTING_UIT_*
variables.
"""

from __future__ import annotations

import sys

from listing import db
from listing.commands import engine, fail
from listing.storage.stops import UnknownStop, list_stops
from listing.storage.uit import uit_states
from listing.uit.errors import UitError
from listing.uit.event import NotPublishable
from listing.uit.links import event_url
from listing.uit.run import Line, pick_place, publish_from_env
from listing.uit.settings import from_env

PICK = "stem-listing uit place {stop} PLACE_ID"


def add_commands(sub) -> None:
    uit = sub.add_parser("uit", help="publish the stops to UiTdatabank, each exactly once")
    actions = uit.add_subparsers(dest="action", metavar="ACTION", required=True)
    publish = actions.add_parser(
        "publish",
        help="create, update or cancel the stops' events; one line per stop",
        description="Prints `<stop_id> <name>: created|updated|unchanged|cancelled|skipped: "
        "<reason>` per stop. Without options: the stops that need it (planned from today on, "
        "cancelled ones whose event is not cancelled yet, creates whose answer was lost). Exit "
        "0 all done, 1 a stop needs you (the line says why) or the settings are wrong, 3 "
        "UiTdatabank could not be reached or another run held a stop (run again later: "
        "nothing is lost or published twice).",
    )
    which = publish.add_mutually_exclusive_group()
    which.add_argument("--stop", metavar="STOP_ID", help="this stop only, whatever its date")
    which.add_argument("--all", action="store_true", help="every stop, past ones too")
    publish.set_defaults(handler=_publish)
    place = actions.add_parser(
        "place",
        help="pick the UiT place of a stop (when none or several fit its name and postcode)",
        description="PLACE_ID: a place's id (a UUID) or its URL, as `uit publish` lists the "
        "candidates. It is used from the next publish on. Exit 2 for an unknown stop or a "
        "malformed id, 1 when UiTdatabank is not configured.",
    )
    place.add_argument("stop_id", metavar="STOP_ID")
    place.add_argument("place_id", metavar="PLACE_ID")
    place.set_defaults(handler=_place)
    listed = actions.add_parser(
        "list",
        help="every stop's standing at UiTdatabank: its event and why it is not published",
    )
    listed.set_defaults(handler=_list)


def _publish(args) -> int:
    try:
        run = publish_from_env(engine(args), stop_id=args.stop, every=args.all, told=_tell)
    except UnknownStop:
        return fail(f"no stop {args.stop} (see `stem-listing stop list`)", 2)
    except UitError as err:  # a refused secret or a wrong setting: nothing more can work
        return fail(err.message, 1)
    if run.untried:
        fail(
            f"UiTdatabank could not be reached ({run.later}): {run.untried} stop(s) not tried; "
            "run `stem-listing uit publish` again later",
            3,
        )
    return run.exit_code


def _tell(line: Line) -> None:
    print(line.text(), flush=True)
    for place in line.candidates:
        print(f"    {place.id}  {place.name} ({place.address or '-'})", flush=True)
    if line.pick_place:
        print(f"    pick one: {PICK.format(stop=line.stop_id)}", flush=True)


def _place(args) -> int:
    try:
        entry_url = from_env().entry_url
    except UitError as err:
        return fail(err.message, 1)
    try:
        with db.write(engine(args)) as conn:
            stop, chosen = pick_place(conn, args.stop_id, entry_url, args.place_id)
    except NotPublishable:
        return fail(f"{args.place_id!r} is neither a UiT place id (a UUID) nor a place URL", 2)
    except UnknownStop:
        return fail(f"no stop {args.stop_id} (see `stem-listing stop list`)", 2)
    print(f"stop {stop.stop_id} ({stop.date}, {stop.name}): UiT place {chosen}")
    print(f"publish it with: stem-listing uit publish --stop {stop.stop_id}", file=sys.stderr)
    return 0


STATES = {None: "not published", "creating": "creating (answer lost: settled by the next run)"}


def _list(args) -> int:
    try:
        entry_url = from_env().entry_url
    except UitError as err:
        return fail(err.message, 1)
    with db.read(engine(args)) as conn:
        stops = list_stops(conn)
        states = uit_states(conn, entry_url, [s.stop_id for s in stops])
    print("stop_id\tdate\tname\tuit\tevent\treason")
    for s in stops:
        state = states.get(s.stop_id)
        said = STATES.get(state.state, state.state) if state else STATES[None]
        event = event_url(entry_url, state.event_id) if state and state.event_id else "-"
        reason = state.error if state and state.error else "-"
        print("\t".join([s.stop_id, s.date, s.name, said, event, reason]))
    return 0
