"""What the listing knows of a workshop by its id: its title and typical age range, from the
newest pack that holds it, else from its newest session. For the agenda's upcoming stops.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from listing.models.stored_fleet import KnownWorkshop
from listing.schema import pack_workshops, packs, sessions


def known_workshops(conn: Connection, ids: Iterable[str]) -> dict[str, KnownWorkshop]:
    """The workshops among `ids` the listing knows; one index probe per id for sessions."""
    wanted = sorted(set(ids))
    found: dict[str, KnownWorkshop] = {}
    from_packs = (
        select(pack_workshops)
        .join(packs, packs.c.sha256 == pack_workshops.c.sha256)
        .where(pack_workshops.c.workshop_id.in_(wanted), pack_workshops.c.title.is_not(None))
        .order_by(packs.c.uploaded_at.desc())
    )
    for row in conn.execute(from_packs):
        if row.workshop_id not in found:
            found[row.workshop_id] = KnownWorkshop(json.loads(row.title), row.typical_age_range)
    for workshop_id in wanted:
        if workshop_id in found:
            continue
        newest = conn.execute(
            select(sessions.c.workshop_title, sessions.c.typical_age_range)
            .where(sessions.c.workshop_id == workshop_id)
            .order_by(sessions.c.started_at.desc())
            .limit(1)
        ).first()
        if newest is not None:
            found[workshop_id] = KnownWorkshop(json.loads(newest[0]), newest[1])
    return found
