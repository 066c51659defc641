"""A kiosk's plan (listing-api.md, Fleet): its tour, its stops from 30 days ago on, the packs
it should carry; and the plan's one representation, whose SHA-256 is its strong ETag.

A kiosk reports the ETag of the plan it holds (`plan_etag`): equal to this one, it is current.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import Connection

from listing.models.outgoing_fleet import Plan, PlanPack, PlanStop, PlanTour
from listing.settings import PLAN_DAYS_BACK
from listing.storage.kiosks import tour_of
from listing.storage.packs import packs_for
from listing.storage.stops import list_stops


def current_plan(conn: Connection, kiosk_id: str, today: date) -> Plan:
    tour = tour_of(conn, kiosk_id)
    since = (today - timedelta(days=PLAN_DAYS_BACK)).isoformat()
    return Plan(
        kiosk_id=kiosk_id,
        tour=PlanTour(name=tour) if tour else None,
        stops=[PlanStop.from_stored(s) for s in list_stops(conn, kiosk_id=kiosk_id, since=since)],
        packs=[PlanPack.from_planned(p) for p in packs_for(conn, kiosk_id)],
    )


def representation(plan: Plan) -> tuple[bytes, str]:
    """The body (JSON, its fields always in one order) and its ETag: the first 32 hex digits of
    the body's SHA-256, quoted. Any change in the body changes it; no change, no new ETag."""
    body = plan.model_dump_json().encode("utf-8")
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (RFC 9110: a list, `*`, weak or not)."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return any(t == "*" or t.removeprefix("W/") == etag for t in tags)
