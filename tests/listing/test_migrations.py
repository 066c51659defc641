"""Alembic migrations on SQLite and PostgreSQL: a first-release database is adopted with every
session intact, a fresh database equals an upgraded one, a newer one is refused, a failing step
leaves the previous revision, and two processes upgrading at once take turns.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from sqlalchemy import MetaData, Table, inspect, select, text

from listing import db
from listing.bodies import validate_snapshot
from listing.migrate import (
    SHIPPED,
    MigrationFailed,
    SchemaRefused,
    scripts,
    status,
    upgrade,
)
from listing.models.stored import StoredSession, now_text
from listing.security import hash_token
from tests.listing.schemas import another_database, reflected, upgrading_at_once
from tests.listing.snapshots import KIOSK, snapshot
from tests.support.listing_server import running_listing

HEAD = scripts().get_current_head()
TOKEN = "first-release-token"


def first_release_database(url: str, sessions: int = 25) -> list[dict]:
    """What the first release left behind: revision 0001's tables (schema_versions at 1, no
    alembic_version), a kiosk and its sessions. Returns the session rows as stored."""
    engine = db.make_engine(url)
    try:
        upgrade(engine, SHIPPED)
        with db.write(engine) as conn:
            conn.execute(text("DROP TABLE alembic_version"))
            tables = MetaData()
            kiosks = Table("kiosks", tables, autoload_with=conn)
            rows = Table("sessions", tables, autoload_with=conn)
            conn.execute(
                kiosks.insert().values(
                    kiosk_id=KIOSK, token_hash=hash_token(TOKEN), created_at=now_text()
                )
            )
            stored = [
                StoredSession.from_snapshot(
                    validate_snapshot(snapshot(new_id=True, revision=1 + i % 4)), now_text()
                ).columns()
                for i in range(sessions)
            ]
            conn.execute(rows.insert(), stored)
        return sorted(stored, key=lambda r: r["session_id"])
    finally:
        engine.dispose()


def session_rows(engine) -> list[dict]:
    with db.read(engine) as conn:
        table = Table("sessions", MetaData(), autoload_with=conn)
        found = conn.execute(select(table).order_by(table.c.session_id))
        return [dict(row._mapping) for row in found]


def test_a_first_release_database_is_adopted_with_every_session_intact(listing_db_url):
    before = first_release_database(listing_db_url)
    engine = db.make_engine(listing_db_url)
    try:
        assert status(engine).before == SHIPPED
        done = upgrade(engine)
        assert (done.before, done.after) == (SHIPPED, HEAD)
        assert session_rows(engine) == before
        with db.read(engine) as conn:
            legacy = conn.scalars(text("SELECT version FROM schema_versions ORDER BY 1")).all()
        assert legacy == [1, 2]  # the first release itself now refuses this database
        assert upgrade(engine).changed is False
    finally:
        engine.dispose()
    with running_listing(listing_db_url) as srv:
        answer = httpx.get(
            f"{srv.url}/v1/kiosks/{KIOSK}/sessions", headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert answer.status_code == 200
    held = {(s["session_id"], s["revision"]) for s in answer.json()["sessions"]}
    assert held == {(r["session_id"], r["revision"]) for r in before}


def test_a_fresh_database_at_head_equals_an_upgraded_one(listing_db_url, tmp_path):
    first_release_database(listing_db_url, sessions=3)
    upgraded = db.make_engine(listing_db_url)
    with another_database(listing_db_url, tmp_path) as fresh_url:
        fresh = db.make_engine(fresh_url)
        try:
            upgrade(upgraded)
            upgrade(fresh)
            with db.read(upgraded) as a, db.read(fresh) as b:
                left, right = reflected(a), reflected(b)
        finally:
            fresh.dispose()
            upgraded.dispose()
    assert set(left) == set(right)
    for table in left:
        assert left[table] == right[table], table
    assert {"users", "web_sessions", "login_throttle", "rate_windows", "maintenance"} <= set(left)
    assert {"last_seen_at", "software_version"} <= {c[0] for c in left["kiosks"]["columns"]}
    fleet = {"stops", "stop_workshops", "packs", "pack_workshops", "pack_kiosks", "kiosk_reports"}
    assert fleet <= set(left) and "tour_name" in {c[0] for c in left["kiosks"]["columns"]}


def test_the_code_s_tables_are_the_migrations_head(listing_db_url):
    """listing/schema.py (what the code queries) and the revisions (what builds a database)
    describe the same tables: Alembic's own comparison finds no difference."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from listing.schema import metadata

    engine = db.make_engine(listing_db_url)
    try:
        upgrade(engine)
        with db.read(engine) as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_a_database_newer_than_the_code_is_refused(listing_db_url, capsys):
    from listing.app import create_app
    from listing.cli import main

    engine = db.make_engine(listing_db_url)
    try:
        upgrade(engine)
        with db.write(engine) as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(SchemaRefused, match="newer than this listing"):
            upgrade(engine)
        with pytest.raises(SchemaRefused):
            create_app(listing_db_url)
    finally:
        engine.dispose()
    for command in (["db", "upgrade"], ["db", "current"], ["kiosk", "list"]):
        assert main(["--db", listing_db_url, *command]) == 1
        err = capsys.readouterr().err
        assert "9999" in err and "newer than this listing" in err and "Traceback" not in err


