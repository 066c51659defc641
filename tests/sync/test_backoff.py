"""Backoff: capped exponential with full jitter; Retry-After is a floor."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import format_datetime

from kiosk.sync.backoff import Backoff, parse_retry_after


def test_delays_are_full_jitter_under_a_capped_exponential():
    backoff = Backoff(base=0.5, cap=8.0, rng=random.Random(1))
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (3, 4.0), (4, 8.0), (10, 8.0), (500, 8.0)]:
        delays = [backoff.delay(attempt) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert min(delays) < ceiling * 0.1 and max(delays) > ceiling * 0.9  # the whole range


def test_retry_after_is_a_floor_and_itself_capped():
    backoff = Backoff(base=0.5, cap=8.0, max_retry_after=60.0, rng=random.Random(2))
    assert all(backoff.delay(0, retry_after=5.0) >= 5.0 for _ in range(50))
    assert backoff.delay(0, retry_after=3600.0) == 60.0
    assert 0.0 <= backoff.delay(0, retry_after=0.0) <= 0.5


def test_retry_after_is_read_as_seconds_or_a_date():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)
    assert 100 < parse_retry_after(format_datetime(later, usegmt=True)) <= 120
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=120)
    assert parse_retry_after(format_datetime(past, usegmt=True)) == 0.0
