"""`stem-kiosk session ...`, `sessions`, `export` and `report`: the participation journal.

Every write is printed only after the journal has made it durable.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.config import Config
from kiosk.i18n import Catalogue
from kiosk.journal import (
    BANDS,
    GENDERS,
    DiskFull,
    InvalidInput,
    Journal,
    JournalError,
    NothingToUndo,
    SessionClosed,
    UnknownSession,
    workshop_ref,
)
from kiosk.library import load_library, shipped_dir
from kiosk.report import draw_chart, text_report, totals
from kiosk.tour import load_tour, stop_for

USAGE_ERRORS = (InvalidInput, UnknownSession, SessionClosed, NothingToUndo)


def register(sub) -> None:
    session = sub.add_parser("session", help="start a session, count a participant, end it")
    actions = session.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="open a session; prints its id")
    start.add_argument("--workshop", required=True, metavar="ID")
    start.add_argument("--stop", required=True, metavar="NAME")
    start.set_defaults(handler=_with_journal(start_session))
    count = actions.add_parser("count", help="count one participant; prints the new total")
    count.add_argument("session", metavar="SESSION")
    count.add_argument("--band", required=True, help=f"age band: {', '.join(BANDS)}")
    count.add_argument("--gender", help=f"one of {', '.join(GENDERS)}")
    count.add_argument("--returning", action="store_true", help="came to the lab before")
    count.set_defaults(handler=_with_journal(count_participant))
    end = actions.add_parser("end", help="close a session")
    end.add_argument("session", metavar="SESSION")
    end.set_defaults(handler=_with_journal(end_session))

    sessions = sub.add_parser("sessions", help="list the journal's sessions and their sync state")
    sessions.add_argument("--json", action="store_true", help="a JSON list of snapshots")
    sessions.set_defaults(handler=_with_journal(list_sessions))
    export = sub.add_parser("export", help="write every session as CSV")
    export.add_argument("--csv", required=True, metavar="FILE")
    export.set_defaults(handler=_with_journal(export_csv))
    report = sub.add_parser("report", help="totals per stop, workshop and age band")
    report.add_argument("--png", metavar="FILE", help="also draw a bar chart")
    report.set_defaults(handler=_with_journal(print_report))


Action = Callable[[argparse.Namespace, Config, Journal], int]


def _with_journal(action: Action) -> Callable[[argparse.Namespace], int]:
    """Open the config's journal, run the action, turn journal errors into one line + exit code."""

    def handler(args: argparse.Namespace) -> int:
        config = config_of(args)
        try:
            with Journal.for_config(config) as journal:
                for notice in journal.notices:
                    print(f"stem-kiosk: WARNING: {notice.message}", file=sys.stderr)
                return action(args, config, journal)
        except USAGE_ERRORS as err:
            return fail(err.message, USAGE)
        except (DiskFull, JournalError) as err:
            return fail(err.message, PROBLEM)

    return handler


def start_session(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    kit, _ = load_kit(config.kit)
    folders = [shipped_dir(), *config.workshops_dirs, config.imported_workshops_dir]
    library = load_library([f for f in folders if f.is_dir()], kit)
    workshop = library.workshops.get(args.workshop)
    if workshop is None:
        known = ", ".join(sorted(library.workshops)) or "none"
        return fail(f"unknown workshop '{args.workshop}' (the library has: {known})", USAGE)
    tour = None
    if config.tour:
        tour, problems = load_tour(config.tour)
        for problem in problems:
            print(problem, file=sys.stderr)
    print(journal.start_session(workshop_ref(workshop), stop_for(args.stop, tour)))
    return OK


def count_participant(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    total = journal.count(args.session, args.band, args.gender, args.returning)
    print(total, flush=True)
    return OK


def end_session(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    journal.end_session(args.session)
    return OK


def list_sessions(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    rows = journal.snapshots()
    if args.json:
        print(json.dumps([s | {"sync": sync} for s, sync in rows], ensure_ascii=False, indent=2))
        return OK
    header = ("SESSION", "STARTED (UTC)", "STATUS", "TOTAL", "WORKSHOP", "STOP", "SYNC")
    table = [header]
    for s, sync in rows:
        state = f"r{s['revision']} confirmed r{sync['confirmed_revision']}"
        if sync["attention"]:
            state += f"; NEEDS ATTENTION: {sync['attention']}"
        started = s["started_at"].replace("T", " ").rstrip("Z")[:16]
        if s["time_source"] != "ntp":
            started += f" ({s['time_source']})"
        table.append((s["session_id"], started, s["status"], str(s["attendance"]["total"]),
                      s["workshop"]["id"], s["stop"]["name"], state))  # fmt: skip
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    for r in table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    print(f"{len(rows)} session(s)")
    return OK


CSV_FIELDS = (
    ["session_id", "kiosk_id", "status", "workshop_id", "workshop_version", "workshop_title",
     "stop", "venue_type", "municipality", "postcode", "started_at", "ended_at", "time_source",
     "total"]
    + [f"age_{b}" for b in BANDS]
    + [f"gender_{g}" for g in GENDERS]
    + ["returning", "steps", "checks_passed", "revision", "confirmed_revision"]
)  # fmt: skip


def export_csv(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    path = Path(args.csv)
    rows = journal.snapshots()
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_FIELDS)
        for s, sync in rows:
            att, w, stop = s["attendance"], s["workshop"], s["stop"]
            out.writerow(
                [s["session_id"], s["kiosk_id"], s["status"], w["id"], w["version"],
                 w["title"]["nl"], stop["name"], stop["venue_type"], stop["municipality"],
                 stop.get("postcode", ""), s["started_at"], s["ended_at"] or "",
                 s["time_source"], att["total"]]
                + [att["age_bands"][b] for b in BANDS]
                + [att["gender"][g] for g in GENDERS]
                + [att["returning"], s["progress"]["steps"], s["progress"]["checks_passed"],
                   s["revision"], sync["confirmed_revision"]]
            )  # fmt: skip
    print(f"{len(rows)} session(s) written to {path}")
    return OK


def print_report(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    cat = Catalogue(config.language)
    result = totals([s for s, _ in journal.snapshots()], cat.lang)
    print(text_report(result, cat))
    if args.png:
        draw_chart(result, cat, args.png)
        print(f"chart written to {args.png}")
    return OK
