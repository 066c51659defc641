"""`stop add|cancel|list`: the stops planned for the kiosks (their plans and the agenda).

Times are RFC 3339 with an offset, or HH:MM on the stop's date in Europe/Brussels; they are
stored as UTC. Every field is checked first, each problem on its own line (exit 2).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time

from pydantic import ValidationError

from listing import db
from listing.commands import engine, fail
from listing.localtime import ZONE, clock_span, on_day
from listing.models.incoming import VENUE_TYPES
from listing.models.incoming_fleet import StopIn, stop_rules
from listing.models.outgoing_fleet import PlanStop
from listing.storage.kiosks import UnknownKiosk
from listing.storage.stops import UnknownStop, add_stop, cancel_stop, list_stops

OPTIONS = {
    "kiosk_id": "--kiosk",
    "date": "--date",
    "starts_at": "--starts-at",
    "ends_at": "--ends-at",
    "name": "--name",
    "venue_type": "--venue-type",
    "municipality": "--municipality",
    "postcode": "--postcode",
    "workshops": "--workshop",
}
PATTERNS = {
    "kiosk_id": "not a kiosk id (lower-case letters, digits and -)",
    "postcode": "four digits, like 9000",
    "workshops": "not a workshop id (lower-case letters, digits and -)",
}
CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def add_commands(sub) -> None:
    stop = sub.add_parser("stop", help="the stops planned for the kiosks")
    actions = stop.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="plan a stop; prints its stop_id on the last line",
        description="Times: RFC 3339 with an offset (2027-02-12T13:00:00+01:00) or HH:MM on "
        f"the stop's date in {ZONE.key}; stored as UTC. Exit 2 for a field that is not right "
        "or a kiosk that was never added.",
    )
    add.add_argument("--kiosk", required=True, metavar="ID")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the local date")
    add.add_argument("--name", required=True, metavar="N", help="the place, e.g. Bibliotheek Gent")
    add.add_argument("--venue-type", required=True, choices=VENUE_TYPES, metavar="T")
    add.add_argument("--municipality", required=True, metavar="M")
    add.add_argument("--postcode", metavar="P")
    add.add_argument("--starts-at", metavar="T")
    add.add_argument("--ends-at", metavar="T")
    add.add_argument(
        "--workshop", action="append", default=[], metavar="ID", help="planned (repeat); none: any"
    )
    add.set_defaults(handler=_add)
    cancel = actions.add_parser("cancel", help="cancel a stop (it stays listed as cancelled)")
    cancel.add_argument("stop_id", metavar="STOP_ID")
    cancel.set_defaults(handler=_cancel)
    listed = actions.add_parser("list", help="every stop by date")
    listed.add_argument("--kiosk", metavar="ID", help="only this kiosk's")
    listed.add_argument("--json", action="store_true", help="a JSON list, as the plans say them")
    listed.set_defaults(handler=_list)


def _add(args) -> int:
    problems: list[str] = []
    day = _date(args.date, problems)
    fields = {
        "kiosk_id": args.kiosk,
        "date": day or date.today(),  # checked above; a stand-in lets the rest be checked too
        "starts_at": _moment(args.starts_at, "--starts-at", day, problems),
        "ends_at": _moment(args.ends_at, "--ends-at", day, problems),
        "name": args.name,
        "venue_type": args.venue_type,
        "municipality": args.municipality,
        "postcode": args.postcode,
        "workshops": args.workshop,
    }
    try:
        stop = StopIn(**fields)
    except ValidationError as exc:
        problems += [_said(e, args) for e in exc.errors(include_url=False)]
        stop = None
    if stop is not None and day is not None:
        problems += [f"{OPTIONS[field]}: {detail}" for field, detail in stop_rules(stop)]
    if problems or stop is None:
        return fail("\nstem-listing: ".join(problems), 2)
    try:
        with db.write(engine(args)) as conn:
            stored = add_stop(conn, stop)
    except UnknownKiosk:
        return fail(f"--kiosk: no kiosk {args.kiosk} (see `stem-listing kiosk list`)", 2)
    print(
        f"stop planned for {stored.kiosk_id} on {stored.date}: {stored.name}, {stored.municipality}"
    )
    print(stored.stop_id)
    return 0


def _date(text: str, problems: list[str]) -> date | None:
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    problems.append(f"--date: {text!r} is not a date like 2027-02-12")
    return None


def _moment(text: str | None, option: str, day: date | None, problems: list[str]):
    """A time as the command takes it: HH:MM on `day` (local), or RFC 3339 with an offset."""
    if text is None:
        return None
    clock = CLOCK.match(text)
    if clock:
        try:
            return on_day(day, time(int(clock[1]), int(clock[2]))) if day else None
        except ValueError as exc:  # a time the clocks skip
            problems.append(f"{option}: {exc}")
            return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        problems.append(f"{option}: {text!r} is neither HH:MM nor an RFC 3339 time")
        return None
    if moment.tzinfo is None:
        problems.append(f"{option}: {text!r} needs an offset (+01:00, Z), or give HH:MM")
        return None
    return moment


def _said(error: dict, args) -> str:
    """A broken field rule as one line: the option, and what it takes."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    option = OPTIONS.get(field, "the stop")
    if field == "workshops" and len(loc) > 1:
        option = f"{option} {args.workshop[loc[1]]!r}"
    kind, limits = error["type"], error.get("ctx", {})
    if kind.endswith("pattern_mismatch"):
        return f"{option}: {PATTERNS.get(field, error['msg'])}"
    if kind.endswith("too_short"):
        return f"{option}: must not be empty"
    if kind.endswith("too_long"):
        return f"{option}: at most {limits.get('max_length')} characters"
    return f"{option}: {error['msg']}"


def _cancel(args) -> int:
    try:
        with db.write(engine(args)) as conn:
            stop, changed = cancel_stop(conn, args.stop_id)
    except UnknownStop:
        return fail(f"no stop {args.stop_id} (see `stem-listing stop list`)", 2)
    said = "cancelled" if changed else "was already cancelled"
    print(f"stop {stop.stop_id} ({stop.date}, {stop.name}) {said}")
    return 0


def _list(args) -> int:
    with db.read(engine(args)) as conn:
        stops = list_stops(conn, kiosk_id=args.kiosk)
    if args.json:
        listed = [{"kiosk_id": s.kiosk_id} | PlanStop.from_stored(s).model_dump() for s in stops]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    print("stop_id\tkiosk\tdate\ttime\tstatus\tname\tmunicipality\tworkshops")
    for s in stops:
        times = clock_span(s.starts_at, s.ends_at) or "-"
        fields = [s.stop_id, s.kiosk_id, s.date, times, s.status, s.name, s.municipality]
        print("\t".join([*fields, ",".join(s.workshops) or "any"]))
    return 0
