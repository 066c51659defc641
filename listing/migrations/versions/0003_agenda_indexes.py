"""Revision 0003: indexes the agenda needs at a million sessions (see bench_listing_scale).

Its filters list each municipality and workshop by probing these indexes, and a filtered page
reads the newest sessions of one municipality or workshop straight from them.
"""

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_index("sessions_municipality", "sessions", ["municipality", "started_at"])
    op.create_index("sessions_workshop", "sessions", ["workshop_id", "started_at"])
