"""RFC 9457 problem details: the one shape of every error the listing answers.

Raise `Problem(...)` anywhere in a request; `install(app)` turns it and FastAPI's own errors into
`application/problem+json` responses.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

MEDIA_TYPE = "application/problem+json"
BASE = "https://stem-kiosk.example/problems/"

TITLES = {
    400: "Malformed JSON",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    422: "Invalid request body",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}
TYPES = {
    400: "malformed-json",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "revision-conflict",
    413: "too-large",
    422: "invalid",
    429: "rate-limited",
    500: "internal-error",
    503: "unavailable",
}
# Bodies are read by hand (`listing.bodies`): FastAPI's own validation errors are always about
# parameters (query, path, header or cookie), and their problems say which.
PARAMETER_PLACES = ("query", "path", "header", "cookie")


class Problem(Exception):
    """An error answer; `errors` are `{"pointer", "detail"}` into the request body; `kind`, a
    (title, type) other than the status's own."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        kind: tuple[str, str] | None = None,
    ):
        super().__init__(detail or TITLES.get(status, "Error"))
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.title, self.type = kind or (TITLES.get(status, "Error"), TYPES.get(status, "error"))

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": BASE + self.type,
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if self.errors:
            body["errors"] = self.errors
        return body

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body(), status_code=self.status, media_type=MEDIA_TYPE, headers=self.headers
        )


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem):
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        return Problem(exc.status_code, str(exc.detail), headers=exc.headers).response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        errors = [
            {"pointer": "/" + "/".join(str(p) for p in e["loc"][1:]), "detail": e["msg"]}
            for e in exc.errors()
        ]
        place = next((e["loc"][0] for e in exc.errors() if e["loc"][0] in PARAMETER_PLACES), "")
        kind = (f"Invalid {place} parameters", f"invalid-{place}") if place else None
        return Problem(
            422, "The request's parameters are invalid", errors=errors, kind=kind
        ).response()
