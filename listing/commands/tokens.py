"""`kiosk add|revoke|list` and `admin-token [list|revoke X]`: the tokens that open the API.

A new token is printed once, alone on the last line; only its sha256 is stored.
"""

from __future__ import annotations

from listing import db
from listing.commands import engine, fail
from listing.models.incoming import is_identifier
from listing.security import enrol_kiosk, hash_token, new_token
from listing.storage import kiosks


def add_commands(sub) -> None:
    kiosk = sub.add_parser("kiosk", help="add, revoke or list kiosks")
    actions = kiosk.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a kiosk; prints its token on the last line")
    add.add_argument("kiosk_id", metavar="ID")
    add.set_defaults(handler=_kiosk_add)
    revoke = actions.add_parser("revoke", help="revoke a kiosk's token")
    revoke.add_argument("kiosk_id", metavar="ID")
    revoke.set_defaults(handler=_kiosk_revoke)
    actions.add_parser(
        "list", help="every kiosk: state, last heard from, version, sessions held"
    ).set_defaults(handler=_kiosk_list)
    admin = sub.add_parser("admin-token", help="a new admin token for reports (or list, revoke X)")
    admin.set_defaults(handler=_admin_new)
    actions = admin.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="every admin token: id, prefix, state").set_defaults(
        handler=_admin_list
    )
    revoke = actions.add_parser("revoke", help="revoke one admin token")
    revoke.add_argument("token", metavar="TOKEN_PREFIX|ID")
    revoke.set_defaults(handler=_admin_revoke)


def _kiosk_add(args) -> int:
    if not is_identifier(args.kiosk_id):
        return fail(f"invalid kiosk id {args.kiosk_id!r}", 2)
    try:
        with db.write(engine(args)) as conn:
            token = enrol_kiosk(conn, args.kiosk_id)
    except kiosks.KioskExists:
        return fail(f"kiosk {args.kiosk_id} exists; revoke it first", 1)
    print(f"kiosk {args.kiosk_id} added; its token (shown once):")
    print(token)
    return 0


def _kiosk_revoke(args) -> int:
    try:
        with db.write(engine(args)) as conn:
            kiosks.revoke_kiosk(conn, args.kiosk_id)
    except kiosks.UnknownKiosk:
        return fail(f"no kiosk {args.kiosk_id}", 2)
    print(f"kiosk {args.kiosk_id} revoked")
    return 0


def _kiosk_list(args) -> int:
    with db.read(engine(args)) as conn:
        rows = kiosks.list_kiosks(conn)
    print("kiosk\tstate\tlast heard from\tversion\tsessions")
    for row in rows:
        state = f"revoked {row.revoked_at}" if row.revoked_at else "active"
        heard = row.last_seen_at or "never"
        version = row.software_version or "unknown"
        print("\t".join([row.kiosk_id, state, heard, version, str(row.sessions)]))
    return 0


def _admin_new(args) -> int:
    token = new_token()
    with db.write(engine(args)) as conn:
        kiosks.add_admin(conn, hash_token(token), token[: kiosks.PREFIX_LENGTH])
    print("admin token for /reports (shown once):")
    print(token)
    return 0


def _admin_list(args) -> int:
    with db.read(engine(args)) as conn:
        rows = kiosks.list_admins(conn)
    print("id\tprefix\tcreated\tstate")
    for row in rows:
        state = f"revoked {row.revoked_at}" if row.revoked_at else "active"
        prefix = f"{row.token_prefix}…" if row.token_prefix else "(made before prefixes)"
        print("\t".join([row.token_id, prefix, row.created_at, state]))
    return 0


def _admin_revoke(args) -> int:
    try:
        with db.write(engine(args)) as conn:
            done = kiosks.revoke_admin(conn, args.token, hash_token(args.token))
    except kiosks.NoSuchToken as exc:
        return fail(f"{exc}: give the id from `admin-token list` or the token's start", 2)
    print(f"admin token {done.token_id} revoked")
    return 0
