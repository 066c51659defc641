"""What a coordinator does on the real listing, for the fleet tests: plan a stop, cancel it,
add a pack, remove it, read a kiosk's latest report. Through the listing's own storage, in this
process (the end-to-end tests use `stem-listing` as a process instead).
"""

from __future__ import annotations

import datetime as dt

from listing import db
from listing.models.incoming_fleet import StopIn
from listing.packcheck import check_pack
from listing.storage.packs import remove_pack, store_pack
from listing.storage.reports import latest_reports
from listing.storage.stops import add_stop, cancel_stop


class Desk:
    def __init__(self, server):
        self.engine = server.engine

    def add_stop(self, kiosk_id: str, date: str, name: str, *, workshops=(),
                 venue_type="library", municipality="Maldegem") -> str:  # fmt: skip
        stop = StopIn(kiosk_id=kiosk_id, date=dt.date.fromisoformat(date), name=name,
                      venue_type=venue_type, municipality=municipality, postcode="9990",
                      workshops=list(workshops))  # fmt: skip
        with db.write(self.engine) as conn:
            return add_stop(conn, stop).stop_id

    def cancel_stop(self, stop_id: str) -> None:
        with db.write(self.engine) as conn:
            cancel_stop(conn, stop_id)

    def add_pack(self, data: bytes, name: str, kiosks: list[str] | None = None) -> str:
        """A pack for these kiosks (None: every kiosk); its sha256."""
        pack = check_pack(data)
        with db.write(self.engine) as conn:
            store_pack(conn, pack, name, kiosks)
        return pack.sha256

    def remove_pack(self, sha256: str) -> None:
        with db.write(self.engine) as conn:
            remove_pack(conn, sha256)

    def report(self, kiosk_id: str) -> dict | None:
        with db.read(self.engine) as conn:
            found = latest_reports(conn).get(kiosk_id)
        return found.report if found else None
