"""Property: "same content" is judged after parsing, so a resend that differs only in spelling
(offset, fractional zeros, id case, key order, unknown fields) is `unchanged`, never a 409."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.listing.snapshots import snapshot

instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)


@settings(max_examples=25, deadline=None)
@given(start=instants, length=st.integers(0, 10_000), a=offsets, b=offsets, upper=st.booleans())
def test_a_resend_spelled_differently_is_unchanged(validator, start, length, a, b, upper):
    sid = str(uuid.uuid4())
    end = start + timedelta(seconds=length)
    first = snapshot(
        session_id=sid, started_at=start.astimezone(a).isoformat(), ended_at=end.isoformat()
    )
    again = snapshot(
        session_id=sid.upper() if upper else sid,
        started_at=start.astimezone(b).isoformat(timespec="microseconds"),
        ended_at=end.astimezone(b).isoformat(),
        note="ignored",
    )
    again["attendance"] = dict(reversed(list(again["attendance"].items())))
    assert validator.put(f"/v1/sessions/{sid}", json=first).status_code == 201
    answer = validator.put(f"/v1/sessions/{again['session_id']}", json=again)
    assert answer.json() == {"session_id": sid, "revision": 4, "result": "unchanged"}
    moved = dict(first, started_at=(start - timedelta(seconds=1)).isoformat())
    assert validator.put(f"/v1/sessions/{sid}", json=moved).status_code == 409
