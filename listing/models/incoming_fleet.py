"""What comes in for the fleet: a kiosk's status report (listing-api.md, Fleet) and a stop as a
coordinator plans it (the `stop add` command, later the portal's form), with every rule.

Field rules live in the pydantic models; rules that tie fields together in `stop_rules`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from listing.localtime import ZONE
from listing.models.incoming import (
    VENUE_TYPES,
    Count,
    Identifier,
    Instant,
    Name,
    Strict,
    Text,
)

SHA256_PATTERN = r"^[0-9a-f]{64}$"
MAX_STOP_WORKSHOPS = 50
Detail = Annotated[Text, Field(max_length=1000)]
Version = Annotated[Text, Field(min_length=1, max_length=32)]


class SessionCounts(Strict):
    total: Count
    unconfirmed: Count
    attention: Count


class PackState(Strict):
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)]
    state: Literal["installed", "refused", "pending"]
    detail: Detail | None = None


class Runnable(Strict):
    id: Identifier
    version: Version


class KitFailure(Strict):
    device: Annotated[Text, Field(min_length=1, max_length=64)]
    detail: Detail | None = None


class KitCheck(Strict):
    checked_at: Instant | None = None
    failed: list[KitFailure] | None = None


class StatusIn(Strict):
    """`PUT /v1/kiosks/{kiosk_id}/status`: the kiosk's latest report."""

    kiosk_id: Identifier
    reported_at: Instant
    software_version: Version
    sessions: SessionCounts
    time_source: Literal["ntp", "corrected", "unsynced"] | None = None
    clock_offset_s: float | None = None
    plan_etag: Annotated[Text, Field(max_length=200)] | None = None
    packs: list[PackState] | None = None
    workshops: list[Runnable] | None = None
    kit: KitCheck | None = None
    disk_free_bytes: Count | None = None


class StopIn(BaseModel):
    """A stop as a coordinator plans it; times are instants (a command or form turns local
    wall-clock times into them first)."""

    model_config = {"frozen": True}
    kiosk_id: Identifier
    date: dt.date
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    name: Name
    venue_type: Literal[VENUE_TYPES]  # type: ignore[valid-type]
    municipality: Name
    postcode: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None
    workshops: Annotated[list[Identifier], Field(max_length=MAX_STOP_WORKSHOPS)] = []


def stop_rules(stop: StopIn) -> list[tuple[str, str]]:
    """Rules that tie a stop's fields together: (the field that breaks it, detail)."""
    found: list[tuple[str, str]] = []
    if stop.starts_at and stop.starts_at.astimezone(ZONE).date() != stop.date:
        local = stop.starts_at.astimezone(ZONE)
        found.append(("starts_at", f"is on {local.date()} in {ZONE.key}, not on {stop.date}"))
    if stop.ends_at and stop.starts_at and stop.ends_at < stop.starts_at:
        found.append(("ends_at", "is before the start"))
    twice = sorted({w for w in stop.workshops if stop.workshops.count(w) > 1})
    if twice:
        found.append(("workshops", f"{', '.join(twice)} listed twice"))
    return found
