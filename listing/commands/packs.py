"""`pack add|remove|list`: the workshop packs the kiosks carry, stored in the database.

`pack add` refuses what is not a well-formed pack (`listing.packcheck`, exit 1) and notes the
workshop files it could not read (the kiosks judge those); a name names one pack at a time.
"""

from __future__ import annotations

import re

from listing import db
from listing.commands import engine, fail
from listing.models.incoming import is_identifier
from listing.packcheck import PackRefused, check_pack, read_pack_file
from listing.storage.kiosks import UnknownKiosk
from listing.storage.packs import NAME_PATTERN, UnknownPack, list_packs, remove_pack, store_pack
from listing.storage.reports import latest_reports


def add_commands(sub) -> None:
    pack = sub.add_parser("pack", help="the workshop packs the kiosks carry")
    actions = pack.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="store a pack for kiosks; prints its sha256 on the last line",
        description="Adding the same bytes again sets their name and kiosks anew; a pack added "
        "under the name of another replaces that one. Exit 1: not a well-formed pack; exit 2: "
        "a kiosk that was never added, a name that is not allowed, no such file.",
    )
    add.add_argument("file", metavar="FILE.zip")
    add.add_argument("--name", required=True, metavar="NAME", help="e.g. voorjaar-2027")
    whom = add.add_mutually_exclusive_group(required=True)
    whom.add_argument("--kiosk", action="append", metavar="ID", help="for this kiosk (repeat)")
    whom.add_argument("--all", action="store_true", help="for every kiosk")
    add.set_defaults(handler=_add)
    remove = actions.add_parser("remove", help="remove a pack: it leaves every plan")
    remove.add_argument("sha256", metavar="SHA256", help="or its first 6+ characters")
    remove.set_defaults(handler=_remove)
    actions.add_parser(
        "list", help="every pack: size, kiosks, workshops, installed and refused by"
    ).set_defaults(handler=_list)


def _add(args) -> int:
    if not re.fullmatch(NAME_PATTERN, args.name):
        return fail(f"--name {args.name!r}: 1-64 letters, digits, spaces, '.', '_' or '-'", 2)
    bad = [k for k in args.kiosk or [] if not is_identifier(k)]
    if bad:
        return fail(f"--kiosk {bad[0]!r}: not a kiosk id", 2)
    try:
        pack = check_pack(read_pack_file(args.file))
    except FileNotFoundError:
        return fail(f"{args.file}: no such file", 2)
    except OSError as exc:
        return fail(f"{args.file}: cannot read it ({exc.strerror})", 1)
    except PackRefused as exc:
        return fail(f"{args.file}: not a well-formed pack: {exc}", 1)
    kiosks = None if args.all else args.kiosk
    try:
        with db.write(engine(args)) as conn:
            replaced = store_pack(conn, pack, args.name, kiosks)
    except UnknownKiosk as exc:
        return fail(f"--kiosk: no kiosk {exc} (see `stem-listing kiosk list`)", 2)
    for note in pack.notes:
        print(f"note: {note} (kiosks will refuse this pack unless it is fixed)")
    for sha256 in replaced:
        print(f"replaces pack {sha256} (same name)")
    held = ", ".join(w.id for w in pack.workshops) or "none read"
    whom = "every kiosk" if kiosks is None else ", ".join(dict.fromkeys(kiosks))
    print(f"pack {args.name}: {pack.size:,} bytes, workshops {held}; for {whom}")
    print(pack.sha256)
    return 0


def _remove(args) -> int:
    try:
        with db.write(engine(args)) as conn:
            gone = remove_pack(conn, args.sha256)
    except UnknownPack as exc:
        return fail(f"{exc} (see `stem-listing pack list`)", 2)
    print(f"pack {gone.name} ({gone.sha256}) removed; it leaves every plan")
    return 0


def _list(args) -> int:
    with db.read(engine(args)) as conn:
        packs = list_packs(conn)
        reports = latest_reports(conn)
    states: dict[tuple[str, str], int] = {}
    for report in reports.values():
        for held in report.report.get("packs") or []:
            key = (held["sha256"], held["state"])
            states[key] = states.get(key, 0) + 1
    print("sha256\tname\tsize\tuploaded\tfor\tworkshops\tinstalled\trefused")
    for p in packs:
        whom = "all" if p.for_all else ",".join(p.kiosks) or "nobody"
        held = ",".join(w.id for w in p.workshops) or "-"
        counts = [str(states.get((p.sha256, s), 0)) for s in ("installed", "refused")]
        print("\t".join([p.sha256, p.name, str(p.size), p.uploaded_at, whom, held, *counts]))
    return 0
