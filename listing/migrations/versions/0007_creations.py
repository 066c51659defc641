"""Revision 0007: how many of their own inventions youth saved in maker mode during a session
(the journal's `progress.creations`, a count only), summed by the reports; on PostgreSQL the
report index covers it too, so reports still read the index alone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.add_column("sessions", sa.Column("progress_creations", sa.BigInteger))
    op.drop_index("sessions_report", "sessions")
    op.create_index(
        "sessions_report",
        "sessions",
        ["started_at"],
        postgresql_include=[
            "status", "total", "band_0_9", "band_10_13", "band_14_17", "band_18",
            "band_unknown", "gender_girl", "gender_boy", "gender_x", "gender_unstated",
            "returning_count", "venue_type", "municipality", "kiosk_id", "workshop_id",
            "progress_creations",
        ],
    )  # fmt: skip
