"""The public agenda's view: sessions and upcoming stops grouped by local day, each with
schema.org Event data.

Pure functions from stored sessions and stops to what `templates/agenda.html.j2` shows; no
database here. Counts follow `listing.privacy`; the JSON-LD carries none (schema.org has no
property for attendance).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from listing.i18n import Catalogue, title_in
from listing.localtime import clock_span, local
from listing.models.incoming import VENUE_TYPES
from listing.models.stored import StoredSession
from listing.models.stored_fleet import KnownWorkshop, StoredStop
from listing.privacy import OTHER, public_bands
from listing.uit.event import age_envelope

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"


def _event(
    event_id: str, name: str, lang: str, place: str, municipality: str, postcode: str | None
) -> dict[str, Any]:
    """What every Event of the agenda says: who, where (a Place with its address), how."""
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressLocality": municipality,
        "addressCountry": "BE",
    }
    if postcode:
        address["postalCode"] = postcode
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"urn:uuid:{event_id}",
        "name": name,
        "inLanguage": lang,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place, "address": address},
        "organizer": {"@type": "Organization", "name": "STEM-lab"},
    }


def json_ld(s: StoredSession, lang: str) -> dict[str, Any]:
    """A schema.org Event for one session (no counts, no personal data)."""
    event = _event(
        s.session_id, title_in(s.title, lang), lang, s.stop_name, s.municipality, s.postcode
    )
    event["startDate"] = local(s.started_at).isoformat()
    if s.ended_at:
        event["endDate"] = local(s.ended_at).isoformat()
    event["eventStatus"] = SCHEDULED
    event["typicalAgeRange"] = s.typical_age_range
    return event


def stop_ages(s: StoredStop, known: dict[str, KnownWorkshop]) -> str | None:
    """The age range spanning the stop's planned workshops' (those the listing knows)."""
    ages = [known[w].typical_age_range for w in s.workshops if w in known]
    return age_envelope(a for a in ages if a) if any(ages) else None


def stop_json_ld(s: StoredStop, known: dict[str, KnownWorkshop], cat: Catalogue) -> dict[str, Any]:
    """A schema.org Event for one planned stop."""
    name = cat.t("stop_event_name", place=s.name)
    event = _event(s.stop_id, name, cat.lang, s.name, s.municipality, s.postcode)
    event["startDate"] = local(s.starts_at).isoformat() if s.starts_at else s.date
    if s.ends_at:
        event["endDate"] = local(s.ends_at).isoformat()
    event["eventStatus"] = CANCELLED if s.status == "cancelled" else SCHEDULED
    ages = stop_ages(s, known)
    if ages:
        event["typicalAgeRange"] = ages
    return event


def activity_view(s: StoredSession, cat: Catalogue) -> dict[str, Any]:
    shown = public_bands(s.bands)
    names = {"unknown": cat.t("band_unknown"), OTHER: cat.t("band_other")}
    bands = [(names.get(b, b), n) for b, n in shown.items()] if shown else None
    return {
        "session_id": s.session_id,
        "title": title_in(s.title, cat.lang),
        "stop": s.stop_name,
        "venue": venue(s.venue_type, cat),
        "municipality": s.municipality,
        "age": cat.age(s.typical_age_range),
        "time": clock_span(s.started_at, s.ended_at),
        "ongoing": s.status == "open",
        "participants": cat.tn("participants", s.total),
        "total": s.total,
        "bands": bands,
        "json_ld": json_ld(s, cat.lang),
    }


def venue(venue_type: str, cat: Catalogue) -> str:
    return cat.t(f"venue.{venue_type}") if venue_type in VENUE_TYPES else venue_type


def stop_view(s: StoredStop, known: dict[str, KnownWorkshop], cat: Catalogue) -> dict[str, Any]:
    titles = [title_in(known[w].title, cat.lang) if w in known else w for w in s.workshops]
    ages = stop_ages(s, known)
    return {
        "stop_id": s.stop_id,
        "place": s.name,
        "venue": venue(s.venue_type, cat),
        "municipality": s.municipality,
        "postcode": s.postcode,
        "time": clock_span(s.starts_at, s.ends_at),
        "workshops": ", ".join(titles) or cat.t("any_workshop"),
        "age": cat.age(ages) if ages else None,
        "cancelled": s.status == "cancelled",
        "json_ld": stop_json_ld(s, known, cat),
    }


def upcoming_days(
    stops: list[StoredStop], known: dict[str, KnownWorkshop], cat: Catalogue
) -> list[dict[str, Any]]:
    """Stops (soonest first) grouped by their local date."""
    return [
        {
            "label": cat.day(date.fromisoformat(day)),
            "date": day,
            "stops": [stop_view(s, known, cat) for s in items],
        }
        for day, items in groupby(stops, key=lambda s: s.date)
    ]


def days(sessions: list[StoredSession], cat: Catalogue) -> list[dict[str, Any]]:
    """Sessions (newest first) grouped by their local start day."""
    grouped = groupby(sessions, key=lambda s: local(s.started_at).date())
    return [
        {
            "label": cat.day(day),
            "date": day.isoformat(),
            "activities": [activity_view(s, cat) for s in items],
        }
        for day, items in grouped
    ]
