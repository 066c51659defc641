"""The UiTdatabank event for a planned stop, and the body that updates it, as pure functions.

Built from entry-api/events/create.md, publish.md, status.md and models/event.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from listing.settings import TIMEZONE
from listing.uit.reasons import say

ZONE = ZoneInfo(TIMEZONE)
LABEL_PREFIX = "stemkiosk-"  # + the stop id: 46 characters, no ";" (models/common-label.json)
NAME_MAX = 90  # models/common-name-localized.json
AGE_RANGE = re.compile(r"^(\d*)-(\d*)$")  # models/common-typicalAgeRange.json
# Kept from the event as UiTdatabank holds it when the listing PUTs the whole event, so what
# people add in UiTdatabank itself is not wiped out (update.md: read the event first).
KEPT = ("mediaObject", "priceInfo", "bookingInfo", "contactPoint", "videos", "labels")
KEPT_TERM_DOMAINS = ("theme", "facility")
LIVE_WORKFLOW = ("READY_FOR_VALIDATION", "APPROVED")  # a PUT keeps these as they are
# The event's own words: one place, Dutch first (the event's mainLanguage), English second.
WORDS = {
    "nl": {
        "one": "STEM-workshop: ",
        "many": "STEM-workshops: ",
        "none": "STEM-workshops in {municipality}",
        "and": " en ",
        "more": " en meer",
    },
    "en": {
        "one": "STEM workshop: ",
        "many": "STEM workshops: ",
        "none": "STEM workshops in {municipality}",
        "and": " and ",
        "more": " and more",
    },
}


@dataclass(frozen=True)
class Workshop:
    """A workshop planned for the stop: language maps with at least `nl` (the summary may be
    empty), an age range like "10-14", "14-" or "-12", or None when it is not known."""

    id: str
    title: Mapping[str, str]
    summary: Mapping[str, str]
    typical_age_range: str | None


@dataclass(frozen=True)
class PlannedStop:
    """What the event needs of a stop; times are timezone-aware, `status` planned|cancelled;
    `place_id` is the UiT place the coordinator chose (its @id URL or UUID), if any."""

    stop_id: str
    name: str
    date: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    municipality: str
    postcode: str | None = None
    place_id: str | None = None
    workshops: tuple[Workshop, ...] = ()
    status: str = "planned"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


class NotPublishable(ValueError):
    """The stop cannot become an event as it is; `reason` says what the coordinator can fix."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def hidden_label(stop_id: str) -> str:
    """The hidden label that finds the stop's event again in the Search API."""
    return LABEL_PREFIX + stop_id.lower()


def event_body(
    stop: PlannedStop, *, place_url: str, eventtype: str, organizer_url: str | None = None
) -> dict[str, Any]:
    """The whole event for POST /events and PUT /events/{id}; NotPublishable if it cannot be."""
    start, end = subevent_times(stop)
    workshops = tuple({w.id: w for w in stop.workshops}.values())
    status = {"type": "Unavailable" if stop.cancelled else "Available"}
    body: dict[str, Any] = {
        "mainLanguage": "nl",
        "name": {lang: _name(stop.municipality, workshops, lang) for lang in _known(workshops)},
        "terms": [{"id": eventtype}],
        "location": {"@id": place_url},
        "calendarType": "single",
        "subEvent": [{"startDate": start, "endDate": end, "status": status}],
        "audience": {"audienceType": "everyone"},
        "workflowStatus": "READY_FOR_VALIDATION",
        "hiddenLabels": [hidden_label(stop.stop_id)],
    }
    if workshops:
        body["description"] = {lang: _description(workshops, lang) for lang in _known(workshops)}
    ages = [w.typical_age_range for w in workshops if w.typical_age_range]
    if ages:
        body["typicalAgeRange"] = age_envelope(ages)
    if organizer_url:
        body["organizer"] = {"@id": organizer_url}
    return body