BROKEN = '''"""A step that fails halfway: it has changed the schema and the data when it breaks."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("half_done", sa.Integer))
    op.execute("DELETE FROM sessions")
    raise RuntimeError("the step breaks here")
'''


def test_a_migration_that_fails_halfway_leaves_the_previous_revision(listing_db_url, tmp_path):
    location = tmp_path / "scripts"
    shutil.copytree(Path(scripts().dir), location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "9001_broken.py").write_text(BROKEN.format(head=HEAD))
    first_release_database(listing_db_url, sessions=5)
    engine = db.make_engine(listing_db_url)
    try:
        upgrade(engine)
        before = session_rows(engine)
        with db.read(engine) as conn:
            schema_before = reflected(conn)
        with pytest.raises(MigrationFailed, match=f"still at {HEAD}") as failed:
            upgrade(engine, location=str(location))
        assert status(engine).before == HEAD
        assert session_rows(engine) == before
        with db.read(engine) as conn:
            assert reflected(conn) == schema_before
    finally:
        engine.dispose()
    if listing_db_url.startswith("sqlite"):  # the copy taken before stays for the operator
        kept = Path(str(failed.value).rsplit(" at ", 1)[1])
        assert kept.exists() and kept.stat().st_mode & 0o077 == 0
        copy = db.make_engine(f"sqlite:///{kept}")
        try:
            assert session_rows(copy) == before
        finally:
            copy.dispose()


def test_two_processes_upgrading_at_once_take_turns(listing_db_url):
    before = first_release_database(listing_db_url)
    engine = db.make_engine(listing_db_url)
    try:
        outputs = upgrading_at_once(engine, listing_db_url)
        assert status(engine).before == HEAD
        assert session_rows(engine) == before
    finally:
        engine.dispose()
    assert sorted(outputs) == [
        f"database at {HEAD}, this listing's newest revision",
        f"database upgraded from {SHIPPED} to {HEAD}",
    ]


def test_db_current_says_where_the_database_stands(listing_db_url, capsys):
    from listing.cli import main

    assert main(["--db", listing_db_url, "db", "current"]) == 0
    assert capsys.readouterr().out.startswith("none (an empty database)")
    first_release_database(listing_db_url, sessions=1)
    assert main(["--db", listing_db_url, "db", "current"]) == 0
    assert f"{SHIPPED}; this listing's newest is {HEAD}" in capsys.readouterr().out
    assert main(["--db", listing_db_url, "db", "upgrade"]) == 0
    assert f"upgraded from {SHIPPED} to {HEAD}" in capsys.readouterr().out
    assert main(["--db", listing_db_url, "db", "current"]) == 0
    assert capsys.readouterr().out.strip() == f"{HEAD} (newest)"
    engine = db.make_engine(listing_db_url)
    try:
        with db.read(engine) as conn:
            assert "alembic_version" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
