"""Workshop packs, content-addressed: their bytes, the workshops they hold, who carries them.

A pack is stored once per SHA-256 however often it is added. A name names one pack at a time:
storing another pack under a taken name replaces that one (it leaves every plan).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, delete, or_, select

from listing.models.stored import now_text
from listing.models.stored_fleet import PackWorkshop, PlannedPack, StoredPack
from listing.packcheck import CheckedPack
from listing.schema import pack_kiosks, pack_workshops, packs
from listing.storage.kiosks import UnknownKiosk, missing_kiosks

MIN_PREFIX = 6  # the shortest start of a SHA-256 that names a pack
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"  # a pack's name


class UnknownPack(LookupError):
    """No pack, or more than one, answers to that SHA-256 (or start of one)."""


def store_pack(
    conn: Connection, pack: CheckedPack, name: str, kiosks: Sequence[str] | None
) -> list[str]:
    """Keep a checked pack under `name` for `kiosks` (None: every kiosk); a pack held already
    gets this name and assignment. Returns the SHA-256 of the pack it replaced by name, if any.
    UnknownKiosk (nothing stored) for a kiosk never added."""
    missing = missing_kiosks(conn, kiosks or [])
    if missing:
        raise UnknownKiosk(missing[0])
    replaced = list(
        conn.scalars(
            select(packs.c.sha256).where(packs.c.name == name, packs.c.sha256 != pack.sha256)
        )
    )
    for sha256 in replaced:
        _delete(conn, sha256)
    held = conn.scalar(select(packs.c.sha256).where(packs.c.sha256 == pack.sha256))
    if held:
        conn.execute(packs.update().where(packs.c.sha256 == held).values(name=name))
    else:
        conn.execute(
            packs.insert().values(
                sha256=pack.sha256,
                name=name,
                size=pack.size,
                content=pack.content,
                for_all=False,
                uploaded_at=now_text(),
            )
        )
        if pack.workshops:
            conn.execute(
                pack_workshops.insert(),
                [
                    {
                        "sha256": pack.sha256,
                        "workshop_id": w.id,
                        "version": w.version,
                        "title": json.dumps(w.title, sort_keys=True, ensure_ascii=False)
                        if w.title
                        else None,
                        "typical_age_range": w.typical_age_range,
                    }
                    for w in pack.workshops
                ],
            )
    assign_pack(conn, pack.sha256, kiosks)
    return replaced


def assign_pack(conn: Connection, sha256: str, kiosks: Sequence[str] | None) -> None:
    """Who carries the pack from now on: these kiosks, or (None) every kiosk."""
    missing = missing_kiosks(conn, kiosks or [])
    if missing:
        raise UnknownKiosk(missing[0])
    conn.execute(packs.update().where(packs.c.sha256 == sha256).values(for_all=kiosks is None))
    conn.execute(delete(pack_kiosks).where(pack_kiosks.c.sha256 == sha256))
    if kiosks:
        rows = [{"sha256": sha256, "kiosk_id": k} for k in dict.fromkeys(kiosks)]
        conn.execute(pack_kiosks.insert(), rows)


def find_pack(conn: Connection, name: str) -> str:
    """The SHA-256 of the one pack `name` names: its SHA-256 or a start of it (at least
    MIN_PREFIX characters, any case). UnknownPack if none or several."""
    start = name.lower()
    if len(start) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in start):
        raise UnknownPack(f"{name!r} is not the SHA-256 of a pack (or its first {MIN_PREFIX}+)")
    found = list(conn.scalars(select(packs.c.sha256).where(packs.c.sha256.startswith(start))))
    if len(found) != 1:
        raise UnknownPack(f"{len(found)} packs match {name!r}")
    return found[0]


def remove_pack(conn: Connection, name: str) -> StoredPack:
    """Remove the pack `name` names (see find_pack): its bytes, workshops and assignment."""
    sha256 = find_pack(conn, name)
    (gone,) = _stored(conn, packs.c.sha256 == sha256)
    _delete(conn, sha256)
    return gone


def list_packs(conn: Connection) -> list[StoredPack]:
    """Every pack by name, with whom it is for and what it holds (not its bytes)."""
    return _stored(conn, None)


def pack_names(conn: Connection) -> dict[str, str]:
    """Every pack's name by its SHA-256."""
    return dict(conn.execute(select(packs.c.sha256, packs.c.name)).all())


def packs_for(conn: Connection, kiosk_id: str) -> list[PlannedPack]:
    """The packs a kiosk should carry (its own and every kiosk's), by name."""
    assigned = select(pack_kiosks.c.sha256).where(pack_kiosks.c.kiosk_id == kiosk_id)
    query = (
        select(packs.c.sha256, packs.c.name, packs.c.size)
        .where(or_(packs.c.for_all, packs.c.sha256.in_(assigned)))
        .order_by(packs.c.name, packs.c.sha256)
    )
    return [PlannedPack(*row) for row in conn.execute(query)]


def pack_content(conn: Connection, sha256: str) -> bytes | None:
    """A pack's exact bytes, or None if the listing does not hold it."""
    return conn.scalar(select(packs.c.content).where(packs.c.sha256 == sha256))


def _stored(conn: Connection, where) -> list[StoredPack]:
    columns = [c for c in packs.c if c.name != "content"]
    query = select(*columns).order_by(packs.c.name)
    rows = conn.execute(query if where is None else query.where(where)).all()
    shas = [row.sha256 for row in rows]
    kiosks: dict[str, list[str]] = {}
    for sha256, kiosk_id in conn.execute(
        select(pack_kiosks).where(pack_kiosks.c.sha256.in_(shas)).order_by(pack_kiosks.c.kiosk_id)
    ):
        kiosks.setdefault(sha256, []).append(kiosk_id)
    held: dict[str, list[PackWorkshop]] = {}
    for row in conn.execute(
        select(pack_workshops)
        .where(pack_workshops.c.sha256.in_(shas))
        .order_by(pack_workshops.c.workshop_id)
    ):
        title = json.loads(row.title) if row.title else None
        workshop = PackWorkshop(row.workshop_id, row.version, title, row.typical_age_range)
        held.setdefault(row.sha256, []).append(workshop)
    return [
        StoredPack(
            sha256=row.sha256,
            name=row.name,
            size=row.size,
            for_all=bool(row.for_all),
            kiosks=tuple(kiosks.get(row.sha256, ())),
            uploaded_at=row.uploaded_at,
            workshops=tuple(held.get(row.sha256, ())),
        )
        for row in rows
    ]


def _delete(conn: Connection, sha256: str) -> None:
    for table in (pack_kiosks, pack_workshops, packs):
        conn.execute(delete(table).where(table.c.sha256 == sha256))
