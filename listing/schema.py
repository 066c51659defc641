"""The listing's tables, as SQLAlchemy Core metadata (the latest version of the schema).

Migrations in `migrations.py` bring a database to this shape; nothing else creates tables.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

schema_versions = Table(
    "schema_versions",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

admin_tokens = Table(
    "admin_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

# Times are stored as UTC text "YYYY-MM-DDTHH:MM:SS.ffffffZ": sortable, exact, the same on both
# databases.
sessions = Table(
    "sessions",
    metadata,
    Column("session_id", String(36), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("workshop_id", String(64), nullable=False),
    Column("workshop_version", String(32), nullable=False),
    Column("workshop_title", Text, nullable=False),  # the language map as JSON
    Column("typical_age_range", String(7), nullable=False),
    Column("stop_name", String(200), nullable=False),
    Column("venue_type", String(20), nullable=False),
    Column("municipality", String(200), nullable=False),
    Column("postcode", String(4)),
    Column("started_at", String(30), nullable=False),
    Column("ended_at", String(30)),
    Column("time_source", String(10), nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("band_0_9", BigInteger, nullable=False),
    Column("band_10_13", BigInteger, nullable=False),
    Column("band_14_17", BigInteger, nullable=False),
    Column("band_18", BigInteger, nullable=False),
    Column("band_unknown", BigInteger, nullable=False),
    Column("gender_girl", BigInteger),
    Column("gender_boy", BigInteger),
    Column("gender_x", BigInteger),
    Column("gender_unstated", BigInteger),
    Column("returning_count", BigInteger),
    Column("progress_steps", BigInteger),
    Column("progress_checks_passed", BigInteger),
    Column("received_at", String(30), nullable=False),
    Index("sessions_kiosk", "kiosk_id"),
    Index("sessions_started", "started_at"),
)
