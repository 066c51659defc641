"""The UiTdatabank event for a planned stop: every rule of the body, checked against what
publiq's documentation requires (tests/uit/documented.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from listing.uit.event import (
    NAME_MAX,
    NotPublishable,
    Workshop,
    age_envelope,
    content_hash,
    event_body,
    hidden_label,
    update_body,
)
from listing.uit.links import PRODUCTION_ENTRY_URL, event_url, public_page
from tests.uit.documented import AGE_RANGE, LABEL, event_problems
from tests.uit.examples import DATALOGGER, NACHTLAMPJE, REACTIESPEL, UTC, stop

PLACE = "https://io-test.uitdatabank.be/places/787d7420-c06f-4935-b3c5-5cd5a1276796"
ORGANIZER = "https://io-test.uitdatabank.be/organizers/c76db023-ef6d-49d9-8d15-5ddc3e6eb0a9"


def body_of(s, **options):
    return event_body(s, place_url=PLACE, eventtype="0.3.1.0.1", **options)


def test_a_planned_stop_is_a_valid_event_as_the_docs_describe_it():
    body = body_of(stop(), organizer_url=ORGANIZER)
    assert event_problems(body, creating=True) == []
    assert body["mainLanguage"] == "nl"
    assert body["name"] == {
        "nl": "STEM-workshops: Reactiespel en Nachtlampje",
        "en": "STEM workshops: Reaction game and Night light",
    }
    assert body["terms"] == [{"id": "0.3.1.0.1"}]
    assert body["location"] == {"@id": PLACE}
    assert body["organizer"] == {"@id": ORGANIZER}
    assert body["audience"] == {"audienceType": "everyone"}
    assert body["workflowStatus"] == "READY_FOR_VALIDATION"  # publish.md: at create


def test_one_sub_event_from_the_stop_times_in_brussels_time():
    winter = body_of(stop())
    summer = body_of(
        stop(
            starts_at=dt.datetime(2027, 7, 3, 8, 30, tzinfo=UTC),
            ends_at=dt.datetime(2027, 7, 3, 12, tzinfo=UTC),
        )
    )
    assert winter["calendarType"] == summer["calendarType"] == "single"
    assert winter["subEvent"] == [
        {
            "startDate": "2027-02-12T14:00:00+01:00",
            "endDate": "2027-02-12T18:00:00+01:00",
            "status": {"type": "Available"},
        }
    ]
    assert [s["startDate"] for s in summer["subEvent"]] == ["2027-07-03T10:30:00+02:00"]


def test_a_cancelled_stop_is_an_unavailable_sub_event():
    body = body_of(stop(status="cancelled"))
    assert body["subEvent"][0]["status"] == {"type": "Unavailable"}  # status.md, single
    assert event_problems(body, creating=False) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"starts_at": None, "ends_at": None}, "the stop on 2027-02-12 has no start and end time"),
        ({"ends_at": None}, "has no start and end time"),
        ({"starts_at": None}, "has no start and end time"),
        ({"starts_at": dt.datetime(2027, 2, 12, 13)}, "need a time zone"),
        ({"ends_at": dt.datetime(2027, 2, 12, 12, tzinfo=UTC)}, "ends before it starts"),
    ],
)
def test_a_stop_without_usable_times_is_not_publishable_and_says_why(changes, words):
    with pytest.raises(NotPublishable) as err:
        body_of(stop(**changes))
    assert words in err.value.reason


def test_the_description_holds_each_workshop_and_its_summary():
    body = body_of(stop())
    assert body["description"]["nl"] == (
        "Reactiespel: Bouw een spel met een knop en een lampje.\n\n"
        "Nachtlampje: Een lampje dat aangaat als het donker wordt."
    )
    assert body["description"]["en"].startswith("Reaction game: Build a game")


def test_english_only_when_every_workshop_has_it():
    body = body_of(stop(workshops=(REACTIESPEL, DATALOGGER)))
    assert set(body["name"]) == set(body["description"]) == {"nl"}
    assert body["description"]["nl"].endswith("\n\nDatalogger")  # no summary: the title alone
    assert event_problems(body, creating=True) == []


def test_a_stop_without_workshops_is_named_for_its_municipality():
    body = body_of(stop(workshops=()))
    assert body["name"] == {"nl": "STEM-workshops in Maldegem", "en": "STEM workshops in Maldegem"}
    assert "description" not in body and "typicalAgeRange" not in body
    assert event_problems(body, creating=True) == []


def test_a_workshop_planned_twice_counts_once():
    body = body_of(stop(workshops=(REACTIESPEL, REACTIESPEL)))
    assert body["name"]["nl"] == "STEM-workshop: Reactiespel"


def test_long_titles_are_shortened_to_fit_the_name():
    many = tuple(
        Workshop(f"w{n}", {"nl": f"Een heel lange workshoptitel nummer {n}"}, {}, "12-")
        for n in range(5)
    )
    name = body_of(stop(workshops=many))["name"]["nl"]
    assert len(name) <= NAME_MAX and name.endswith(" en meer")
    assert name.startswith("STEM-workshops: Een heel lange workshoptitel nummer 0")
    one = (Workshop("w", {"nl": "x" * 200}, {}, "12-"),)
    assert len(body_of(stop(workshops=one))["name"]["nl"]) == NAME_MAX
    assert event_problems(body_of(stop(workshops=one)), creating=True) == []


def test_the_hidden_label_is_unique_to_the_stop_and_a_valid_label():
    label = hidden_label(stop(7).stop_id)
    assert body_of(stop(7))["hiddenLabels"] == [label]
    assert label == "stemkiosk-8e1c4f0a-2b3d-4e5f-9a6b-000000000007"
    assert LABEL.match(label) and label != hidden_label(stop(8).stop_id)


@pytest.mark.parametrize(
    ("ranges", "envelope"),
    [
        (["10-14"], "10-14"),
        (["10-14", "12-18"], "10-18"),
        (["10-14", "16-18"], "10-18"),  # the ages between are included
        (["10-14", "14-"], "10-"),
        (["-12", "10-14"], "-14"),
        (["-12", "14-"], "-"),
    ],
)
def test_the_age_range_is_the_envelope_of_the_workshops(ranges, envelope):
    assert age_envelope(ranges) == envelope


def test_the_age_range_in_the_body_comes_from_the_planned_workshops():
    assert body_of(stop())["typicalAgeRange"] == "10-18"
    assert body_of(stop(workshops=(NACHTLAMPJE, DATALOGGER)))["typicalAgeRange"] == "10-"


bound = st.one_of(st.none(), st.integers(0, 99))


@given(st.lists(st.tuples(bound, bound), min_size=1, max_size=6))
def test_the_envelope_is_a_uit_age_range_holding_every_range(pairs):
    texts = [f"{'' if a is None else a}-{'' if b is None else b}" for a, b in pairs]
    envelope = age_envelope(texts)
    assert AGE_RANGE.match(envelope)
    low, high = envelope.split("-")
    for a, b in pairs:
        assert low == "" or (a is not None and int(low) <= a)
        assert high == "" or (b is not None and int(high) >= b)


def test_a_malformed_age_range_is_not_publishable():
    bad = dataclasses.replace(REACTIESPEL, typical_age_range="tien")
    with pytest.raises(NotPublishable, match="'tien'"):
        body_of(stop(workshops=(bad,)))


def test_the_content_hash_follows_what_is_sent_not_the_key_order():
    body = body_of(stop())
    assert content_hash(dict(reversed(body.items()))) == content_hash(body)
    assert content_hash(body_of(stop(status="cancelled"))) != content_hash(body)
    later = stop(ends_at=dt.datetime(2027, 2, 12, 18, tzinfo=UTC))
    assert content_hash(body_of(later)) != content_hash(body)
    # The stop's name and postcode only find the place; the place is in the body.
    assert content_hash(body_of(stop(name="Bib", postcode="9991"))) == content_hash(body)


def test_an_update_keeps_what_people_added_in_uitdatabank_and_the_workflow_status():
    body = body_of(stop())
    picture = [
        {"@id": "https://io-test.uitdatabank.be/images/5a4c2d0e-1b3f-4c5d-8e9f-0a1b2c3d4e5f"}
    ]
    current = {
        **body,
        "name": {"nl": "Door iemand hernoemd"},
        "mediaObject": picture,
        "terms": [
            {"id": "0.3.1.0.1", "domain": "eventtype"},
            {"id": "0.52.0.0.0", "domain": "theme"},
        ],
        "organizer": {"@id": ORGANIZER, "name": {"nl": "Het STEM-lab"}},
        "workflowStatus": "APPROVED",
        "created": "2027-01-01T10:00:00+00:00",
    }
    put = update_body(body, current)
    assert put["name"] == body["name"]  # the listing's own fields are the listing's
    assert put["mediaObject"] == picture and put["organizer"] == {"@id": ORGANIZER}
    assert put["terms"] == [{"id": "0.3.1.0.1"}, {"id": "0.52.0.0.0"}]
    assert put["workflowStatus"] == "APPROVED" and "created" not in put
    assert event_problems(put, creating=False) == []
    draft = update_body(body, {**current, "workflowStatus": "DRAFT"})
    assert draft["workflowStatus"] == "READY_FOR_VALIDATION"  # DRAFT may move forward


def test_an_event_is_linked_at_the_entry_api_and_on_production_at_uitinvlaanderen():
    event_id = "2e8f0c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
    test = "https://io-test.uitdatabank.be"
    assert event_url(test, event_id) == f"{test}/events/{event_id}"
    assert public_page(test, event_id, "STEM-workshops: Reactiespel") is None
    assert public_page(PRODUCTION_ENTRY_URL, event_id, "STEM-workshops: Één & Twee") == (
        f"https://www.uitinvlaanderen.be/agenda/e/stem-workshops-een-twee/{event_id}"
    )
