"""Revision 0005: what the portal needs. The listing's reasons for the sessions it refused, per
kiosk (the fleet's "needing attention, and why"), and indexes for its pages at a million
sessions: a kiosk's sessions newest first, reports narrowed to a kiosk or a venue type, and on
PostgreSQL the index on started_at covering every column a report sums (read from the index
alone; SQLite makes it a plain index on started_at, as the one it replaces).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "session_refusals",
        sa.Column("kiosk_id", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("revision", sa.BigInteger),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("refused_at", sa.String(30), nullable=False),
    )
    op.create_index("session_refusals_when", "session_refusals", ["kiosk_id", "refused_at"])
    op.drop_index("sessions_kiosk", "sessions")
    op.drop_index("sessions_started", "sessions")
    op.create_index(
        "sessions_report",
        "sessions",
        ["started_at"],
        postgresql_include=[
            "status", "total", "band_0_9", "band_10_13", "band_14_17", "band_18",
            "band_unknown", "gender_girl", "gender_boy", "gender_x", "gender_unstated",
            "returning_count", "venue_type", "municipality", "kiosk_id", "workshop_id",
        ],
    )  # fmt: skip
    op.create_index("sessions_kiosk_started", "sessions", ["kiosk_id", "started_at"])
    op.create_index("sessions_venue", "sessions", ["venue_type", "started_at"])
