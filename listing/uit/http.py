"""One HTTP exchange with UiTdatabank (standard library only) and the pacing of retries.

An exchange says whether a failure happened before the request was sent or after: only the
second can have changed anything at UiTdatabank, which matters for a create.
"""

from __future__ import annotations

import http.client
import json
import random
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from listing.uit.errors import AnswerLost, TryLater

TIMEOUT_S = 30.0  # every socket operation of every call
USER_AGENT = "stem-listing-uit/1"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON, or None when it is empty or not JSON."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None


def exchange(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    body: bytes | None = None,
    timeout: float = TIMEOUT_S,
) -> Answer:
    """Send one request, follow no redirect. TryLater if it could not be sent, AnswerLost if
    it was sent and no complete answer came back."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.netloc, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.netloc, timeout=timeout)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        try:
            conn.request(method, target, body=body, headers={"User-Agent": USER_AGENT, **headers})
        except (OSError, http.client.HTTPException) as err:
            raise TryLater(f"cannot reach {parts.netloc} ({_why(err)})") from None
        try:
            response = conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as err:
            what = f"{method} {parts.path}"
            raise AnswerLost(f"{parts.netloc} did not answer {what} ({_why(err)})") from None
        return Answer(response.status, response.headers, content)
    finally:
        conn.close()


def _why(err: Exception) -> str:
    if isinstance(err, TimeoutError):
        return "timed out"
    if isinstance(err, ssl.SSLCertVerificationError):
        return "its TLS certificate could not be verified"
    return type(err).__name__


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None


@dataclass
class Pacing:
    """How often and how long to retry: capped exponential backoff with full jitter, where a
    server's Retry-After is a floor; a server asking for more than `max_wait` ends the try."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0
    max_wait: float = 60.0
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: float | None) -> float:
        wait = self.rng.uniform(0.0, min(self.cap, self.base * 2 ** min(attempt, 30)))
        return max(wait, retry_after or 0.0)

    def run(self, call: Callable[[], Any], *, resend_when_lost: bool) -> Any:
        """`call()` until it succeeds; TryLater is retried, AnswerLost only if `resend_when_lost`
        (a request that does the same when sent twice)."""
        attempt = 0
        while True:
            try:
                return call()
            except TryLater as err:
                if isinstance(err, AnswerLost) and not resend_when_lost:
                    raise
                if attempt + 1 >= self.attempts or (err.retry_after or 0.0) > self.max_wait:
                    raise
                self.sleep(self.delay(attempt, err.retry_after))
                attempt += 1
