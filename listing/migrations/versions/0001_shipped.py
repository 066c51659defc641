"""Revision 0001: exactly the schema the first release shipped, frozen as literal tables.

Never edit this file. Databases made by that release (schema_versions at 1) are adopted here.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    versions = op.create_table(
        "schema_versions",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("applied_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "kiosks",
        sa.Column("kiosk_id", sa.String(64), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("revoked_at", sa.String(40)),
    )
    op.create_table(
        "admin_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("revoked_at", sa.String(40)),
    )
    op.create_table(
        "sessions",
        sa.Column("session_id", sa.String(36), primary_key=True),
        sa.Column("kiosk_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("workshop_id", sa.String(64), nullable=False),
        sa.Column("workshop_version", sa.String(32), nullable=False),
        sa.Column("workshop_title", sa.Text, nullable=False),
        sa.Column("typical_age_range", sa.String(7), nullable=False),
        sa.Column("stop_name", sa.String(200), nullable=False),
        sa.Column("venue_type", sa.String(20), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(4)),
        sa.Column("started_at", sa.String(30), nullable=False),
        sa.Column("ended_at", sa.String(30)),
        sa.Column("time_source", sa.String(10), nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("band_0_9", sa.BigInteger, nullable=False),
        sa.Column("band_10_13", sa.BigInteger, nullable=False),
        sa.Column("band_14_17", sa.BigInteger, nullable=False),
        sa.Column("band_18", sa.BigInteger, nullable=False),
        sa.Column("band_unknown", sa.BigInteger, nullable=False),
        sa.Column("gender_girl", sa.BigInteger),
        sa.Column("gender_boy", sa.BigInteger),
        sa.Column("gender_x", sa.BigInteger),
        sa.Column("gender_unstated", sa.BigInteger),
        sa.Column("returning_count", sa.BigInteger),
        sa.Column("progress_steps", sa.BigInteger),
        sa.Column("progress_checks_passed", sa.BigInteger),
        sa.Column("received_at", sa.String(30), nullable=False),
    )
    op.create_index("sessions_kiosk", "sessions", ["kiosk_id"])
    op.create_index("sessions_started", "sessions", ["started_at"])
    # The first release recorded its one migration here.
    op.bulk_insert(versions, [{"version": 1, "applied_at": datetime.now(UTC).isoformat()}])
