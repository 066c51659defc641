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

from listing.localtime import local, month_bounds
from listing.models.incoming import BANDS, GENDERS
from listing.models.stored import StoredSession
from listing.storage.tallies import BAND_COLUMNS, GENDER_COLUMNS, Filters, span, sums

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
    "progress_creations",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Free text a spreadsheet must not read as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _gender(s: StoredSession) -> list[int | None]:
    return [s.gender_girl, s.gender_boy, s.gender_x, s.gender_unstated]


def _optional(s: StoredSession) -> list[int | None]:
    return [s.returning_count, s.progress_steps, s.progress_checks_passed, s.progress_creations]


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
                *("" if n is None else n for n in [*_gender(s), *_optional(s)]),
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
    creations: int = 0  # inventions saved in maker mode (not people: no small-count rule)

    @classmethod
    def of_row(cls, month: str, row) -> Month:
        """A row of `tallies.sums` as (part of) `month`."""
        values = row._mapping
        return cls(
            month,
            values["sessions"],
            values["participants"],
            {band: values[column] for band, column in zip(BANDS, BAND_COLUMNS, strict=True)},
            {name: values[column] for name, column in zip(GENDERS, GENDER_COLUMNS, strict=True)},
            values["gender_not_reported"],
            values["returners"],
            values["creations"],
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
        self.creations += other.creations

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


@dataclass
class Participation:
    """What one report counts: per local month (empty ones too), per venue type and per
    municipality (each as (name, sessions, participants), the most participants first)."""

    months: list[Month]
    venues: list[tuple[str, int, int]]
    towns: list[tuple[str, int, int]]


def participation(
    conn: Connection, filters: Filters, first: str | None = None, last: str | None = None
) -> Participation:
    """The sums of the sessions `filters` lets through, from month `first` (else the first
    with a session) to `last` (else the last one), in one query (`tallies.sums`)."""
    if not (first and last):
        found = span(conn, filters)
        if found is None:
            return Participation([], [], [])
        first = first or f"{local(found[0]):%Y-%m}"
        last = last or f"{local(found[1]):%Y-%m}"
    keys = month_span(first, last)
    months = [Month(key) for key in keys]
    venues: dict[str, list[int]] = {}
    towns: dict[str, list[int]] = {}
    for row in sums(conn, filters, [month_bounds(key) for key in keys]):
        months[row.month].add(Month.of_row(keys[row.month], row))
        for table, key in ((venues, row.venue_type), (towns, row.municipality)):
            counted = table.setdefault(key, [0, 0])
            counted[0] += row.sessions
            counted[1] += row.participants
    return Participation(months, _ranked(venues), _ranked(towns))


def _ranked(table: dict[str, list[int]]) -> list[tuple[str, int, int]]:
    return sorted(((k, s, p) for k, (s, p) in table.items()), key=lambda row: (-row[2], row[0]))


def monthly(conn: Connection, filters: Filters) -> list[Month]:
    """Totals per local month, from the first month with a session to the last."""
    return participation(conn, filters).months


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
        [
            "month",
            "sessions",
            "participants",
            *BANDS,
            *GENDERS,
            "gender_not_reported",
            "returning",
            "creations",
        ]
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
                m.creations,
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
