"""No public view singles anyone out: an age band's count is shown only from 5 on, the smaller
bands fold into "other ages", and with no band of 5 only the total is said; alike on the agenda
page, in its JSON-LD and in /v1/activities (one function, `listing.privacy.public_bands`).
"""

from __future__ import annotations

import json
import re

import pytest

from listing.privacy import public_bands
from tests.listing.snapshots import snapshot

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
NOBODY = {"0-9": 0, "10-13": 0, "14-17": 0, "18-": 0, "unknown": 0}


@pytest.mark.parametrize(
    ("bands", "shown"),
    [
        ({"10-13": 5, "14-17": 7, "18-": 1, "unknown": 1}, {"10-13": 5, "14-17": 7, "other": 2}),
        ({"10-13": 5, "unknown": 6}, {"10-13": 5, "unknown": 6}),  # exactly 5 is shown
        ({"10-13": 4, "14-17": 9}, {"14-17": 9, "other": 4}),  # 4 is folded
        ({"0-9": 4, "10-13": 4, "14-17": 4}, None),  # 12 in all, no band of 5: the total only
        ({"14-17": 3}, None),
        ({}, None),
    ],
)
def test_public_bands(bands, shown):
    assert public_bands(NOBODY | bands) == shown


@pytest.fixture
def sessions(client):
    """Four sessions, by start time: folded (5, 7, other 2), all shown (5 and 6 unknown),
    nothing shown (4, 4, 4) and a small one (3)."""
    made = []
    for hour, bands in enumerate(
        [
            {"10-13": 5, "14-17": 7, "18-": 1, "unknown": 1},
            {"10-13": 5, "unknown": 6},
            {"0-9": 4, "10-13": 4, "14-17": 4},
            {"14-17": 3},
        ]
    ):
        total = sum(bands.values())
        made.append(
            snapshot(
                new_id=True,
                started_at=f"2026-03-0{hour + 1}T10:00:00Z",
                ended_at=f"2026-03-0{hour + 1}T12:00:00Z",
                attendance={"total": total, "age_bands": NOBODY | bands},
            )
        )
    assert client.post("/v1/sessions/batch", json={"sessions": made}).status_code == 200
    return [s["session_id"] for s in made]


def test_v1_activities_folds_small_bands(anonymous, sessions):
    by_id = {a["session_id"]: a for a in anonymous.get("/v1/activities").json()["activities"]}
    assert [by_id[s]["age_bands"] for s in sessions] == [
        {"10-13": 5, "14-17": 7, "other": 2},
        {"10-13": 5, "unknown": 6},
        None,
        None,
    ]
    assert [by_id[s]["participants"] for s in sessions] == [14, 11, 12, 3]


def article(page: str, session_id: str) -> str:
    return page.split(f'data-session="{session_id}"')[1].split("</article>")[0]


def test_the_page_folds_small_bands_into_other_ages(anonymous, sessions):
    page = anonymous.get("/").text
    folded, shown, none, small = (article(page, s) for s in sessions)
    assert "Per leeftijd: 10-13: 5, 14-17: 7, andere leeftijden: 2</div>" in folded
    assert "Per leeftijd: 10-13: 5, onbekend: 6</div>" in shown
    assert "Per leeftijd" not in none and "12 deelnemers" in none
    assert "Per leeftijd" not in small and "3 deelnemers" in small
    english = article(anonymous.get("/?lang=en").text, sessions[0])
    assert "By age: 10-13: 5, 14-17: 7, other ages: 2</div>" in english


def test_the_json_ld_never_carries_a_count(anonymous, sessions):
    """schema.org has no property for attendance: the events say what, where and when."""
    events = [json.loads(raw) for raw in LD.findall(anonymous.get("/").text)]
    assert len(events) == len(sessions)
    for event in events:
        assert set(event) == {
            "@context", "@type", "@id", "name", "inLanguage", "eventAttendanceMode",
            "location", "organizer", "startDate", "endDate", "eventStatus", "typicalAgeRange",
        }  # fmt: skip
        numbers = re.findall(r"\b\d+\b", json.dumps(event["location"] | {"n": event["name"]}))
        assert set(numbers) <= {"9990"}  # the postcode, nothing counted
