"""The fake UiTdatabank holds bodies to publiq's documented rules, so a test that passes
against it says something: every rule here is one the fake answers 400 (or 401) for."""

from __future__ import annotations

import httpx
import pytest

from tests.uit.documented import event_problems
from tests.uit.fake_http import TOKEN_PATH

PLACE = "https://io-test.uitdatabank.be/places/787d7420-c06f-4935-b3c5-5cd5a1276796"
GOOD = {
    "mainLanguage": "nl",
    "name": {"nl": "Voorbeeld"},
    "location": {"@id": PLACE},
    "terms": [{"id": "0.50.4.0.0"}],
    "calendarType": "single",
    "subEvent": [
        {"startDate": "2027-01-18T17:30:00+01:00", "endDate": "2027-01-18T23:00:00+01:00"}
    ],
}  # create.md's example, as it is


@pytest.fixture
def http(uit):
    with httpx.Client(base_url=uit.url, timeout=5) as client:
        answer = client.post(
            TOKEN_PATH,
            data={
                "grant_type": "client_credentials",
                "client_id": uit.client_id,
                "client_secret": uit.secret,
            },
        )
        client.headers["Authorization"] = "Bearer " + answer.json()["access_token"]
        client.headers["X-Client-Id"] = uit.client_id
        yield client


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"terms": None}, "/"),
        ({"name": {"en": "Example"}}, "/name"),
        ({"name": {"nl": "x" * 91}}, "/name/nl"),
        ({"mainLanguage": "es"}, "/mainLanguage"),
        ({"terms": [{"id": "0.50.4.0.0"}, {"id": "0.55.0.0.0"}]}, "/terms"),
        ({"location": {"@id": "https://io.uitdatabank.be/events/x"}}, "/location/@id"),
        ({"subEvent": []}, "/subEvent"),
        (
            {"subEvent": [{"startDate": "2027-01-18 17:30", "endDate": "2027-01-18T23:00:00"}]},
            "/subEvent/0/startDate",
        ),
        ({"calendarType": "periodic"}, "/startDate"),
        ({"typicalAgeRange": "10 tot 14"}, "/typicalAgeRange"),
        ({"hiddenLabels": ["a;b"]}, "/hiddenLabels/0"),
        ({"hiddenLabels": ["x"]}, "/hiddenLabels/0"),
        ({"audience": {"audienceType": "kids"}}, "/audience/audienceType"),
        ({"workflowStatus": "APPROVED"}, "/workflowStatus"),
        (
            {"subEvent": [{**GOOD["subEvent"][0], "status": {"type": "Cancelled"}}]},
            "/subEvent/0/status/type",
        ),
    ],
)
def test_a_body_breaking_a_documented_rule_is_answered_400(http, change, pointer):
    body = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert pointer in [p for p, _ in event_problems(body, creating=True)]
    answer = http.post("/entry/events", json=body)
    assert answer.status_code == 400
    problem = answer.json()
    assert problem["type"] == "https://api.publiq.be/probs/body/invalid-data"
    assert pointer in [e["jsonPointer"] for e in problem["schemaErrors"]]


def test_the_documented_example_is_created(http):
    answer = http.post("/entry/events", json=GOOD)
    assert answer.status_code == 201
    assert set(answer.json()) == {"id", "eventId", "url", "commandId"}
    event = http.get(answer.json()["url"].removeprefix(str(http.base_url)))
    assert event.json()["workflowStatus"] == "DRAFT"  # publish.md: the default


def test_unreadable_json_and_a_missing_token_are_refused(http):
    bad = http.post("/entry/events", content=b"{", headers={"Content-Type": "application/json"})
    assert bad.json()["type"] == "https://api.publiq.be/probs/body/invalid-syntax"
    anonymous = http.post("/entry/events", json=GOOD, headers={"Authorization": ""})
    assert anonymous.status_code == 401
    assert http.get("/search/events", headers={"X-Client-Id": "someone"}).status_code == 401


def test_the_workflow_status_only_moves_forward(http):
    url = http.post("/entry/events", json={**GOOD, "workflowStatus": "READY_FOR_VALIDATION"})
    path = url.json()["url"].removeprefix(str(http.base_url))
    back = http.put(path, json={**GOOD, "workflowStatus": "DRAFT"})
    assert back.json()["type"].endswith("/invalid-workflow-status-transition")
    assert http.put(path, json=GOOD).status_code == 400  # left out: back to DRAFT (update.md)


def test_search_hides_drafts_by_default_and_lags_behind_creates(http, uit):
    label = {**GOOD, "hiddenLabels": ["stemkiosk-test"]}
    http.post("/entry/events", json=label)
    query = {"labels[]": "stemkiosk-test"}
    assert http.get("/search/events", params=query).json()["totalItems"] == 0  # a DRAFT
    everything = {**query, "disableDefaultFilters": "true"}
    assert http.get("/search/events", params=everything).json()["totalItems"] == 1
    uit.index_lag = 3600
    http.post("/entry/events", json=label)
    assert http.get("/search/events", params=everything).json()["totalItems"] == 1
