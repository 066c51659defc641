"""The UiTdatabank APIs as the listing uses them: a client access token, the Entry API for
events and the Search API for places and for events by their hidden label.

Every call has a timeout and the retry discipline of http.Pacing; answers become values or
the errors of listing.uit.errors.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from listing.uit.errors import AnswerLost, AuthFailed, ConfigError, NotFound, Rejected, TryLater
from listing.uit.http import TIMEOUT_S, Answer, Pacing, exchange, parse_retry_after
from listing.uit.settings import UUID, UitSettings

TOKEN_MARGIN_S = 120.0  # renew this long before expiry: clocks differ (client-access-token.md)
EVENT_URL = re.compile(rf"/events?/({UUID})/?$")
JSON = "application/json"


@dataclass(frozen=True)
class Place:
    """A UiT place a stop could be at: its @id URL and what a coordinator needs to pick it."""

    id: str
    name: str
    address: str


class UitClient:
    """Calls to one UiTdatabank environment with one client id and secret."""

    def __init__(
        self,
        settings: UitSettings,
        *,
        pacing: Pacing | None = None,
        timeout: float = TIMEOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings
        self.pacing = pacing or Pacing()
        self.timeout = timeout
        self.clock = clock
        self._secret = settings.client_secret()
        self._token: str | None = None
        self._token_until = 0.0

    def sign_in(self) -> None:
        """Fetch a token now (if none is cached): a wrong secret shows before any other call."""
        self._bearer(renew=False)

    # -- Entry API ----------------------------------------------------------------------------

    def create_event(self, body: Mapping[str, Any]) -> str:
        """POST /events: the new event's id. AnswerLost when UiTdatabank may have made it."""
        answer = self._entry("POST", "/events", body, resend_when_lost=False)
        found = answer.json()
        event_id = found.get("id") if isinstance(found, dict) else None
        if not isinstance(event_id, str) or not re.fullmatch(UUID, event_id):
            raise AnswerLost(f"UiTdatabank answered {answer.status} to a create without an id")
        return event_id

    def update_event(self, event_id: str, body: Mapping[str, Any]) -> None:
        """PUT /events/{id}: the whole event; what the body leaves out is removed (update.md)."""
        self._entry("PUT", f"/events/{event_id}", body)

    def get_event(self, event_id: str) -> dict[str, Any]:
        """GET /events/{id}: the event as UiTdatabank holds it now."""
        event = self._entry("GET", f"/events/{event_id}").json()
        if not isinstance(event, dict):
            raise TryLater(f"UiTdatabank's answer for event {event_id} is unreadable")
        return event

    # -- Search API ---------------------------------------------------------------------------

    def find_places(self, name: str, postcode: str) -> list[Place]:
        """Places whose name holds `name` at `postcode` (finding-and-reusing-places.md)."""
        phrase = name.replace("\\", "\\\\").replace('"', '\\"')
        query = f'name.\\*:"{phrase}" AND address.\\*.postalCode:{postcode}'
        found = self._search("/places", {"q": query, "embed": "true", "limit": "10"})
        return [_place(m) for m in found if isinstance(m, dict) and isinstance(m.get("@id"), str)]

    def find_events_by_label(self, label: str) -> list[str]:
        """Ids of every event with this (hidden) label, drafts and past ones included."""
        params = {"labels[]": label, "disableDefaultFilters": "true", "limit": "10"}
        ids = set()
        for member in self._search("/events", params):
            found = isinstance(member, dict) and EVENT_URL.search(str(member.get("@id", "")))
            if found:
                ids.add(found.group(1).lower())
        return sorted(ids)

    # -- one call -----------------------------------------------------------------------------

    def _entry(
        self, method: str, path: str, body: Any = None, *, resend_when_lost: bool = True
    ) -> Answer:
        """An Entry API call with the cached token; on a 401 a new token, once."""
        url = self.settings.entry_url + path
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        for renewed in (False, True):
            headers = {"Authorization": f"Bearer {self._bearer(renew=renewed)}", "Accept": JSON}
            if data is not None:
                headers["Content-Type"] = JSON
            answer = self.pacing.run(
                lambda h=headers: self._checked(method, url, h, data, sure=resend_when_lost),
                resend_when_lost=resend_when_lost,
            )
            if answer.status != 401:
                return answer
        raise AuthFailed(
            f"UiTdatabank refused a fresh token for {method} {path} (401): is client id "
            f"{self.settings.client_id} allowed to use the Entry API at {self.settings.entry_url}?"
        )

    def _search(self, path: str, params: Mapping[str, str]) -> list[Any]:
        url = f"{self.settings.search_url}{path}?{urlencode(params)}"
        headers = {"X-Client-Id": self.settings.client_id, "Accept": JSON}
        refused = AuthFailed(
            f"the Search API refused client id {self.settings.client_id}: check that "
            f"{self.settings.search_url} is the environment of that client id"
        )
        try:
            answer = self.pacing.run(
                lambda: self._checked("GET", url, headers, None), resend_when_lost=True
            )
        except Rejected as err:
            raise refused if err.status == 403 else err from None
        if answer.status == 401:
            raise refused
        found = answer.json()
        members = found.get("member") if isinstance(found, dict) else None
        if not isinstance(members, list):
            raise TryLater(f"the Search API's answer for {path} is unreadable")
        return members

    def _checked(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        data: bytes | None,
        *,
        sure: bool = True,
    ) -> Answer:
        """One exchange; 2xx and 401 are returned, the rest raised (sure=False: a 5xx may
        have done the work, so it is AnswerLost)."""
        answer = exchange(method, url, headers=headers, body=data, timeout=self.timeout)
        status = answer.status
        if 200 <= status < 300 or status == 401:
            return answer
        text = problem_text(answer.json(), f"HTTP {status}")
        if status in (400, 403, 409):
            raise Rejected(text, status)
        if status == 404 and method != "POST" and "/events/" in url:
            raise NotFound(f"UiTdatabank does not know {url} (404: {text})")
        if status == 429 or status >= 500:
            wait = parse_retry_after(answer.headers.get("Retry-After"))
            lost = AnswerLost if status >= 500 and not sure else TryLater
            raise lost(f"UiTdatabank is busy or failing ({status}: {text})", wait)
        raise ConfigError(f"{url} answered {status} to {method}: is the URL setting right?")

    def _bearer(self, *, renew: bool) -> str:
        """The cached client access token, renewed when `renew` or close to expiry."""
        if renew or self._token is None or self.clock() >= self._token_until:
            self._token = None
            asked = self.clock()
            token, lifetime = self.pacing.run(self._token_once, resend_when_lost=True)
            self._token = token
            self._token_until = asked + lifetime - min(TOKEN_MARGIN_S, lifetime / 2)
        return self._token

    def _token_once(self) -> tuple[str, float]:
        """POST the token URL, form-encoded (client-access-token.md): (token, seconds valid)."""
        form = {
            "grant_type": "client_credentials",
            "client_id": self.settings.client_id,
            "client_secret": self._secret,
        }
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON}
        url = self.settings.token_url
        answer = exchange(
            "POST", url, headers=headers, body=urlencode(form).encode(), timeout=self.timeout
        )
        found = answer.json() if answer.status == 200 else None
        if isinstance(found, dict) and isinstance(found.get("access_token"), str):
            lifetime = found.get("expires_in")
            known = isinstance(lifetime, int | float) and lifetime > 0
            valid = float(lifetime) if known else math.inf  # no expiry given: until a 401
            return found["access_token"], valid
        if answer.status in (400, 401, 403):
            raise AuthFailed(
                f"publiq refused client id {self.settings.client_id} and its secret "
                f"({_oauth_error(answer.json(), answer.status)}): check "
                "STEM_LISTING_UIT_CLIENT_ID and STEM_LISTING_UIT_CLIENT_SECRET_FILE, and that "
                "both belong to the environment of STEM_LISTING_UIT_TOKEN_URL (test and "
                "production credentials differ)"
            )
        if answer.status == 429 or answer.status >= 500:
            wait = parse_retry_after(answer.headers.get("Retry-After"))
            raise TryLater(f"publiq's token server is busy or failing ({answer.status})", wait)
        if answer.status == 200:
            raise TryLater("publiq's token server answered without an access_token")
        raise ConfigError(
            f"{url} answered {answer.status} to a token request: check STEM_LISTING_UIT_TOKEN_URL"
        )


