"""The public agenda's view: stored sessions grouped by local day, with schema.org Event data.

Pure functions from `StoredSession` to what `templates/agenda.html.j2` shows; no database here.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from listing.i18n import Catalogue, title_in
from listing.localtime import local
from listing.models.incoming import VENUE_TYPES
from listing.models.stored import StoredSession
from listing.settings import PUBLIC_DETAIL_MIN


def json_ld(s: StoredSession, lang: str) -> dict[str, Any]:
    """A schema.org Event for one session (no personal data: counts only)."""
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressLocality": s.municipality,
        "addressCountry": "BE",
    }
    if s.postcode:
        address["postalCode"] = s.postcode
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"urn:uuid:{s.session_id}",
        "name": title_in(s.title, lang),
        "inLanguage": lang,
        "startDate": local(s.started_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "typicalAgeRange": s.typical_age_range,
        "location": {"@type": "Place", "name": s.stop_name, "address": address},
        "organizer": {"@type": "Organization", "name": "STEM-lab"},
    }
    if s.ended_at:
        event["endDate"] = local(s.ended_at).isoformat()
    return event


def activity_view(s: StoredSession, cat: Catalogue) -> dict[str, Any]:
    start = local(s.started_at)
    end = local(s.ended_at) if s.ended_at else None
    bands = None
    if s.total >= PUBLIC_DETAIL_MIN:
        unknown = cat.t("band_unknown")
        bands = [(unknown if b == "unknown" else b, n) for b, n in s.bands.items() if n]
    return {
        "session_id": s.session_id,
        "title": title_in(s.title, cat.lang),
        "stop": s.stop_name,
        "venue": cat.t(f"venue.{s.venue_type}") if s.venue_type in VENUE_TYPES else s.venue_type,
        "municipality": s.municipality,
        "age": cat.age(s.typical_age_range),
        "time": f"{start:%H:%M}–{end:%H:%M}" if end else f"{start:%H:%M}",
        "ongoing": s.status == "open",
        "participants": cat.tn("participants", s.total),
        "total": s.total,
        "bands": bands,
        "json_ld": json_ld(s, cat.lang),
    }


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
