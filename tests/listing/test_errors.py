"""Errors are problems: an unhandled error answers 500 problem+json with no internals and a
request id (header, body, log line); parameters get their own title; the journal gets
priority prefixes on every log line when stderr is its stream.
"""

from __future__ import annotations

import logging
import re

import httpx
import pytest
from sqlalchemy import text

from listing import db
from tests.listing.snapshots import KIOSK
from tests.support.listing_server import serving

INTERNALS = ("Traceback", "sessions", "sqlite", "psycopg", "SELECT", "Error:", ".py")


def break_the_database(engine) -> None:
    """A real fault: the table every public page reads is gone."""
    with db.write(engine) as conn:
        conn.execute(text("DROP TABLE sessions"))


def test_an_unhandled_error_is_a_500_problem_with_a_request_id(server, anonymous, caplog):
    break_the_database(server.engine)
    with caplog.at_level(logging.ERROR, logger="listing"):
        answer = anonymous.get("/v1/activities")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert (problem["status"], problem["title"]) == (500, "Internal server error")
    rid = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid) and rid in problem["detail"]
    assert not any(word in answer.text for word in INTERNALS), answer.text
    logged = [r for r in caplog.records if rid in r.getMessage()]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None  # the traceback goes to the log, not to the client
    assert "GET /v1/activities" in logged[0].getMessage()


def test_a_streamed_report_that_cannot_start_is_a_clean_500(server, anonymous):
    token = server.admin_token()
    break_the_database(server.engine)
    answer = anonymous.get("/reports/sessions.csv", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/v1/health", 200), ("/v1/nothing", 404), (f"/v1/kiosks/{KIOSK}/sessions", 401)],
)
def test_every_answer_carries_a_request_id_and_keeps_a_sane_one(anonymous, path, status):
    kept = anonymous.get(path, headers={"X-Request-ID": "kiosk-7.round:42"})
    assert (kept.status_code, kept.headers["X-Request-ID"]) == (status, "kiosk-7.round:42")
    for insane in ("two words", "x" * 200, "<script>", "é"):
        answer = anonymous.get(path, headers={"X-Request-ID": insane.encode("utf-8")})
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"])
    first, second = anonymous.get(path), anonymous.get(path)
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


@pytest.mark.parametrize(
    "path", ["/v1/activities?municipality=%00", "/?workshop=" + "x" * 201, "/?lang=" + "e" * 9]
)
def test_invalid_query_parameters_have_their_own_title(validator, path):
    answer = validator.get(path)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["title"] == "Invalid query parameters"
    assert problem["type"].endswith("/invalid-query")
    body = validator.put(f"/v1/sessions/{'0' * 8}", json={"revision": "x"}).json()
    assert body["title"] == "Invalid request body"


def lines_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_log_lines_carry_journal_priorities_when_stderr_is_the_journal(tmp_path):
    url = f"sqlite:///{tmp_path / 'journal.db'}"
    with serving(url, journal=True) as served:
        assert httpx.get(f"{served.url}/v1/health").status_code == 200
        engine = db.make_engine(url)
        break_the_database(engine)
        engine.dispose()
        rid = httpx.get(f"{served.url}/v1/activities").headers["X-Request-ID"]
        output = served.output()
    lines = lines_of(output)
    assert all(re.match(r"<[3467]>", line) for line in lines), output
    assert any(line.startswith("<6>listing.migrate: database schema upgraded") for line in lines)
    assert any(line.startswith("<6>uvicorn.error: Application startup complete") for line in lines)
    assert any(line.startswith("<6>uvicorn.access:") and "/v1/health" in line for line in lines)
    failed = [
        i for i, line in enumerate(lines) if line.startswith(f"<3>listing.errors: request {rid}")
    ]
    assert len(failed) == 1
    assert lines[failed[0] + 1].startswith("<3>Traceback")  # every line of the traceback too


def test_plain_log_lines_without_the_journal(tmp_path):
    with serving(f"sqlite:///{tmp_path / 'plain.db'}") as served:
        assert httpx.get(f"{served.url}/v1/health").status_code == 200
        output = served.output()
    assert not any(re.match(r"<\d>", line) for line in lines_of(output))
    assert re.search(r" INFO uvicorn\.access: .*GET /v1/health", output)