def problem_text(problem: Any, fallback: str) -> str:
    """A publiq problem body (RFC 7807, errors/models/Error.json) as one line: the Dutch
    end-user message or the detail/title, then each schema error with its JSON pointer."""
    if not isinstance(problem, dict):
        return fallback
    end_user = problem.get("endUserMessage")
    nl = end_user.get("nl") if isinstance(end_user, dict) else None
    text = str(nl or problem.get("detail") or problem.get("title") or fallback)
    errors = problem.get("schemaErrors")
    if isinstance(errors, list):
        parts = [
            f"{e.get('jsonPointer', '')}: {e.get('error', '')}"
            for e in errors
            if isinstance(e, dict)
        ]
        if parts:
            text += " (" + "; ".join(parts) + ")"
    return text


def _oauth_error(found: Any, status: int) -> str:
    """RFC 6749 section 5.2's error and error_description, else the status."""
    if isinstance(found, dict) and found.get("error"):
        return ": ".join(str(found[k]) for k in ("error", "error_description") if found.get(k))
    return f"HTTP {status}"


def _place(member: Mapping[str, Any]) -> Place:
    """A search result (embed=true) as a Place; the address may be localized or not."""
    name = member.get("name")
    if isinstance(name, dict):
        main = member.get("mainLanguage")
        name = name.get("nl") or name.get(main) or next(iter(name.values()), "")
    address = member.get("address")
    if isinstance(address, dict) and "postalCode" not in address:
        address = address.get("nl") or next(iter(address.values()), None)
    line = ""
    if isinstance(address, dict):
        town = f"{address.get('postalCode', '')} {address.get('addressLocality', '')}".strip()
        line = ", ".join(p for p in (address.get("streetAddress"), town) if p)
    return Place(member["@id"], str(name or ""), line)
