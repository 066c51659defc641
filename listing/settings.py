"""Where the listing keeps its database, the limits it enforces and how it treats browsers.

One place for every setting: the contract's limits, and what the environment may change (each
worker process of `serve --workers N` reads the same environment).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_BODY_BYTES = 1_048_576  # the contract's 1 MiB, chunked bodies too
BATCH_MAX = 500
MAX_REVISION = 2**53 - 1
PUBLIC_DETAIL_MIN = 5  # a smaller age band is never named on a public view: "other ages"
PACK_MAX_BYTES = 50 * 1_048_576  # the contract's largest pack
PLAN_DAYS_BACK = 30  # a kiosk's plan holds its stops from this many days ago on
UPCOMING_DAYS = 56  # the agenda page shows the planned stops of the coming eight weeks...
UPCOMING_MAX = 100  # ...at most this many
REPORT_HISTORY = 50  # status reports kept per kiosk (the newest by reported_at)
CONTACT_EVERY_S = 60  # "last heard from" is written at most once a minute per kiosk
DB_ENV = "STEM_LISTING_DB"
RATE_ENV = "STEM_LISTING_RATE_LIMIT"
IDLE_ENV = "STEM_LISTING_IDLE_MINUTES"
SECURE_ENV = "STEM_LISTING_SECURE_COOKIES"
SILENT_ENV = "STEM_LISTING_SILENT_DAYS"
TIMEZONE = "Europe/Brussels"  # the agenda's dates and the monthly reports


def data_dir() -> Path:
    """The user's data directory for the listing ($XDG_DATA_HOME/stem-listing)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stem-listing"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'listing.db'}"


def resolve_db_url(cli_value: str | None) -> str:
    """`--db URL`, else $STEM_LISTING_DB, else an SQLite file in the user's data directory."""
    return cli_value or os.environ.get(DB_ENV) or default_db_url()


@dataclass(frozen=True)
class Settings:
    """Request limits and browser sessions; tests may change them."""

    max_body: int = MAX_BODY_BYTES
    rate_per_minute: int = 1200  # per kiosk token, across every process; 0: no limit
    idle_minutes: int = 60  # a portal session unused this long has ended
    secure_cookies: bool = False  # True: cookies say Secure even without X-Forwarded-Proto
    silent_days: int = 3  # a kiosk not heard from for longer stands out on the fleet page

    @classmethod
    def from_environment(cls) -> Settings:
        """$STEM_LISTING_RATE_LIMIT, $STEM_LISTING_IDLE_MINUTES, $STEM_LISTING_SECURE_COOKIES,
        $STEM_LISTING_SILENT_DAYS."""
        default = cls()
        return cls(
            rate_per_minute=_number(RATE_ENV, default.rate_per_minute),
            idle_minutes=max(1, _number(IDLE_ENV, default.idle_minutes)),
            secure_cookies=os.environ.get(SECURE_ENV, "").lower() in ("1", "yes", "true"),
            silent_days=max(1, _number(SILENT_ENV, default.silent_days)),
        )


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ValueError(f"${name} must be a whole number ≥ 0, not {value!r}")
    return int(value)
