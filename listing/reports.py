"""Attendance reports for coordinators and funders: per session, and per local month from
the database's sums; and the CSV every table is downloaded as.

Months are local (Europe/Brussels) calendar months; cancelled sessions never count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection

from listing.localtime import month_of_hour
from listing.models.incoming import BANDS, GENDERS
from listing.models.stored import StoredSession
from listing.storage.tallies import BAND_COLUMNS, GENDER_COLUMNS, Filters, per_hour

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
    """Participation in one local month (or, as `total`, in a whole period)."""

    month: str  # YYYY-MM
    sessions: int = 0
    participants: int = 0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    gender: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    gender_not_reported: int = 0
    returning: int = 0

    @classmethod
    def of_row(cls, month: str, row) -> Month:
        """A row of `tallies.per_hour` as (part of) `month`."""
        values = row._mapping
        return cls(
            month,
            values["sessions"],
            values["participants"],
            {band: values[column] for band, column in zip(BANDS, BAND_COLUMNS, strict=True)},
            {name: values[column] for name, column in zip(GENDERS, GENDER_COLUMNS, strict=True)},
            values["gender_not_reported"],
            values["returners"],
        )

    def add(self, other: Month) -> None:
        self.sessions += other.sessions
        self.participants += other.participants
        for band, n in other.bands.items():
            self.bands[band] += n
        for name, n in other.gender.items():
            self.gender[name] += n
        self.gender_not_reported += other.gender_not_reported
        self.returning += other.returning

    @property
    def older(self) -> int:
        """Participants of 14 and over: the group the field most wants to reach."""
        return self.bands["14-17"] + self.bands["18-"]


def month_span(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("YYYY-MM"), both included."""
    year, month = map(int, first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def monthly(
    conn: Connection, filters: Filters, first: str | None = None, last: str | None = None
) -> list[Month]:
    """Totals per local month of the sessions `filters` lets through, oldest first: every month
    from `first` (else the first with a session) to `last` (else the last one), empty ones too."""
    found: dict[str, Month] = {}
    for row in per_hour(conn, filters):
        key = month_of_hour(row.hour)
        found.setdefault(key, Month(key)).add(Month.of_row(key, row))
    if not found and not (first and last):
        return []
    span = month_span(first or min(found), last or max(found))
    return [found.get(key) or Month(key) for key in span]


def total(months: Iterable[Month]) -> Month:
    whole = Month("total")
    for month in months:
        whole.add(month)
    return whole


def share(part: int, whole: int) -> int | None:
    """`part` as a whole percentage of `whole` (None when there is no whole)."""
    return round(100 * part / whole) if whole else None


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


def table_csv(header: list[str], rows: Iterable[list]) -> bytes:
    """A table for a spreadsheet: UTF-8 with a BOM (so Excel reads "é" right), text that
    would be taken for a formula made inert, numbers as they are, an empty cell for None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow(["" if v is None else _text(v) if isinstance(v, str) else v for v in row])
    return out.getvalue().encode("utf-8-sig")
