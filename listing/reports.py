"""Attendance reports for coordinators and funders: per session and per month, as CSV.

Pure functions over stored sessions; months are local (Europe/Brussels) calendar months.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from listing.localtime import local
from listing.models.incoming import BANDS, GENDERS
from listing.models.stored import StoredSession

SESSION_COLUMNS = [
    "session_id",
    "kiosk_id",
    "revision",
    "status",
    "workshop_id",
    "workshop_version",
    "typical_age_range",
    "stop_name",
    "venue_type",
    "municipality",
    "postcode",
    "started_at",
    "ended_at",
    "time_source",
    "total",
    *BANDS,
    *GENDERS,
    "returning",
    "progress_steps",
    "progress_checks_passed",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Free text a spreadsheet must not read as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _gender(s: StoredSession) -> list[int | None]:
    return [s.gender_girl, s.gender_boy, s.gender_x, s.gender_unstated]


def sessions_csv(sessions: Iterable[StoredSession], chunk: int = 1000) -> Iterator[str]:
    """The CSV in pieces of `chunk` rows (the header first), to stream."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SESSION_COLUMNS)
    for n, s in enumerate(sessions, 1):
        writer.writerow(
            [
                s.session_id,
                s.kiosk_id,
                s.revision,
                s.status,
                s.workshop_id,
                s.workshop_version,
                s.typical_age_range,
                _text(s.stop_name),
                s.venue_type,
                _text(s.municipality),
                s.postcode or "",
                s.started_at,
                s.ended_at or "",
                s.time_source,
                s.total,
                *s.bands.values(),
                *("" if n is None else n for n in _gender(s)),
                "" if s.returning_count is None else s.returning_count,
                "" if s.progress_steps is None else s.progress_steps,
                "" if s.progress_checks_passed is None else s.progress_checks_passed,
            ]
        )
        if n % chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


@dataclass
class Month:
    month: str  # YYYY-MM
    sessions: int = 0
    participants: int = 0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    gender: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    gender_not_reported: int = 0
    returning: int = 0


def monthly(sessions: Iterable[StoredSession]) -> list[Month]:
    """Totals per month of every session that was not cancelled, oldest month first."""
    months: dict[str, Month] = {}
    for s in sessions:
        if s.status == "cancelled":
            continue
        key = f"{local(s.started_at):%Y-%m}"
        month = months.setdefault(key, Month(key))
        month.sessions += 1
        month.participants += s.total
        for band, n in s.bands.items():
            month.bands[band] += n
        if s.gender_girl is None:
            month.gender_not_reported += s.total
        else:
            for name, n in zip(GENDERS, _gender(s), strict=True):
                month.gender[name] += n or 0
        month.returning += s.returning_count or 0
    return [months[k] for k in sorted(months)]


def monthly_csv(months: list[Month]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["month", "sessions", "participants", *BANDS, *GENDERS, "gender_not_reported", "returning"]
    )
    for m in months:
        writer.writerow(
            [
                m.month,
                m.sessions,
                m.participants,
                *m.bands.values(),
                *m.gender.values(),
                m.gender_not_reported,
                m.returning,
            ]
        )
    return out.getvalue()
