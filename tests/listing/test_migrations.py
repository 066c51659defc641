"""Versioned migrations: applied once, recorded, idempotent; a newer database is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from listing import db
from listing.migrations import MIGRATIONS, SchemaTooNew, migrate
from listing.schema import schema_versions


def test_migrations_apply_once_and_are_recorded(listing_db_url):
    engine = db.make_engine(listing_db_url)
    try:
        latest = MIGRATIONS[-1][0]
        assert migrate(engine) == latest
        assert migrate(engine) == latest
        with db.read(engine) as conn:
            versions = conn.scalars(select(schema_versions.c.version)).all()
            tables = set(inspect(conn).get_table_names())
        assert versions == [v for v, _ in MIGRATIONS]
        assert {"kiosks", "admin_tokens", "sessions", "schema_versions"} <= tables
    finally:
        engine.dispose()


def test_a_database_from_a_newer_listing_is_refused(listing_db_url):
    engine = db.make_engine(listing_db_url)
    try:
        migrate(engine)
        with db.write(engine) as conn:
            conn.execute(schema_versions.insert().values(version=999, applied_at="later"))
        with pytest.raises(SchemaTooNew):
            migrate(engine)
    finally:
        engine.dispose()
