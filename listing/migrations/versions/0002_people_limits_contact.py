"""Revision 0002: people who log in, limits shared by every process, and kiosk contact.

Users, their web sessions and login throttling; the per-kiosk rate windows and the maintenance
switch (in the database, so every process and host sees them); when each kiosk was last heard
from and its software version; a short prefix of new admin tokens so they can be revoked.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("kiosks") as batch:
        batch.add_column(sa.Column("last_seen_at", sa.String(30)))
        batch.add_column(sa.Column("software_version", sa.String(32)))
    with op.batch_alter_table("admin_tokens") as batch:
        batch.add_column(sa.Column("token_prefix", sa.String(8)))
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(30), nullable=False),
        sa.Column("password_set_at", sa.String(30), nullable=False),
    )
    op.create_table(
        "web_sessions",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_name", sa.String(64), sa.ForeignKey("users.name", name="web_sessions_user_fk")
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(30), nullable=False),
        sa.Column("last_seen_at", sa.String(30), nullable=False),
    )
    op.create_index("web_sessions_user", "web_sessions", ["user_name"])
    op.create_index("web_sessions_seen", "web_sessions", ["last_seen_at"])
    op.create_table(
        "login_throttle",
        sa.Column("bucket", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("window_start", sa.String(30), nullable=False),
    )
    op.create_table(
        "rate_windows",
        sa.Column("bucket", sa.String(100), primary_key=True),
        sa.Column("minute", sa.BigInteger, nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.Column("previous", sa.Integer, nullable=False),
    )
    op.create_table(
        "maintenance",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("retry_after", sa.Integer, nullable=False),
        sa.Column("since", sa.String(30), nullable=False),
        sa.CheckConstraint("id = 1", name="maintenance_one_row"),
    )
    # A release from before Alembic checks schema_versions only: at 2 it refuses this database
    # ("newer than this listing") instead of running on a schema it does not know.
    legacy = sa.table("schema_versions", sa.column("version"), sa.column("applied_at"))
    op.bulk_insert(legacy, [{"version": 2, "applied_at": datetime.now(UTC).isoformat()}])
