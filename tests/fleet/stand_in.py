"""STEPPING STONE, until the listing's fleet side lands (branch fleet-listing): the fleet
endpoints of listing-api.md (plan with ETag and 304, packs, status) answered in the test's own
process, as a FaultyProxy responder in front of the real listing, which answers the rest.

Only the kiosk side is under test here; the real listing replaces this once it has them.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import urllib.request
import uuid

PLAN = re.compile(r"/v1/kiosks/([a-z0-9-]+)/plan$")
STATUS = re.compile(r"/v1/kiosks/([a-z0-9-]+)/status$")
PACK = re.compile(r"/v1/packs/([0-9a-f]{64})$")


class StandIn:
    """A coordinator's desk and the fleet endpoints, in memory."""

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.stops: list[dict] = []
        self.packs: dict[str, tuple[str, bytes, tuple[str, ...] | None]] = {}
        self.reports: dict[str, dict] = {}
        self.lock = threading.Lock()

    # -- the desk --------------------------------------------------------------------------

    def add_stop(self, kiosk_id: str, date: str, name: str, *, workshops=(), venue_type="library",
                 municipality="Maldegem", postcode="9990") -> str:  # fmt: skip
        stop_id = str(uuid.uuid4())
        with self.lock:
            self.stops.append({
                "kiosk": kiosk_id, "stop_id": stop_id, "date": date, "starts_at": None,
                "ends_at": None, "name": name, "venue_type": venue_type,
                "municipality": municipality, "postcode": postcode,
                "workshops": list(workshops), "status": "planned",
            })  # fmt: skip
        return stop_id

    def cancel_stop(self, stop_id: str) -> None:
        with self.lock:
            next(s for s in self.stops if s["stop_id"] == stop_id)["status"] = "cancelled"

    def add_pack(self, data: bytes, name: str, kiosks: tuple[str, ...] | None = None) -> str:
        sha = hashlib.sha256(data).hexdigest()
        with self.lock:
            self.packs[sha] = (name, data, kiosks)
        return sha

    def remove_pack(self, sha: str) -> None:
        with self.lock:
            del self.packs[sha]

    def report(self, kiosk_id: str) -> dict | None:
        return self.reports.get(kiosk_id)

    # -- the endpoints ---------------------------------------------------------------------

    def __call__(self, method: str, path: str, headers: dict, body: bytes):
        if (m := PLAN.match(path)) and method == "GET":
            return self._authorised(m[1], headers) or self._plan(m[1], headers)
        if (m := STATUS.match(path)) and method == "PUT":
            if refused := self._authorised(m[1], headers):
                return refused
            self.reports[m[1]] = json.loads(body)
            return _json(200, {"kiosk_id": m[1], "received_at": "2027-02-12T15:10:00Z"})
        if (m := PACK.match(path)) and method == "GET":
            with self.lock:
                found = self.packs.get(m[1])
            if found is None:
                return _json(404, {"type": "about:blank", "title": "Not Found", "status": 404})
            return 200, [("Content-Type", "application/zip"), ("ETag", f'"{m[1]}"')], found[1]
        return None

    def _plan(self, kiosk_id: str, headers: dict):
        with self.lock:
            stops = [{k: v for k, v in s.items() if k != "kiosk"} for s in self.stops
                     if s["kiosk"] == kiosk_id]  # fmt: skip
            packs = [{"sha256": sha, "name": name, "size": len(data)}
                     for sha, (name, data, kiosks) in self.packs.items()
                     if kiosks is None or kiosk_id in kiosks]  # fmt: skip
        plan = {"kiosk_id": kiosk_id, "tour": {"name": "Voorjaarstour 2027"},
                "stops": sorted(stops, key=lambda s: s["date"]),
                "packs": sorted(packs, key=lambda p: p["name"])}  # fmt: skip
        body = json.dumps(plan, sort_keys=True).encode()
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if headers.get("If-None-Match") == etag:
            return 304, [("ETag", etag)], b""
        return 200, [("Content-Type", "application/json"), ("ETag", etag)], body

    def _authorised(self, kiosk_id: str, headers: dict):
        """401/403 as the real listing says them (asked with the same token)."""
        ask = urllib.request.Request(
            f"{self.upstream}/v1/kiosks/{kiosk_id}/sessions",
            headers={"Authorization": headers.get("Authorization", "")},
        )
        try:
            urllib.request.urlopen(ask, timeout=10).close()
        except urllib.error.HTTPError as err:
            return _json(err.code, {"type": "about:blank", "title": "refused", "status": err.code})
        return None


def _json(status: int, body: dict):
    kind = "application/json" if status < 400 else "application/problem+json"
    return status, [("Content-Type", kind)], json.dumps(body).encode()
