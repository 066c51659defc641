"""A session as the listing stores it: one flat row, times as exact UTC text.

`from_snapshot` is the one translation from the contract's snapshot to a row; two snapshots have
"the same content" exactly when their `content()` is equal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from listing.models.incoming import SnapshotIn

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_text(moment: datetime) -> str:
    """An instant as sortable UTC text with microseconds."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def rfc3339(value: str) -> str:
    """Stored UTC text as an answer says it: "2027-02-12T13:00:00Z", fractions only if any."""
    return value.replace(".000000Z", "Z")


def parse_utc_text(value: str) -> datetime:
    return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=UTC)


def now_text() -> str:
    return utc_text(datetime.now(UTC))


@dataclass(frozen=True)
class StoredSession:
    session_id: str
    kiosk_id: str
    revision: int
    status: str
    workshop_id: str
    workshop_version: str
    workshop_title: str
    typical_age_range: str
    stop_name: str
    venue_type: str
    municipality: str
    postcode: str | None
    started_at: str
    ended_at: str | None
    time_source: str
    total: int
    band_0_9: int
    band_10_13: int
    band_14_17: int
    band_18: int
    band_unknown: int
    gender_girl: int | None
    gender_boy: int | None
    gender_x: int | None
    gender_unstated: int | None
    returning_count: int | None
    progress_steps: int | None
    progress_checks_passed: int | None
    progress_creations: int | None
    received_at: str

    @classmethod
    def from_snapshot(cls, snap: SnapshotIn, received_at: str) -> StoredSession:
        att, bands, gender = snap.attendance, snap.attendance.age_bands, snap.attendance.gender
        title = {"nl": snap.workshop.title.nl, **(snap.workshop.title.model_extra or {})}
        return cls(
            session_id=str(snap.session_id),
            kiosk_id=snap.kiosk_id,
            revision=snap.revision,
            status=snap.status,
            workshop_id=snap.workshop.id,
            workshop_version=snap.workshop.version,
            workshop_title=json.dumps(title, sort_keys=True, ensure_ascii=False),
            typical_age_range=snap.workshop.typical_age_range,
            stop_name=snap.stop.name,
            venue_type=snap.stop.venue_type,
            municipality=snap.stop.municipality,
            postcode=snap.stop.postcode,
            started_at=utc_text(snap.started_at),
            ended_at=utc_text(snap.ended_at) if snap.ended_at else None,
            time_source=snap.time_source,
            total=att.total,
            band_0_9=bands.b0_9,
            band_10_13=bands.b10_13,
            band_14_17=bands.b14_17,
            band_18=bands.b18,
            band_unknown=bands.unknown,
            gender_girl=gender.girl if gender else None,
            gender_boy=gender.boy if gender else None,
            gender_x=gender.x if gender else None,
            gender_unstated=gender.unstated if gender else None,
            returning_count=att.returning,
            progress_steps=snap.progress.steps if snap.progress else None,
            progress_checks_passed=snap.progress.checks_passed if snap.progress else None,
            progress_creations=snap.progress.creations if snap.progress else None,
            received_at=received_at,
        )

    @classmethod
    def from_row(cls, row: Any) -> StoredSession:
        mapping = row._mapping
        return cls(**{name: mapping[name] for name in _COLUMNS})

    def columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _COLUMNS}

    def content(self) -> dict[str, Any]:
        """The contract's fields, for "same content": everything but when it arrived and the
        creations count, which the contract's page does not name."""
        values = self.columns()
        del values["received_at"], values["progress_creations"]
        return values

    @property
    def title(self) -> dict[str, str]:
        return json.loads(self.workshop_title)

    @property
    def bands(self) -> dict[str, int]:
        return {
            "0-9": self.band_0_9,
            "10-13": self.band_10_13,
            "14-17": self.band_14_17,
            "18-": self.band_18,
            "unknown": self.band_unknown,
        }


_COLUMNS = tuple(f.name for f in fields(StoredSession))  # all flat values: no deep copy
