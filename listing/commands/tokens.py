"""`kiosk add|revoke|tour|list` and `admin-token [list|revoke X]`: the tokens that open the API,
the tour name a kiosk's plan carries, and how each kiosk is doing.

A new token is printed once, alone on the last line; only its sha256 is stored. `kiosk list`
shows what the listing last heard and what the kiosk's latest status report says.
"""

from __future__ import annotations

from listing import db
from listing.commands import engine, fail
from listing.models.incoming import is_identifier
from listing.models.stored_fleet import StoredReport
from listing.security import enrol_kiosk, hash_token, new_token
from listing.storage import kiosks
from listing.storage.packs import list_packs
from listing.storage.reports import latest_reports


def add_commands(sub) -> None:
    kiosk = sub.add_parser("kiosk", help="add, revoke or list kiosks")
    actions = kiosk.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a kiosk; prints its token on the last line")
    add.add_argument("kiosk_id", metavar="ID")
    add.set_defaults(handler=_kiosk_add)
    revoke = actions.add_parser("revoke", help="revoke a kiosk's token")
    revoke.add_argument("kiosk_id", metavar="ID")
    revoke.set_defaults(handler=_kiosk_revoke)
    tour = actions.add_parser("tour", help="the tour name the kiosk's plan carries")
    tour.add_argument("kiosk_id", metavar="ID")
    name = tour.add_mutually_exclusive_group(required=True)
    name.add_argument("name", metavar="NAME", nargs="?", help="e.g. 'Voorjaarstour 2027'")
    name.add_argument("--clear", action="store_true", help="no tour name")
    tour.set_defaults(handler=_kiosk_tour)
    actions.add_parser(
        "list",
        help="every kiosk: state, last heard from, version, sessions held; from its latest "
        "report: sessions waiting and needing attention, packs refused (the first reason)",
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


def _kiosk_tour(args) -> int:
    name = None if args.clear else args.name.strip()
    if name is not None and not (0 < len(name) <= 200 and name.isprintable()):
        return fail(f"tour name {args.name!r}: 1-200 printable characters", 2)
    try:
        with db.write(engine(args)) as conn:
            kiosks.set_tour(conn, args.kiosk_id, name)
    except kiosks.UnknownKiosk:
        return fail(f"no kiosk {args.kiosk_id}", 2)
    print(f"kiosk {args.kiosk_id}: tour {name!r}" if name else f"kiosk {args.kiosk_id}: no tour")
    return 0


def _kiosk_list(args) -> int:
    with db.read(engine(args)) as conn:
        rows = kiosks.list_kiosks(conn)
        latest = latest_reports(conn)
        names = {p.sha256: p.name for p in list_packs(conn)}
    print(
        "kiosk\tstate\tlast heard from\tversion\tsessions"
        "\treported\twaiting\tattention\trefused\ttour"
    )
    for row in rows:
        state = f"revoked {row.revoked_at}" if row.revoked_at else "active"
        heard = row.last_seen_at or "never"
        version = row.software_version or "unknown"
        fields = [row.kiosk_id, state, heard, version, str(row.sessions)]
        print(
            "\t".join([*fields, *_reported(latest.get(row.kiosk_id), names), row.tour_name or "-"])
        )
    return 0


def _reported(report: StoredReport | None, names: dict[str, str]) -> list[str]:
    """From a kiosk's latest report: when, sessions waiting and needing attention, packs
    refused with the first one's name and reason."""
    if report is None:
        return ["never", "-", "-", "-"]
    refused = report.refused
    said = str(len(refused))
    if refused:
        first = refused[0]
        name = names.get(first["sha256"], first["sha256"][:12])
        said += f": {name}: {first.get('detail') or 'no reason given'}"
    sessions = report.sessions
    return [
        report.reported_at,
        str(sessions["unconfirmed"]),
        str(sessions["attention"]),
        " ".join(said.split()),  # one line, no tabs: the list stays a table
    ]


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
