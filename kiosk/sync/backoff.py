"""How long to wait before retrying: capped exponential backoff with full jitter.

A server's `Retry-After` is a floor: the wait is never shorter than what the server asked.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime


@dataclass
class Backoff:
    """Delays for attempt 0, 1, 2, ...: uniform in [0, min(cap, base * 2**attempt)]."""

    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 300.0  # a server asking for more is honoured up to this
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(attempt, 62))
        wait = self.rng.uniform(0.0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_retry_after))
        return wait


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
