"""The `stem-listing` command line: serve the listing, manage kiosk and admin tokens.

Exit codes: 0 ok, 1 a problem to fix, 2 wrong usage or unknown name, 3 try again later.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError

from listing import db
from listing.migrations import SchemaTooNew, migrate
from listing.models.incoming import is_identifier
from listing.security import hash_token, new_token
from listing.settings import resolve_db_url
from listing.storage import kiosks


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stem-listing", description="The central activity listing kiosks sync to."
    )
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: $STEM_LISTING_DB, else an SQLite file)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    serve = sub.add_parser("serve", help="run the listing over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.set_defaults(handler=_serve)
    kiosk = sub.add_parser("kiosk", help="add, revoke or list kiosks")
    actions = kiosk.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a kiosk; prints its token on the last line")
    add.add_argument("kiosk_id", metavar="ID")
    add.set_defaults(handler=_kiosk_add)
    revoke = actions.add_parser("revoke", help="revoke a kiosk's token")
    revoke.add_argument("kiosk_id", metavar="ID")
    revoke.set_defaults(handler=_kiosk_revoke)
    actions.add_parser("list", help="every kiosk and whether it is revoked").set_defaults(
        handler=_kiosk_list
    )
    sub.add_parser("admin-token", help="make an admin token for reports").set_defaults(
        handler=_admin_token
    )
    return parser


def _engine(args):
    engine = db.make_engine(args.db_url)
    migrate(engine)
    return engine


def _serve(args) -> int:
    import uvicorn

    from listing.app import create_app

    app = create_app(args.db_url)
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=True, log_level="info")
    return 0


def _kiosk_add(args) -> int:
    if not is_identifier(args.kiosk_id):
        print(f"stem-listing: invalid kiosk id {args.kiosk_id!r}", file=sys.stderr)
        return 2
    token = new_token()
    try:
        with db.write(_engine(args)) as conn:
            kiosks.add_kiosk(conn, args.kiosk_id, hash_token(token))
    except kiosks.KioskExists:
        print(f"stem-listing: kiosk {args.kiosk_id} exists; revoke it first", file=sys.stderr)
        return 1
    print(f"kiosk {args.kiosk_id} added; its token (shown once):")
    print(token)
    return 0


def _kiosk_revoke(args) -> int:
    try:
        with db.write(_engine(args)) as conn:
            kiosks.revoke_kiosk(conn, args.kiosk_id)
    except kiosks.UnknownKiosk:
        print(f"stem-listing: no kiosk {args.kiosk_id}", file=sys.stderr)
        return 2
    print(f"kiosk {args.kiosk_id} revoked")
    return 0


def _kiosk_list(args) -> int:
    with db.read(_engine(args)) as conn:
        rows = kiosks.list_kiosks(conn)
    for row in rows:
        state = f"revoked {row.revoked_at}" if row.revoked_at else "active"
        print(f"{row.kiosk_id}\t{state}\tsince {row.created_at}")
    return 0


def _admin_token(args) -> int:
    token = new_token()
    with db.write(_engine(args)) as conn:
        kiosks.add_admin(conn, hash_token(token))
    print("admin token for /reports (shown once):")
    print(token)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db_url = resolve_db_url(args.db)
    try:
        return args.handler(args)
    except SchemaTooNew as exc:
        print(f"stem-listing: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"stem-listing: database unavailable: {exc.orig}", file=sys.stderr)
        return 3
