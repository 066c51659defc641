"""`stem-kiosk session ...`, `sessions`, `export` and `report`: the participation journal."""

from __future__ import annotations

from kiosk.commands.common import not_built

BANDS = ("0-9", "10-13", "14-17", "18-", "unknown")
GENDERS = ("girl", "boy", "x", "unstated")


def register(sub) -> None:
    session = sub.add_parser("session", help="start a session, count a participant, end it")
    actions = session.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="open a session; prints its id")
    start.add_argument("--workshop", required=True, metavar="ID")
    start.add_argument("--stop", required=True, metavar="NAME")
    start.set_defaults(handler=not_built)
    count = actions.add_parser("count", help="count one participant; prints the new total")
    count.add_argument("session", metavar="SESSION")
    count.add_argument("--band", required=True, help=f"age band: {', '.join(BANDS)}")
    count.add_argument("--gender", help=f"one of {', '.join(GENDERS)}")
    count.add_argument("--returning", action="store_true", help="came to the lab before")
    count.set_defaults(handler=not_built)
    end = actions.add_parser("end", help="close a session")
    end.add_argument("session", metavar="SESSION")
    end.set_defaults(handler=not_built)

    sessions = sub.add_parser("sessions", help="list the journal's sessions and their sync state")
    sessions.add_argument("--json", action="store_true", help="a JSON list of snapshots")
    sessions.set_defaults(handler=not_built)
    export = sub.add_parser("export", help="write every session as CSV")
    export.add_argument("--csv", required=True, metavar="FILE")
    export.set_defaults(handler=not_built)
    report = sub.add_parser("report", help="totals per stop, workshop and age band")
    report.add_argument("--png", metavar="FILE", help="also draw a bar chart")
    report.set_defaults(handler=not_built)
