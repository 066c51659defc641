"""A request id on every answer, and any unhandled error as a 500 problem with no internals.

The id (a sane incoming `X-Request-ID`, else a new one) is in the error's log line and answer.
"""

from __future__ import annotations

import logging
import re
import uuid

from starlette.datastructures import MutableHeaders

from listing.problems import Problem

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
log = logging.getLogger("listing.errors")


def request_id(scope) -> str:
    """The caller's request id if it is a short plain token, else a new one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if _SANE.fullmatch(text):
                return text
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost of the listing's own middleware (only Starlette's last-resort handler sits
    outside it), so every answer, errors included, carries the id."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def send_with_id(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("request %s failed: %s %s", rid, scope["method"], scope["path"])
            if started:  # half an answer is out: the server ends the connection
                return
            problem = Problem(500, f"Something went wrong on the listing (request {rid}).")
            await problem.response()(scope, receive, send_with_id)
