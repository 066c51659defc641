"""listing-api.md's snapshot rules, written out so journal tests can hold every snapshot to them."""

from __future__ import annotations

import datetime as dt
import re
import uuid

VENUE_TYPES = {"library", "youth_house", "school", "youth_movement", "care_centre", "company",
               "public_space", "other"}  # fmt: skip
BAND_KEYS = ["0-9", "10-13", "14-17", "18-", "unknown"]
GENDER_KEYS = ["girl", "boy", "x", "unstated"]
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
RFC3339_Z = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")


def is_int(value) -> bool:
    return type(value) is int


def problems(s: dict) -> list[str]:
    """Every way the snapshot breaks the contract (empty when it keeps it)."""
    out = []
    required = ["session_id", "kiosk_id", "revision", "status", "workshop", "stop", "started_at",
                "ended_at", "time_source", "attendance"]  # fmt: skip
    out += [f"missing {k}" for k in required if k not in s]
    if out:
        return out
    if str(uuid.UUID(s["session_id"])) != s["session_id"]:
        out.append("session_id is not a lower-case UUID")
    if not ID.fullmatch(s["kiosk_id"]):
        out.append("kiosk_id")
    if not (is_int(s["revision"]) and 1 <= s["revision"] <= 2**53 - 1):
        out.append("revision")
    if s["status"] not in ("open", "closed", "cancelled"):
        out.append("status")
    w = s["workshop"]
    if not ID.fullmatch(w["id"]) or not 1 <= len(w["version"]) <= 32 or "nl" not in w["title"]:
        out.append("workshop")
    if not re.fullmatch(r"[0-9]{0,3}-[0-9]{0,3}", w["typical_age_range"]):
        out.append("typical_age_range")
    stop = s["stop"]
    if stop["venue_type"] not in VENUE_TYPES or not 1 <= len(stop["name"]) <= 200:
        out.append("stop")
    if "postcode" in stop and not re.fullmatch(r"\d{4}", stop["postcode"]):
        out.append("postcode")
    if not RFC3339_Z.fullmatch(s["started_at"]):
        out.append("started_at")
    if s["ended_at"] is not None:
        if not RFC3339_Z.fullmatch(s["ended_at"]):
            out.append("ended_at format")
        elif _instant(s["ended_at"]) < _instant(s["started_at"]):
            out.append("ended_at before started_at")
    if s["status"] == "closed" and s["ended_at"] is None:
        out.append("closed without ended_at")
    if s["status"] == "open" and s["ended_at"] is not None:
        out.append("open with ended_at")
    if s["time_source"] not in ("ntp", "corrected", "unsynced"):
        out.append("time_source")
    a = s["attendance"]
    if list(a["age_bands"]) != BAND_KEYS or not all(
        is_int(v) and v >= 0 for v in a["age_bands"].values()
    ):
        out.append("age_bands")
    if sum(a["age_bands"].values()) != a["total"]:
        out.append("age_bands sum")
    if list(a["gender"]) != GENDER_KEYS or sum(a["gender"].values()) != a["total"]:
        out.append("gender")
    if not (is_int(a["returning"]) and 0 <= a["returning"] <= a["total"]):
        out.append("returning")
    p = s["progress"]
    if not all(is_int(v) and v >= 0 for v in p.values()):
        out.append("progress")
    return out


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
