"""Every error is application/problem+json, also FastAPI's own (404, 405, bad query)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/nothing-here", 404),
        ("GET", "/v1/sessions/batch", 405),
        ("DELETE", "/v1/health", 405),
        ("GET", "/v1/activities?municipality=%00", 422),
        ("GET", "/?workshop=" + "x" * 201, 422),
    ],
)
def test_framework_errors_are_problems_too(validator, method, path, status):
    answer = validator.request(method, path)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == status and problem["type"].startswith("https://")
    assert problem["title"]
