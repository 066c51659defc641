"""The HTTP side of the fake UiTdatabank: routes each request to the fake's operation, and
meets it with the fault the fake chose (drop, an error status, a slow answer)."""

from __future__ import annotations

import json
import re
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.uit.documented import problem

TOKEN_PATH = "/realms/uitid/protocol/openid-connect/token"  # client-access-token.md
FORM = "application/x-www-form-urlencoded"
ROUTES = [
    ("POST", re.compile(re.escape(TOKEN_PATH)), "token"),
    ("POST", re.compile(r"/entry/events/?"), "create"),
    ("PUT", re.compile(r"/entry/events/([^/]+)/?"), "update"),
    ("GET", re.compile(r"/entry/events/([^/]+)/?"), "get"),
    ("GET", re.compile(r"/search/events/?"), "search_events"),
    ("GET", re.compile(r"/search/places/?"), "search_places"),
]
UNAUTHORIZED = problem("auth/unauthorized", "Unauthorized", "", 401)  # authentication errors.md


def handler_for(fake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection: a drop is a clean close

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PUT(self) -> None:
            self._serve("PUT")

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            op, ids = _route(method, parts.path)
            fault = fake.fault_for(op) if op else None
            if fault and fault.kind == "status":
                fake.calls.append((op, fault.status))
                body = problem("fake/injected", "Error", "injected by the fake", fault.status)
                self._answer(fault.status, body, fault.retry_after)
                return
            status, body = self._work(op, ids, parse_qs(parts.query), raw)
            if fault and fault.kind == "drop":
                fake.calls.append((op, 0))
                self.close_connection = True
                return
            fake.calls.append((op, status))
            if fault and fault.kind == "slow":
                time.sleep(fault.delay)
            self._answer(status, body)

        def _work(self, op: str | None, ids: tuple, query: dict, raw: bytes) -> tuple[int, Any]:
            if op is None:
                detail = f"{self.command} {self.path} is not an endpoint of this fake"
                return 404, problem("url/not-found", "URL not found", detail, 404)
            if op == "token":
                if not self.headers.get("Content-Type", "").startswith(FORM):
                    return 400, {"error": "invalid_request"}
                return fake.token(parse_qs(raw.decode()))
            if op in ("create", "update") and not fake.authorized(self.headers["Authorization"]):
                return 401, UNAUTHORIZED
            if op.startswith("search") and self.headers.get("X-Client-Id") != fake.client_id:
                return 401, UNAUTHORIZED
            if op == "create":
                return _json(raw, fake.create)
            if op == "update":
                return _json(raw, lambda body: fake.update(ids[0], body))
            if op == "get":  # create.md: an event's URL is readable without a token
                return fake.get(ids[0])
            return getattr(fake, op)(query)

        def _answer(self, status: int, body: Any, retry_after: int | None = None) -> None:
            data = json.dumps(body).encode()
            problem = isinstance(body, dict) and "type" in body and status >= 400
            try:
                self.send_response(status)
                kind = "application/problem+json" if problem else "application/json"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                if retry_after is not None:
                    self.send_header("Retry-After", str(retry_after))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a slow answer past its timeout)

    return Handler


def _route(method: str, path: str) -> tuple[str | None, tuple]:
    for verb, pattern, op in ROUTES:
        match = pattern.fullmatch(path)
        if verb == method and match:
            return op, match.groups()
    return None, ()


def _json(raw: bytes, then) -> tuple[int, Any]:
    """The request body as JSON for `then`, or the problem publiq answers (errors/type-body.md)."""
    if not raw:
        return 400, problem("body/missing", "Body missing", "The request has no body.")
    try:
        body = json.loads(raw)
    except ValueError:
        detail = "The given request body could not be parsed as JSON."
        return 400, problem("body/invalid-syntax", "Invalid body syntax", detail)
    return then(body)
