"""Maintenance mode: while a flag file exists, kiosk endpoints answer 503 with Retry-After.

`touch` the file (optionally holding the seconds to wait) before an upgrade; remove it after.
"""

from __future__ import annotations

from pathlib import Path

from listing.problems import Problem

KIOSK_PATHS = ("/v1/sessions", "/v1/kiosks")
DEFAULT_WAIT = 300


def retry_after(flag: Path) -> int | None:
    """Seconds kiosks should wait, or None when not in maintenance."""
    try:
        content = flag.read_text().strip()
    except FileNotFoundError:
        return None
    except OSError:
        return DEFAULT_WAIT
    return int(content) if content.isdigit() and int(content) > 0 else DEFAULT_WAIT


class MaintenanceMiddleware:
    """ASGI middleware answering 503 on kiosk paths while `flag` exists."""

    def __init__(self, app, flag: Path):
        self.app = app
        self.flag = flag

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(KIOSK_PATHS):
            wait = retry_after(self.flag)
            if wait is not None:
                problem = Problem(
                    503, "The listing is in maintenance", headers={"Retry-After": str(wait)}
                )
                await problem.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)
