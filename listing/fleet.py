"""The fleet at a glance: each kiosk's contact and latest report, what makes it stand out, and
the order the portal lists kiosks in. Pure: from stored rows to what a page shows.

A kiosk stands out (and comes first) when it has been silent for more than the settings' days,
or never heard from, or runs an older version than the newest any kiosk runs; other concerns
(sessions needing attention, refused packs, kit failures, an unsure clock, a full disk) come
next. Revoked kiosks come last and never stand out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from listing.models.stored import parse_utc_text
from listing.models.stored_fleet import StoredReport
from listing.storage.kiosks import KioskRow

CLOCK_OFF_S = 60  # a clock this far off the listing's is a concern
DISK_LOW_BYTES = 500 * 1_000_000


def version_key(version: str) -> tuple:
    """A version's order: numbers as numbers ("0.10" after "0.9"), a pre-release ("1.0a1",
    "1.0rc2") before its release."""
    parts: list[tuple[int, int | str]] = []
    for piece in re.findall(r"\d+|[A-Za-z]+", version):
        parts.append((1, int(piece)) if piece.isdigit() else (0, piece.lower()))
    return (*parts, (0, "~"))  # a release sorts after its pre-releases


@dataclass(frozen=True)
class Concern:
    """Why a kiosk is worth a look: a catalogue key and what fills it in."""

    key: str
    values: dict = field(default_factory=dict)
    count: int | None = None  # for messages with plural forms


@dataclass(frozen=True)
class KioskState:
    kiosk: KioskRow
    report: StoredReport | None
    heard_at: str | None  # the last request or report, whichever is newer
    version: str | None
    silent: bool
    behind: bool
    concerns: tuple[Concern, ...]

    @property
    def revoked(self) -> bool:
        return self.kiosk.revoked_at is not None

    @property
    def urgent(self) -> bool:
        return not self.revoked and (self.silent or self.behind)

    @property
    def rank(self) -> tuple:
        return (self.revoked, not self.urgent, not self.concerns, self.kiosk.kiosk_id)


def newest_version(versions) -> str | None:
    found = [v for v in versions if v]
    return max(found, key=version_key) if found else None


def state_of(
    kiosk: KioskRow,
    report: StoredReport | None,
    newest: str | None,
    now: datetime,
    silent_days: int,
) -> KioskState:
    heard = max((t for t in (kiosk.last_seen_at, report and report.received_at) if t), default=None)
    version = (report.report.get("software_version") if report else None) or kiosk.software_version
    silent = heard is None or (now - parse_utc_text(heard)).total_seconds() > silent_days * 86400
    behind = bool(version and newest and version_key(version) < version_key(newest))
    concerns: list[Concern] = []
    if heard is None:
        concerns.append(Concern("concern_never"))
    elif silent:
        days = int((now - parse_utc_text(heard)).total_seconds() // 86400)
        concerns.append(Concern("concern_silent", count=days))
    if behind:
        concerns.append(Concern("concern_behind", {"version": version, "newest": newest}))
    if report:
        concerns += _reported(report.report)
    return KioskState(kiosk, report, heard, version, silent, behind, tuple(concerns))


def _reported(report: dict) -> list[Concern]:
    found = []
    attention = report["sessions"]["attention"]
    if attention:
        found.append(Concern("concern_attention", count=attention))
    refused = [p for p in report.get("packs") or [] if p["state"] == "refused"]
    if refused:
        found.append(Concern("concern_refused", count=len(refused)))
    failed = (report.get("kit") or {}).get("failed") or []
    if failed:
        found.append(Concern("concern_kit", count=len(failed)))
    if report.get("time_source") == "unsynced":
        found.append(Concern("concern_clock_unsynced"))
    offset = report.get("clock_offset_s")
    if offset is not None and abs(offset) > CLOCK_OFF_S:
        found.append(Concern("concern_clock_off", {"seconds": round(offset)}))
    disk = report.get("disk_free_bytes")
    if disk is not None and disk < DISK_LOW_BYTES:
        found.append(Concern("concern_disk", {"free": megabytes(disk)}))
    return found


def megabytes(size: int) -> str:
    """A size for people: "1.2 GB", "480 MB", "48 kB"."""
    if size >= 1_000_000_000:
        return f"{size / 1e9:.1f} GB"
    if size >= 1_000_000:
        return f"{size / 1e6:.0f} MB"
    return f"{max(1, round(size / 1e3))} kB"


def fleet(
    kiosks: list[KioskRow], reports: dict[str, StoredReport], now: datetime, silent_days: int
) -> list[KioskState]:
    """Every kiosk's state, those that stand out first."""
    active = [k for k in kiosks if k.revoked_at is None]
    newest = newest_version(
        [k.software_version for k in active]
        + [
            reports[k.kiosk_id].report.get("software_version")
            for k in active
            if k.kiosk_id in reports
        ]
    )
    states = [state_of(k, reports.get(k.kiosk_id), newest, now, silent_days) for k in kiosks]
    return sorted(states, key=lambda s: s.rank)
