"""The `stem-listing` command line: serve the listing, upgrade its database, manage kiosks,
admin tokens, people, maintenance, stops and packs, and publish the stops to UiTdatabank.
Exit codes: 0 ok, 1 a problem to fix, 2 wrong usage or unknown name, 3 try again later.
"""

from __future__ import annotations

import argparse
from importlib.metadata import PackageNotFoundError, version

from sqlalchemy.exc import OperationalError

from listing.commands import fail, packs, people, service, stops, tokens, uit
from listing.migrate import MigrationFailed, SchemaRefused
from listing.settings import resolve_db_url


def software_version() -> str:
    try:
        return version("stem-kiosk")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stem-listing", description="The central activity listing kiosks sync to."
    )
    parser.add_argument("--version", action="version", version=f"stem-listing {software_version()}")
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: $STEM_LISTING_DB, else an SQLite file)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (service, tokens, people, stops, packs, uit):
        module.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db_url = resolve_db_url(args.db)
    try:
        return args.handler(args)
    except (SchemaRefused, MigrationFailed) as exc:
        return fail(str(exc), 1)
    except OperationalError as exc:
        return fail(f"database unavailable: {exc.orig}", 3)
