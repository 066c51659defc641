"""The fleet as the listing stores it: stops, packs (what they hold, who carries them) and
kiosk reports, as plain frozen values read from rows. Times are UTC text as for sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from listing.models.incoming_fleet import StopIn
from listing.models.stored import utc_text


@dataclass(frozen=True)
class StoredStop:
    stop_id: str
    kiosk_id: str
    date: str  # YYYY-MM-DD, local
    starts_at: str | None
    ends_at: str | None
    name: str
    venue_type: str
    municipality: str
    postcode: str | None
    status: str  # planned | cancelled
    workshops: tuple[str, ...]  # in the planned order; none: any
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, row: Any, workshops: tuple[str, ...]) -> StoredStop:
        values = {k: v for k, v in row._mapping.items() if k in _STOP_COLUMNS}
        return cls(**values, workshops=workshops)

    @staticmethod
    def columns_of(stop: StopIn) -> dict[str, Any]:
        """A planned stop's own columns (not its id, status or times of record)."""
        return {
            "kiosk_id": stop.kiosk_id,
            "date": stop.date.isoformat(),
            "starts_at": utc_text(stop.starts_at) if stop.starts_at else None,
            "ends_at": utc_text(stop.ends_at) if stop.ends_at else None,
            "name": stop.name,
            "venue_type": stop.venue_type,
            "municipality": stop.municipality,
            "postcode": stop.postcode,
        }


_STOP_COLUMNS = frozenset(StoredStop.__dataclass_fields__) - {"workshops"}


@dataclass(frozen=True)
class PackWorkshop:
    """A workshop a pack holds, as far as its file could be read at upload."""

    id: str
    version: str | None
    title: dict[str, str] | None  # a language map with nl
    typical_age_range: str | None
    summary: dict[str, str] | None = None  # read from the pack's file, not stored in its row


@dataclass(frozen=True)
class StoredPack:
    sha256: str
    name: str
    size: int
    for_all: bool  # every kiosk carries it
    kiosks: tuple[str, ...]  # else these
    uploaded_at: str
    workshops: tuple[PackWorkshop, ...]


@dataclass(frozen=True)
class PlannedPack:
    """A pack as a kiosk's plan names it."""

    sha256: str
    name: str
    size: int


@dataclass(frozen=True)
class KnownWorkshop:
    """What the listing knows of a workshop it did not run itself, from packs, the shipped
    library or sessions."""

    title: dict[str, str]  # a language map with nl
    typical_age_range: str | None
    summary: dict[str, str] | None = None  # a language map with nl, where known


@dataclass(frozen=True)
class StoredReport:
    kiosk_id: str
    reported_at: str
    received_at: str
    report: dict[str, Any]  # the report as validated (listing-api.md, status)

    @property
    def sessions(self) -> dict[str, int]:
        return self.report["sessions"]

    @property
    def refused(self) -> list[dict[str, Any]]:
        """The packs the kiosk refused, with its reasons."""
        return [p for p in self.report.get("packs") or [] if p["state"] == "refused"]
