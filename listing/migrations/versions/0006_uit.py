"""Revision 0006: what the listing remembers of each stop at UiTdatabank, per environment
(test or production, named by its Entry API URL): its event, the content UiTdatabank holds,
a create whose answer is missing, the last refusal, and the place the coordinator chose.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "uit_events",
        sa.Column(
            "stop_id",
            sa.String(36),
            sa.ForeignKey("stops.stop_id", name="uit_events_stop_fk"),
            primary_key=True,
        ),
        sa.Column("entry_url", sa.String(200), primary_key=True),
        sa.Column("state", sa.String(16)),
        sa.Column("event_id", sa.String(36)),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("unsure_since", sa.String(30)),
        sa.Column("error", sa.Text),
        sa.Column("rejected_hash", sa.String(64)),
        sa.Column("place_id", sa.String(300)),
        sa.Column("candidates", sa.Text),
        sa.Column("updated_at", sa.String(30), nullable=False),
        sa.CheckConstraint(
            "state IS NULL OR state IN ('creating', 'published', 'cancelled')",
            name="uit_events_state",
        ),
    )
