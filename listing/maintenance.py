"""Maintenance mode: while the database says so, kiosk endpoints answer 503 with Retry-After.

`stem-listing maintenance on [--retry-after S]` before an upgrade, `maintenance off` after;
the switch is a row in the database, so every process and host answers alike.
"""

from __future__ import annotations

from anyio import to_thread

from listing import db
from listing.problems import Problem
from listing.storage import maintenance

KIOSK_PATHS = ("/v1/sessions", "/v1/kiosks", "/v1/packs")
DEFAULT_WAIT = 300


def _current(engine) -> maintenance.Maintenance | None:
    with db.read(engine) as conn:
        return maintenance.current(conn)


class MaintenanceMiddleware:
    """ASGI middleware answering 503 on kiosk paths while maintenance is on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(KIOSK_PATHS):
            state = await to_thread.run_sync(_current, scope["app"].state.engine)
            if state is not None:
                problem = Problem(
                    503,
                    "The listing is in maintenance",
                    headers={"Retry-After": str(state.retry_after)},
                )
                await problem.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)
