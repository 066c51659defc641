"""The listing's plan for this kiosk (listing-api.md, Fleet): its stops and the packs it should
carry, read from untrusted JSON and kept in the data dir, so a kiosk that boots offline knows it.

`plan.json` holds the body as the listing sent it, with its ETag and when it came.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.datafile import read_json, write_json
from kiosk.stop import VENUE_TYPES, Stop

PLAN_FILE = "plan.json"
MAX_PACK_BYTES = 50 * 1024 * 1024  # the contract's limit on a pack
MAX_ITEMS = 2000  # stops or packs in one plan: far beyond a real tour
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
SHA256 = re.compile(r"[0-9a-f]{64}")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
STATUSES = ("planned", "cancelled")


class PlanError(ValueError):
    """The plan does not follow the contract; the message points at the field."""


@dataclass(frozen=True)
class PackRef:
    """A pack the kiosk should carry: its bytes' SHA-256, its name and size."""

    sha256: str
    name: str
    size: int


@dataclass(frozen=True)
class Plan:
    kiosk_id: str
    tour: str | None
    stops: tuple[Stop, ...]
    packs: tuple[PackRef, ...]
    etag: str | None = None
    received_at: dt.datetime | None = None  # when this body came (a 304 keeps it)

    def on(self, day: dt.date) -> list[Stop]:
        return [s for s in self.stops if s.date == day]


def plan_path(data_dir: Path) -> Path:
    return Path(data_dir) / PLAN_FILE


def load_plan(data_dir: Path) -> Plan | None:
    """The plan kept in the data dir, or None (none yet, or the file is damaged)."""
    kept = read_json(plan_path(data_dir))
    if not isinstance(kept, dict):
        return None
    try:
        received = dt.datetime.fromisoformat(kept["received_at"])
        etag = kept["etag"]
        plan = parse_plan(kept["plan"])
    except (KeyError, TypeError, ValueError):
        return None
    return Plan(plan.kiosk_id, plan.tour, plan.stops, plan.packs, etag, received)


def save_plan(data_dir: Path, body: dict, etag: str | None, received_at: dt.datetime) -> Plan:
    """Check a plan the listing sent (PlanError if it breaks the contract), then keep it."""
    plan = parse_plan(body)
    kept = {"etag": etag, "received_at": received_at.isoformat(), "plan": body}
    write_json(plan_path(data_dir), kept)
    return Plan(plan.kiosk_id, plan.tour, plan.stops, plan.packs, etag, received_at)


def parse_plan(body: Any) -> Plan:
    """The plan in a listing's answer, every field checked as the contract says."""
    doc = _mapping(body, "")
    kiosk_id = _text(doc.get("kiosk_id"), "/kiosk_id", pattern=ID)
    tour = doc.get("tour")
    if tour is not None:
        tour = _text(_mapping(tour, "/tour").get("name"), "/tour/name")
    stops = tuple(_stop(s, f"/stops/{i}") for i, s in enumerate(_list(doc.get("stops"), "/stops")))
    packs = tuple(_pack(p, f"/packs/{i}") for i, p in enumerate(_list(doc.get("packs"), "/packs")))
    if len({p.sha256 for p in packs}) != len(packs):
        raise PlanError("/packs: a pack is listed twice")
    return Plan(kiosk_id, tour, stops, packs)


def _stop(raw: Any, at: str) -> Stop:
    doc = _mapping(raw, at)
    stop_id = _text(doc.get("stop_id"), f"{at}/stop_id", pattern=UUID).lower()
    day = _text(doc.get("date"), f"{at}/date", pattern=re.compile(r"\d{4}-\d{2}-\d{2}"))
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise PlanError(f"{at}/date: {day!r} is not a date") from None
    postcode = doc.get("postcode")
    if postcode is not None:
        postcode = _text(postcode, f"{at}/postcode", pattern=re.compile(r"\d{4}"))
    workshops = _list(doc.get("workshops"), f"{at}/workshops")
    status = doc.get("status")
    if status not in STATUSES:
        raise PlanError(f"{at}/status: must be one of {', '.join(STATUSES)}")
    venue = doc.get("venue_type")
    if venue not in VENUE_TYPES:
        raise PlanError(f"{at}/venue_type: must be one of {', '.join(VENUE_TYPES)}")
    return Stop(
        _text(doc.get("name"), f"{at}/name"),
        venue,
        _text(doc.get("municipality"), f"{at}/municipality"),
        postcode,
        date,
        tuple(_text(w, f"{at}/workshops/{i}", pattern=ID) for i, w in enumerate(workshops)),
        status == "cancelled",
        stop_id,
    )


def _pack(raw: Any, at: str) -> PackRef:
    doc = _mapping(raw, at)
    sha = _text(doc.get("sha256"), f"{at}/sha256", pattern=SHA256)
    size = doc.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise PlanError(f"{at}/size: must be a whole number of bytes")
    return PackRef(sha, _text(doc.get("name"), f"{at}/name"), size)


def _mapping(value: Any, at: str) -> dict:
    if not isinstance(value, dict):
        raise PlanError(f"{at or '/'}: must be an object")
    return value


def _list(value: Any, at: str) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise PlanError(f"{at}: must be a list of at most {MAX_ITEMS}")
    return value


def _text(value: Any, at: str, *, pattern: re.Pattern | None = None) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= 200:
        raise PlanError(f"{at}: must be text of 1 to 200 characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise PlanError(f"{at}: must not hold control characters")
    if pattern is not None and not pattern.fullmatch(value):
        raise PlanError(f"{at}: {value!r} is not valid here")
    return value