def update_body(body: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """The body for PUT /events/{id}: the listing's, with what people added in UiTdatabank
    (`current`, as GET shows it) kept and the workflow status left where it is (it only
    moves forward: errors.md)."""
    put = dict(body)
    for key in KEPT:
        if key in current and key not in put:
            put[key] = current[key]
    organizer = current.get("organizer")
    if "organizer" not in put and isinstance(organizer, dict) and "@id" in organizer:
        put["organizer"] = {"@id": organizer["@id"]}
    terms = current.get("terms") if isinstance(current.get("terms"), list) else []
    extra = [{"id": t["id"]} for t in terms if _kept_term(t)]
    put["terms"] = [*body["terms"], *extra]
    if current.get("workflowStatus") in LIVE_WORKFLOW:
        put["workflowStatus"] = current["workflowStatus"]
    return put


def _kept_term(term: Any) -> bool:
    return isinstance(term, dict) and term.get("domain") in KEPT_TERM_DOMAINS and "id" in term


def content_hash(body: Mapping[str, Any]) -> str:
    """The same body always gives the same hash (keys sorted, no whitespace)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def age_envelope(ranges: Iterable[str]) -> str:
    """The smallest UiT age range holding every range: the lowest lower bound and the highest
    upper bound, where a missing bound is open ("10-14" + "12-18" is "10-18", "10-14" + "14-"
    is "10-", "-12" + "10-14" is "-14"). Ages between two ranges are included."""
    lows: list[str] = []
    highs: list[str] = []
    for text in ranges:
        match = AGE_RANGE.match(text)
        if not match:
            raise NotPublishable(say("age_range", range=text))
        lows.append(match[1])
        highs.append(match[2])
    low = "" if not lows or "" in lows else str(min(int(x) for x in lows))
    high = "" if not highs or "" in highs else str(max(int(x) for x in highs))
    return f"{low}-{high}"


def subevent_times(stop: PlannedStop) -> tuple[str, str]:
    """The subEvent's start and end as ISO-8601 with the Brussels offset."""
    if stop.starts_at is None or stop.ends_at is None:
        raise NotPublishable(say("no_times", date=stop.date.isoformat()))
    if stop.starts_at.tzinfo is None or stop.ends_at.tzinfo is None:
        raise NotPublishable(say("no_zone"))
    if stop.ends_at < stop.starts_at:
        raise NotPublishable(say("ends_first"))
    start, end = (
        t.astimezone(ZONE).isoformat(timespec="seconds") for t in (stop.starts_at, stop.ends_at)
    )
    return start, end


def _known(workshops: tuple[Workshop, ...]) -> list[str]:
    """Dutch always; English when every workshop has its title (and summary) in English."""
    english = all("en" in w.title and (not w.summary or "en" in w.summary) for w in workshops)
    return ["nl", "en"] if english else ["nl"]


def _name(municipality: str, workshops: tuple[Workshop, ...], lang: str) -> str:
    """ "STEM-workshops: A, B en C", shortened to "A, B en meer" to fit UiT's 90 characters."""
    words = WORDS[lang]
    if not workshops:
        return _cut(words["none"].format(municipality=municipality))
    titles = [w.title[lang] for w in workshops]
    head = words["one"] if len(titles) == 1 else words["many"]
    for keep in range(len(titles), 0, -1):
        if keep == len(titles):
            listed = ", ".join(titles[:-1]) + words["and"] + titles[-1] if keep > 1 else titles[0]
        else:
            listed = ", ".join(titles[:keep]) + words["more"]
        if len(head + listed) <= NAME_MAX:
            return head + listed
    return _cut(head + titles[0])


def _description(workshops: tuple[Workshop, ...], lang: str) -> str:
    """One paragraph per workshop: its title, then its summary (plain text, line breaks)."""
    parts = []
    for w in workshops:
        summary = w.summary.get(lang)
        parts.append(f"{w.title[lang]}: {summary}" if summary else w.title[lang])
    return "\n\n".join(parts)


def _cut(text: str) -> str:
    return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1].rstrip() + "…"
