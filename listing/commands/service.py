"""`serve`, `db upgrade|current` and `maintenance on|off|status`: running the listing.

`serve` upgrades the database under a lock, then starts N uvicorn workers that each build the
app from the environment (no state in any process: the database holds it all).
"""

from __future__ import annotations

import logging.config
import os

from listing import db, logs
from listing.commands import engine, fail
from listing.maintenance import DEFAULT_WAIT
from listing.migrate import status, upgrade
from listing.settings import DB_ENV, Settings
from listing.storage import maintenance


def add_commands(sub) -> None:
    serve = sub.add_parser("serve", help="run the listing over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    serve.set_defaults(handler=_serve)
    database = sub.add_parser("db", help="the database's schema revision")
    actions = database.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("upgrade", help="upgrade to this listing's schema").set_defaults(
        handler=_db_upgrade
    )
    actions.add_parser("current", help="the revision the database is at").set_defaults(
        handler=_db_current
    )
    switch = sub.add_parser("maintenance", help="kiosks get 503 while it is on")
    actions = switch.add_subparsers(dest="action", metavar="ACTION", required=True)
    on = actions.add_parser("on", help="start maintenance")
    on.add_argument(
        "--retry-after", type=int, default=DEFAULT_WAIT, metavar="S",
        help=f"seconds kiosks wait before trying again (default {DEFAULT_WAIT})",
    )  # fmt: skip
    on.set_defaults(handler=_maintenance_on)
    actions.add_parser("off", help="end maintenance").set_defaults(handler=_maintenance_off)
    actions.add_parser("status", help="whether it is on").set_defaults(handler=_maintenance)


def _serve(args) -> int:
    import uvicorn

    if args.workers < 1:
        return fail("--workers must be at least 1", 2)
    try:
        Settings.from_environment()  # each worker reads it again: a mistake stops us here
    except ValueError as exc:
        return fail(str(exc), 2)
    logging.config.dictConfig(logs.config())  # the upgrade's log line goes out like the rest
    upgrade_at(args.db_url)
    os.environ[DB_ENV] = args.db_url  # the workers' database
    uvicorn.run(
        "listing.app:from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_config=logs.config(),
    )
    return 0


def upgrade_at(url: str):
    found = db.make_engine(url)
    try:
        return upgrade(found)
    finally:
        found.dispose()


def _report(done) -> None:
    if done.changed:
        print(f"database upgraded from {done.before or 'nothing'} to {done.after}")
    else:
        print(f"database at {done.after}, this listing's newest revision")


def _db_upgrade(args) -> int:
    _report(upgrade_at(args.db_url))
    return 0


def _db_current(args) -> int:
    found = db.make_engine(args.db_url)
    try:
        where = status(found)
    finally:
        found.dispose()
    if not where.changed:
        print(f"{where.after} (newest)")
    else:
        have = where.before or "none (an empty database)"
        print(f"{have}; this listing's newest is {where.after}: run `stem-listing db upgrade`")
    return 0


def _maintenance_on(args) -> int:
    if args.retry_after < 1:
        return fail("--retry-after must be at least 1 second", 2)
    with db.write(engine(args)) as conn:
        maintenance.switch_on(conn, args.retry_after)
    print(f"maintenance on: kiosks get 503 with Retry-After {args.retry_after} s")
    return 0


def _maintenance_off(args) -> int:
    with db.write(engine(args)) as conn:
        was_on = maintenance.switch_off(conn)
    print("maintenance off" if was_on else "maintenance was not on")
    return 0


def _maintenance(args) -> int:
    with db.read(engine(args)) as conn:
        now = maintenance.current(conn)
    if now is None:
        print("maintenance off")
    else:
        print(f"maintenance on since {now.since}, Retry-After {now.retry_after} s")
    return 0
