"""The `stem-listing` commands, one module per subject: the service, tokens, people, stops, packs.

Each module's `add_commands(sub)` adds its parsers; handlers take the parsed args, return the
exit code (0 ok, 1 a problem to fix, 2 wrong usage or unknown name, 3 try again later).
"""

from __future__ import annotations

import sys

from sqlalchemy import Engine

from listing import db
from listing.migrate import upgrade


def engine(args) -> Engine:
    """The database of `--db`, upgraded to this code's schema first (as `serve` would)."""
    found = db.make_engine(args.db_url)
    upgrade(found)
    return found


def fail(message: str, code: int) -> int:
    print(f"stem-listing: {message}", file=sys.stderr)
    return code
