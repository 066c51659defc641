"""What the listing knows of a workshop by its id: its title and typical age range, from the
newest pack that holds it, else from its newest session (the agenda's upcoming stops); and for
a UiTdatabank event also its summary, with the shipped library before sessions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from listing.library import shipped_workshops
from listing.models.stored_fleet import KnownWorkshop
from listing.packcheck import check_pack
from listing.schema import pack_workshops, packs, sessions
from listing.storage.packs import pack_content


def known_workshops(conn: Connection, ids: Iterable[str]) -> dict[str, KnownWorkshop]:
    """The workshops among `ids` the listing knows; one index probe per id for sessions."""
    wanted = sorted(set(ids))
    found = {w: known for w, (known, _) in _from_packs(conn, wanted).items()}
    return found | _from_sessions(conn, [w for w in wanted if w not in found])


def workshop_texts(conn: Connection, ids: Iterable[str]) -> dict[str, KnownWorkshop]:
    """What an event says of the workshops among `ids` the listing knows, summary included:
    from the newest pack that holds one (its summary read from the pack's file), else the
    shipped library, else its newest session (which carries no summary)."""
    wanted = sorted(set(ids))
    found: dict[str, KnownWorkshop] = {}
    held: dict[str, dict] = {}  # sha256 -> the pack's workshops, each pack read once
    for workshop_id, (known, sha256) in _from_packs(conn, wanted).items():
        if sha256 not in held:
            held[sha256] = {w.id: w for w in check_pack(pack_content(conn, sha256)).workshops}
        in_file = held[sha256].get(workshop_id)
        summary = in_file.summary if in_file else None
        found[workshop_id] = KnownWorkshop(known.title, known.typical_age_range, summary)
    shipped = shipped_workshops()
    for workshop_id in wanted:
        ship = shipped.get(workshop_id)
        if workshop_id not in found and ship is not None and ship.title:
            found[workshop_id] = KnownWorkshop(ship.title, ship.typical_age_range, ship.summary)
    return found | _from_sessions(conn, [w for w in wanted if w not in found])


def _from_packs(conn: Connection, wanted: list[str]) -> dict[str, tuple[KnownWorkshop, str]]:
    """Each workshop as the newest pack holding it (with a title) says, and that pack's sha256."""
    query = (
        select(pack_workshops)
        .join(packs, packs.c.sha256 == pack_workshops.c.sha256)
        .where(pack_workshops.c.workshop_id.in_(wanted), pack_workshops.c.title.is_not(None))
        .order_by(packs.c.uploaded_at.desc())
    )
    found: dict[str, tuple[KnownWorkshop, str]] = {}
    for row in conn.execute(query):
        if row.workshop_id not in found:
            known = KnownWorkshop(json.loads(row.title), row.typical_age_range)
            found[row.workshop_id] = (known, row.sha256)
    return found


def _from_sessions(conn: Connection, wanted: list[str]) -> dict[str, KnownWorkshop]:
    found: dict[str, KnownWorkshop] = {}
    for workshop_id in wanted:
        newest = conn.execute(
            select(sessions.c.workshop_title, sessions.c.typical_age_range)
            .where(sessions.c.workshop_id == workshop_id)
            .order_by(sessions.c.started_at.desc())
            .limit(1)
        ).first()
        if newest is not None:
            found[workshop_id] = KnownWorkshop(json.loads(newest[0]), newest[1])
    return found
