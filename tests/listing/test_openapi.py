"""/openapi.json agrees with listing-api.md: paths, the snapshot's rules, problem answers."""

from __future__ import annotations

import pytest

from listing.app import create_app


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('openapi') / 'listing.db'}")
    yield app.openapi()
    app.state.engine.dispose()


def schema(document, name):
    return document["components"]["schemas"][name]


def test_every_endpoint_of_the_contract_is_documented(document):
    paths = document["paths"]
    assert set(paths["/v1/sessions/{session_id}"]) == {"put"}
    assert set(paths["/v1/sessions/batch"]) == {"post"}
    for path in [
        "/v1/health", "/v1/kiosks/{kiosk_id}/sessions", "/v1/activities", "/",
        "/v1/kiosks/{kiosk_id}/plan", "/v1/packs/{sha256}", "/v1/agenda",
    ]:  # fmt: skip
        assert "get" in paths[path]
    assert set(paths["/v1/kiosks/{kiosk_id}/status"]) == {"put"}
    for report in ["sessions.csv", "monthly.csv", "monthly.svg"]:
        assert "get" in paths[f"/reports/{report}"]


def test_the_put_documents_its_body_answers_and_problem_media_type(document):
    put = document["paths"]["/v1/sessions/{session_id}"]["put"]
    body = put["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/SnapshotIn"}
    assert {"200", "201", "400", "401", "403", "409", "413", "422", "429", "503"} <= set(
        put["responses"]
    )
    problem = put["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/ProblemOut"}
    assert set(schema(document, "ProblemOut")["required"]) == {"type", "title", "status"}
    assert put["responses"]["429"]["headers"]["Retry-After"]


def test_the_snapshot_schema_carries_the_field_rules(document):
    snap = schema(document, "SnapshotIn")
    assert set(snap["required"]) == {
        "session_id", "kiosk_id", "revision", "status", "workshop", "stop",
        "started_at", "ended_at", "time_source", "attendance",
    }  # fmt: skip
    assert snap["properties"]["revision"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 2**53 - 1,
        "title": "Revision",
    }
    assert snap["properties"]["kiosk_id"]["pattern"] == "^[a-z0-9][a-z0-9-]{0,63}$"
    assert snap["properties"]["status"]["enum"] == ["open", "closed", "cancelled"]
    assert snap["properties"]["time_source"]["enum"] == ["ntp", "corrected", "unsynced"]
    bands = schema(document, "AgeBands")
    assert bands["additionalProperties"] is False
    assert bands["required"] == ["0-9", "10-13", "14-17", "18-", "unknown"]
    gender = schema(document, "Gender")
    assert gender["additionalProperties"] is False
    assert gender["required"] == ["girl", "boy", "x", "unstated"]
    stop = schema(document, "Stop")
    assert stop["properties"]["venue_type"]["enum"] == [
        "library", "youth_house", "school", "youth_movement",
        "care_centre", "company", "public_space", "other",
    ]  # fmt: skip
    assert stop["properties"]["name"]["maxLength"] == 200
    workshop = schema(document, "Workshop")
    assert workshop["properties"]["typical_age_range"]["pattern"] == "^[0-9]{0,3}-[0-9]{0,3}$"
    assert schema(document, "LanguageMap")["required"] == ["nl"]
    batch = schema(document, "BatchIn")["properties"]["sessions"]
    assert (batch["minItems"], batch["maxItems"]) == (1, 500)


def test_kiosk_endpoints_declare_bearer_auth(document):
    put = document["paths"]["/v1/sessions/{session_id}"]["put"]
    assert put["security"] == [{"HTTPBearer": []}]
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "security" not in document["paths"]["/v1/health"]["get"]


def test_the_fleet_endpoints_document_their_answers(document):
    paths = document["paths"]
    plan = paths["/v1/kiosks/{kiosk_id}/plan"]["get"]
    assert {"200", "304", "401", "403", "429", "503"} <= set(plan["responses"])
    assert "ETag" in plan["responses"]["200"]["headers"]
    assert plan["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Plan"
    }
    assert "if-none-match" in [p["name"].lower() for p in plan["parameters"]]
    assert set(schema(document, "Plan")["required"]) == {"kiosk_id", "tour", "stops", "packs"}
    stop = schema(document, "PlanStop")
    assert set(stop["required"]) == {
        "stop_id", "date", "starts_at", "ends_at", "name", "venue_type", "municipality",
        "postcode", "status", "workshops",
    }  # fmt: skip
    assert stop["properties"]["status"]["enum"] == ["planned", "cancelled"]
    pack = paths["/v1/packs/{sha256}"]["get"]
    assert "application/zip" in pack["responses"]["200"]["content"]
    assert {"401", "404"} <= set(pack["responses"]) and pack["security"] == [{"HTTPBearer": []}]
    status = paths["/v1/kiosks/{kiosk_id}/status"]["put"]
    body = status["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/StatusIn"}
    assert {"200", "400", "401", "403", "413", "422", "429", "503"} <= set(status["responses"])
    report = schema(document, "StatusIn")
    assert set(report["required"]) == {"kiosk_id", "reported_at", "software_version", "sessions"}
    assert schema(document, "PackState")["properties"]["state"]["enum"] == [
        "installed", "refused", "pending",
    ]  # fmt: skip
    agenda = paths["/v1/agenda"]["get"]
    assert "security" not in agenda
    upcoming = schema(document, "UpcomingStop")
    assert "workshops" in upcoming["required"] and "kiosk_id" not in upcoming["properties"]
