"""A real listing database for the UiTdatabank tests (SQLite or PostgreSQL, upgraded to head)
with a kiosk, and what a coordinator does to its stops between runs.

    db = ListingDb.open(url); sid = db.add_stop(workshops=["reactiespel"]); db.cancel(sid)
    db.edit(sid, ends_at=...); db.plan_workshops(sid, [...])   # as an edit in the portal would
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete

from listing import db
from listing.bodies import validate_snapshot
from listing.localtime import today
from listing.migrate import upgrade
from listing.models.incoming_fleet import StopIn
from listing.models.stored import StoredSession, now_text, utc_text
from listing.packcheck import check_pack
from listing.schema import stop_workshops, stops
from listing.security import hash_token, new_token
from listing.storage import kiosks, packs, sessions
from listing.storage import stops as stored_stops
from tests.listing.snapshots import snapshot

KIOSK = "mobilab-uit"
DAYS_AHEAD = 30


def stop_day(offset: int = DAYS_AHEAD) -> dt.date:
    return today() + dt.timedelta(days=offset)


def at(day: dt.date, hour: int) -> dt.datetime:
    """`hour` o'clock UTC on `day`."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


@dataclass
class ListingDb:
    engine: Engine

    @classmethod
    def open(cls, url: str) -> ListingDb:
        engine = db.make_engine(url)
        upgrade(engine)
        with db.write(engine) as conn:
            kiosks.add_kiosk(conn, KIOSK, hash_token(new_token()))
        return cls(engine)

    def add_stop(
        self,
        name: str = "Bibliotheek Maldegem",
        *,
        day: dt.date | None = None,
        hours: tuple[int, int] | None = (13, 17),
        workshops: Sequence[str] = ("reactiespel", "nachtlampje"),
        postcode: str | None = "9990",
        municipality: str = "Maldegem",
    ) -> str:
        day = day or stop_day()
        stop = StopIn(
            kiosk_id=KIOSK, date=day, name=name, venue_type="library",
            municipality=municipality, postcode=postcode,
            starts_at=at(day, hours[0]) if hours else None,
            ends_at=at(day, hours[1]) if hours else None, workshops=list(workshops),
        )  # fmt: skip
        with db.write(self.engine) as conn:
            return stored_stops.add_stop(conn, stop).stop_id

    def cancel(self, stop_id: str) -> None:
        with db.write(self.engine) as conn:
            stored_stops.cancel_stop(conn, stop_id)

    def edit(self, stop_id: str, **columns) -> None:
        """Change a stop's own columns (times as aware datetimes), as an edit would."""
        values = {k: utc_text(v) if isinstance(v, dt.datetime) else v for k, v in columns.items()}
        with db.write(self.engine) as conn:
            conn.execute(stops.update().where(stops.c.stop_id == stop_id).values(**values))

    def plan_workshops(self, stop_id: str, workshops: Sequence[str]) -> None:
        with db.write(self.engine) as conn:
            conn.execute(delete(stop_workshops).where(stop_workshops.c.stop_id == stop_id))
            rows = [
                {"stop_id": stop_id, "position": i, "workshop_id": w}
                for i, w in enumerate(workshops)
            ]
            if rows:
                conn.execute(stop_workshops.insert(), rows)

    def add_pack(self, data: bytes, name: str) -> str:
        pack = check_pack(data)
        with db.write(self.engine) as conn:
            packs.store_pack(conn, pack, name, None)
        return pack.sha256

    def add_session(self, workshop: dict) -> None:
        """A session of `workshop` (id, version, title, typical_age_range) as a kiosk syncs it."""
        snap = snapshot(new_id=True, kiosk_id=KIOSK, workshop=workshop)
        stored = StoredSession.from_snapshot(validate_snapshot(snap), now_text())
        with db.write(self.engine) as conn:
            sessions.apply_all(conn, KIOSK, [stored])

    def stop(self, stop_id: str):
        with db.read(self.engine) as conn:
            return stored_stops.get_stop(conn, stop_id)
