"""The OpenAPI document's pieces FastAPI cannot infer: request bodies read by hand and problems.

Routes read their bodies themselves (to keep the contract's check order), so the snapshot
and status schemas are added to /openapi.json here, from the same pydantic models that validate.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from listing.models.incoming import BatchIn, SnapshotIn
from listing.models.incoming_fleet import StatusIn
from listing.models.outgoing import ProblemOut
from listing.problems import MEDIA_TYPE, TITLES

REF = "#/components/schemas/{model}"


def json_body(model: type) -> dict[str, Any]:
    schema = {"$ref": REF.format(model=model.__name__)}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    schema = {"$ref": REF.format(model=ProblemOut.__name__)}
    answers: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        answer: dict[str, Any] = {
            "description": TITLES[code],
            "content": {MEDIA_TYPE: {"schema": schema}},
        }
        if code in (429, 503):
            answer["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
        answers[code] = answer
    return answers


def install(app: FastAPI) -> None:
    """Serve an OpenAPI document that includes the hand-read bodies and the problem shape."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        _, extra = models_json_schema(
            [
                (SnapshotIn, "validation"),
                (BatchIn, "validation"),
                (StatusIn, "validation"),
                (ProblemOut, "serialization"),
            ],
            ref_template=REF,
        )
        document.setdefault("components", {}).setdefault("schemas", {}).update(extra["$defs"])
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
