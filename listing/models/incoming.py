"""The session snapshot as a kiosk sends it (listing-api.md), with every rule of the contract.

Field rules live in the pydantic models; rules that tie fields together live in `tied_rules`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from listing.settings import MAX_REVISION

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
AGE_RANGE_PATTERN = r"^[0-9]{0,3}-[0-9]{0,3}$"
MAX_COUNT = 2**53 - 1  # JSON's safe integers, like revision
BANDS = ("0-9", "10-13", "14-17", "18-", "unknown")
GENDERS = ("girl", "boy", "x", "unstated")
VENUE_TYPES = (
    "library",
    "youth_house",
    "school",
    "youth_movement",
    "care_centre",
    "company",
    "public_space",
    "other",
)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _in_utc(value: datetime) -> datetime:
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once in UTC") from None
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Instant = Annotated[AwareDatetime, AfterValidator(_in_utc)]  # with an offset, any, as an instant
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Name = Annotated[Text, Field(min_length=1, max_length=200)]


class Strict(BaseModel):
    """Strict JSON types (no "3", true or 2.5 for an integer); unknown fields are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class LanguageMap(BaseModel):
    """Text per language code; Dutch (`nl`) is required."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Text] = Field(init=False)
    nl: Text


class Workshop(Strict):
    id: Identifier
    version: Annotated[Text, Field(min_length=1, max_length=32)]
    title: LanguageMap
    typical_age_range: Annotated[
        str,
        Field(
            pattern=AGE_RANGE_PATTERN,
            description='As in UiTdatabank ("10-14", "14-", "-12"); not "-" alone; min <= max.',
        ),
    ]


class Stop(Strict):
    name: Name
    venue_type: Literal[VENUE_TYPES]  # type: ignore[valid-type]
    municipality: Name
    postcode: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = None


class AgeBands(Strict):
    """Exactly the five bands."""

    model_config = ConfigDict(extra="forbid")
    b0_9: Count = Field(alias="0-9")
    b10_13: Count = Field(alias="10-13")
    b14_17: Count = Field(alias="14-17")
    b18: Count = Field(alias="18-")
    unknown: Count


class Gender(Strict):
    """Exactly the four keys."""

    model_config = ConfigDict(extra="forbid")
    girl: Count
    boy: Count
    x: Count
    unstated: Count


class Attendance(Strict):
    total: Annotated[Count, Field(description="The sum of age_bands (and of gender, if given).")]
    age_bands: AgeBands
    gender: Gender | None = None
    returning: Annotated[Count | None, Field(description="At most total.")] = None


def _count_or_none(value: object) -> int | None:
    """A count the contract's page does not name: kept when it is one, else ignored (a field
    not in the page is accepted and ignored, never refused)."""
    return value if type(value) is int and 0 <= value <= MAX_COUNT else None


class Progress(Strict):
    steps: Count
    checks_passed: Count
    creations: Annotated[
        int | None,
        BeforeValidator(_count_or_none),
        Field(
            description="Not in the contract's page: creations saved in maker mode. Kept when "
            "an integer >= 0, otherwise ignored; never part of the same content."
        ),
    ] = None


class SnapshotIn(Strict):
    """One session snapshot, as PUT or as one item of a batch."""

    session_id: Annotated[UUID, Field(description="Equal to the path's (case-insensitive).")]
    kiosk_id: Identifier
    revision: Annotated[int, Field(ge=1, le=MAX_REVISION)]
    status: Literal["open", "closed", "cancelled"]
    workshop: Workshop
    stop: Stop
    started_at: Instant
    ended_at: Annotated[
        Instant | None,
        Field(description="null while open; required when closed; not before started_at."),
    ]
    time_source: Literal["ntp", "corrected", "unsynced"]
    attendance: Attendance
    progress: Progress | None = None


class BatchIn(BaseModel):
    """The batch body (documentation; items are validated one by one)."""

    sessions: list[SnapshotIn] = Field(min_length=1, max_length=500)


def age_range_problem(value: str) -> str | None:
    low, high = value.split("-")
    if not low and not high:
        return 'must give at least one bound ("-" alone is not a range)'
    if low and high and int(low) > int(high):
        return "the lower bound must not exceed the upper bound"
    return None


def tied_rules(snap: SnapshotIn) -> list[tuple[str, str]]:
    """Rules that tie fields together: (JSON Pointer of the field that breaks it, detail)."""
    found: list[tuple[str, str]] = []
    age = age_range_problem(snap.workshop.typical_age_range)
    if age:
        found.append(("/workshop/typical_age_range", age))
    if snap.status == "closed" and snap.ended_at is None:
        found.append(("/ended_at", "a closed session needs ended_at"))
    if snap.ended_at is not None and snap.ended_at < snap.started_at:
        found.append(("/ended_at", "ended_at is before started_at"))
    att = snap.attendance
    bands = att.age_bands
    band_sum = bands.b0_9 + bands.b10_13 + bands.b14_17 + bands.b18 + bands.unknown
    if band_sum != att.total:
        found.append(("/attendance/total", f"the age bands add up to {band_sum}, not {att.total}"))
    if att.gender is not None:
        g = att.gender
        gender_sum = g.girl + g.boy + g.x + g.unstated
        if gender_sum != att.total:
            detail = f"the gender counts add up to {gender_sum}, not the total {att.total}"
            found.append(("/attendance/gender", detail))
    if att.returning is not None and att.returning > att.total:
        found.append(("/attendance/returning", "returning exceeds the total"))
    return found


def is_identifier(value: str) -> bool:
    """A valid kiosk or workshop id."""
    return re.fullmatch(ID_PATTERN, value) is not None
