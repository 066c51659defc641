"""Where the listing keeps its database and the limits it enforces.

One place for every setting: the database URL resolution and the contract's size limits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_BODY_BYTES = 1_048_576  # the contract's 1 MiB, chunked bodies too
BATCH_MAX = 500
MAX_REVISION = 2**53 - 1
PUBLIC_DETAIL_MIN = 5  # fewer participants: public views show the total only
DB_ENV = "STEM_LISTING_DB"


def data_dir() -> Path:
    """The user's data directory for the listing ($XDG_DATA_HOME/stem-listing)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stem-listing"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'listing.db'}"


def resolve_db_url(cli_value: str | None) -> str:
    """`--db URL`, else $STEM_LISTING_DB, else an SQLite file in the user's data directory."""
    return cli_value or os.environ.get(DB_ENV) or default_db_url()


def maintenance_file() -> Path:
    """While this file exists kiosks get 503; it may hold the Retry-After seconds."""
    return data_dir() / "maintenance"


@dataclass(frozen=True)
class Limits:
    """Request limits and the maintenance switch; tests may change them."""

    max_body: int = MAX_BODY_BYTES
    rate_per_minute: int = 1200  # per kiosk token; 0 switches rate limiting off
    maintenance_file: Path | None = None  # None: settings.maintenance_file()


TIMEZONE = "Europe/Brussels"  # the agenda's dates and the monthly reports
