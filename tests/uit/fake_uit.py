"""A fake of publiq's token server, Entry API and Search API, from their public documentation,
over real HTTP on 127.0.0.1, with the faults the real ones can have.

    with FakeUit() as uit:   # uit.settings(secret_file) points the listing at it
        uit.inject("create", "drop")          # the next create is made, its answer dropped
        uit.inject("search_events", "status", status=429, retry_after=1)
        uit.expire_tokens(); uit.index_lag = 0.2; uit.chaos(random.Random(7), rate=0.3)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from listing.uit.settings import UitSettings
from tests.uit.documented import (
    EVENTTYPES,
    THEMES,
    TRANSITIONS,
    event_problems,
    invalid_data,
    not_found,
    problem,
)
from tests.uit.fake_http import TOKEN_PATH, handler_for

PLACE_QUERY = re.compile(r'^name\.\\\*:"((?:[^"\\]|\\.)*)" AND address\.\\\*\.postalCode:(\S+)$')
OPS = ("token", "create", "update", "get", "search_events", "search_places")
FAULTS = ("drop", "status", "slow")


@dataclass
class Fault:
    """drop: do the work, close without an answer; status: answer `status` without doing the
    work; slow: do the work, answer after `delay` seconds (past the client's timeout)."""

    kind: str
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0


class FakeUit:
    def __init__(self, *, client_id="stem-kiosk-test", secret="s3cret-test", index_lag=0.0):
        self.client_id, self.secret, self.index_lag = client_id, secret, index_lag
        self.token_lifetime = 3600
        self.refuse_tokens = False  # the Entry API refuses every token, even a fresh one
        self.lock = threading.Lock()
        self.tokens: dict[str, bool] = {}
        self.events: dict[str, dict[str, Any]] = {}  # id -> the event as GET shows it
        self.searchable_at: dict[str, float] = {}
        self.places: list[dict[str, Any]] = []
        self.calls: list[tuple[str, int]] = []  # (op, status answered or 0 when dropped)
        self.faults: dict[str, list[Fault]] = {op: [] for op in OPS}
        self.rng: random.Random | None = None
        self.rate = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.entry_url = self.url + "/entry"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeUit:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self, secret_file: Path, **changes) -> UitSettings:
        values = dict(
            entry_url=self.entry_url,
            search_url=self.url + "/search",
            token_url=self.url + TOKEN_PATH,
            client_id=self.client_id,
            client_secret_file=secret_file,
            eventtype="0.3.1.0.1",
        )
        return UitSettings(**{**values, **changes})

    # -- what a test arranges -----------------------------------------------------------------

    def add_place(self, name: str, postcode: str, locality: str, street: str = "") -> str:
        place_id = f"{self.entry_url}/places/{uuid.uuid4()}"
        address = {
            "addressCountry": "BE",
            "addressLocality": locality,
            "postalCode": postcode,
            "streetAddress": street,
        }
        self.places.append(
            {
                "@id": place_id,
                "@type": "Place",
                "mainLanguage": "nl",
                "name": {"nl": name},
                "address": {"nl": address},
            }
        )
        return place_id

    def inject(self, op: str, kind: str, **options) -> None:
        """The next `op` request meets this fault (faults queue up per op)."""
        assert op in OPS and kind in FAULTS
        self.faults[op].append(Fault(kind, **options))

    def inject_search_faults(self) -> None:
        """Queue faults a fault test must see, whatever its random ones do: a 429 on the
        label search and a 503 on the place search."""
        self.inject("search_events", "status", status=429, retry_after=0)
        self.inject("search_places", "status", status=503, retry_after=0)

    def inject_create_faults(self) -> None:
        """A create made and its answer dropped, then a create failing (500) before it is
        made (queued once a valid token is in use: a dropped 401 would hide the expiry)."""
        self.inject("create", "drop")
        self.inject("create", "status", status=500)

    def chaos(self, rng: random.Random | None, rate: float = 0.0) -> None:
        """Every request meets a random fault with probability `rate` (None: off)."""
        self.rng, self.rate = rng, rate

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = dict.fromkeys(self.tokens, False)

    def edit(self, event_id: str, **props) -> None:
        """A change made in UiTdatabank itself (its web application, a moderator)."""
        with self.lock:
            self.events[event_id].update(props)

    # -- what a test checks -------------------------------------------------------------------

    def events_labelled(self, label: str) -> list[dict[str, Any]]:
        with self.lock:
            return [e for e in self.events.values() if label in _labels(e)]

    def count(self, op: str) -> int:
        return sum(1 for o, _ in self.calls if o == op)

    # -- the APIs -----------------------------------------------------------------------------

    def fault_for(self, op: str) -> Fault | None:
        with self.lock:
            if self.faults[op]:
                return self.faults[op].pop(0)
            if self.rng is None or self.rng.random() >= self.rate:
                return None
            kind = self.rng.choice(FAULTS)
            status = self.rng.choice((500, 503, 429))
            retry = self.rng.choice((None, 0, 1)) if status != 500 else None
            return Fault(kind, status, retry, delay=0.15)

    def token(self, form: dict[str, list[str]]) -> tuple[int, Any]:
        one = {k: v[0] for k, v in form.items()}
        if one.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if one.get("client_id") != self.client_id or one.get("client_secret") != self.secret:
            return 401, {
                "error": "invalid_client",
                "error_description": "Invalid client credentials",
            }
        token = uuid.uuid4().hex
        with self.lock:
            self.tokens[token] = True
        return 200, {
            "access_token": token,
            "expires_in": self.token_lifetime,
            "token_type": "Bearer",
        }

    def authorized(self, header: str | None) -> bool:
        token = (header or "").removeprefix("Bearer ")
        with self.lock:
            return self.tokens.get(token, False) and not self.refuse_tokens

    def create(self, body: Any) -> tuple[int, Any]:
        problems = event_problems(body, creating=True)
        if problems:
            return 400, invalid_data(problems)
        event_id = str(uuid.uuid4())
        with self.lock:
            self.events[event_id] = _as_read(self.entry_url, event_id, body, "DRAFT")
            self.searchable_at[event_id] = time.monotonic() + self.index_lag
        url = f"{self.entry_url}/events/{event_id}"
        return 201, {"id": event_id, "eventId": event_id, "url": url, "commandId": "0" * 32}

    def update(self, event_id: str, body: Any) -> tuple[int, Any]:
        with self.lock:
            current = self.events.get(event_id)
        if current is None:
            return 404, not_found(event_id)
        problems = event_problems(body, creating=False)
        if problems:
            return 400, invalid_data(problems)
        before = current["workflowStatus"]
        after = body.get("workflowStatus", "DRAFT")  # update.md: left out is the default
        if after != before and after != "DELETED" and (before, after) not in TRANSITIONS:
            return 400, problem(
                "uitdatabank/invalid-workflow-status-transition",
                "Invalid workflowStatus transition",
                f"Cannot go from {before} to {after}.",
            )
        with self.lock:
            self.events[event_id] = _as_read(self.entry_url, event_id, body, before)
        url = f"{self.entry_url}/events/{event_id}"
        return 200, {"id": event_id, "eventId": event_id, "url": url}

    def get(self, event_id: str) -> tuple[int, Any]:
        with self.lock:
            event = self.events.get(event_id)
            return (200, json.loads(json.dumps(event))) if event else (404, not_found(event_id))

    def search_events(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        wanted = query.get("labels[]", []) + query.get("labels", [])
        everything = query.get("disableDefaultFilters") == ["true"]
        now = time.monotonic()
        with self.lock:
            hits = [
                e
                for i, e in self.events.items()
                if self.searchable_at[i] <= now
                and all(w in _labels(e) for w in wanted)
                and (everything or _shown_by_default(e))
            ]
        return 200, _page(hits, "Event", embed=query.get("embed") == ["true"])

    def search_places(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        match = PLACE_QUERY.match(query.get("q", [""])[0])
        if not match:
            detail = 'this fake knows only q=name.\\*:"..." AND address.\\*.postalCode:...'
            return 400, problem("url/invalid-query", "Invalid query", detail)
        phrase = re.sub(r"\\(.)", r"\1", match[1]).lower().split()
        hits = [
            p
            for p in self.places
            if p["address"]["nl"]["postalCode"] == match[2]
            and _has_phrase(p["name"]["nl"].lower().split(), phrase)
        ]
        return 200, _page(hits, "Place", embed=query.get("embed") == ["true"])


def _as_read(entry_url: str, event_id: str, body: dict, workflow: str) -> dict[str, Any]:
    """The event as GET /events/{id} shows it: read-only fields added (create.md)."""
    event = json.loads(json.dumps(body))
    event["@id"] = f"{entry_url}/events/{event_id}"
    event["workflowStatus"] = body.get("workflowStatus", workflow)
    event["terms"] = [
        {
            **t,
            "domain": "eventtype" if t["id"] in EVENTTYPES else "theme",
            "label": EVENTTYPES.get(t["id"]) or THEMES[t["id"]],
        }
        for t in body["terms"]
    ]
    subs = event.get("subEvent") or []
    for sub in subs:
        sub.setdefault("status", {"type": "Available"})
    kinds = {s["status"]["type"] for s in subs}  # status.md: the top level follows subEvents
    top = next((k for k in ("Available", "TemporarilyUnavailable") if k in kinds), "Unavailable")
    event["status"] = {"type": top if subs else "Available"}
    if subs:
        event["startDate"], event["endDate"] = subs[0]["startDate"], subs[-1]["endDate"]
    return event


def _labels(event: dict) -> set[str]:
    return {*event.get("labels", []), *event.get("hiddenLabels", [])}


def _shown_by_default(event: dict) -> bool:
    """default-filters.md: only READY_FOR_VALIDATION or APPROVED, availableTo not passed."""
    if event["workflowStatus"] not in ("READY_FOR_VALIDATION", "APPROVED"):
        return False
    end = event.get("endDate")
    return end is None or dt.datetime.fromisoformat(end) >= dt.datetime.now(dt.UTC)


def _has_phrase(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _page(hits: list[dict], kind: str, *, embed: bool) -> dict[str, Any]:
    """pagination.md and embedding.md: a PagedCollection of @id/@type or whole documents."""
    members = hits if embed else [{"@id": h["@id"], "@type": kind} for h in hits]
    return {
        "@context": "http://www.w3.org/ns/hydra/context.jsonld",
        "@type": "PagedCollection",
        "itemsPerPage": 30,
        "totalItems": len(hits),
        "member": members,
    }
