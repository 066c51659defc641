"""Revision 0004: the fleet. Stops planned per kiosk, workshop packs and who carries them, each
kiosk's status reports, and the tour name a kiosk's plan carries.

Packs are stored content-addressed, their bytes in the database, so every host serves them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("kiosks") as batch:
        batch.add_column(sa.Column("tour_name", sa.String(200)))
    op.create_table(
        "stops",
        sa.Column("stop_id", sa.String(36), primary_key=True),
        sa.Column(
            "kiosk_id",
            sa.String(64),
            sa.ForeignKey("kiosks.kiosk_id", name="stops_kiosk_fk"),
            nullable=False,
        ),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("starts_at", sa.String(30)),
        sa.Column("ends_at", sa.String(30)),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("venue_type", sa.String(20), nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False),
        sa.Column("postcode", sa.String(4)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(30), nullable=False),
        sa.Column("updated_at", sa.String(30), nullable=False),
        sa.CheckConstraint("status IN ('planned', 'cancelled')", name="stops_status"),
    )
    op.create_index("stops_kiosk_date", "stops", ["kiosk_id", "date"])
    op.create_index("stops_date", "stops", ["date"])
    op.create_table(
        "stop_workshops",
        sa.Column(
            "stop_id",
            sa.String(36),
            sa.ForeignKey("stops.stop_id", name="stop_workshops_stop_fk"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("workshop_id", sa.String(64), nullable=False),
    )
    op.create_index("stop_workshops_workshop", "stop_workshops", ["workshop_id"])
    op.create_table(
        "packs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("for_all", sa.Boolean, nullable=False),
        sa.Column("uploaded_at", sa.String(30), nullable=False),
    )
    op.create_table(
        "pack_workshops",
        sa.Column(
            "sha256",
            sa.String(64),
            sa.ForeignKey("packs.sha256", name="pack_workshops_pack_fk"),
            primary_key=True,
        ),
        sa.Column("workshop_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(32)),
        sa.Column("title", sa.Text),
        sa.Column("typical_age_range", sa.String(7)),
    )
    op.create_index("pack_workshops_workshop", "pack_workshops", ["workshop_id"])
    op.create_table(
        "pack_kiosks",
        sa.Column(
            "sha256",
            sa.String(64),
            sa.ForeignKey("packs.sha256", name="pack_kiosks_pack_fk"),
            primary_key=True,
        ),
        sa.Column(
            "kiosk_id",
            sa.String(64),
            sa.ForeignKey("kiosks.kiosk_id", name="pack_kiosks_kiosk_fk"),
            primary_key=True,
        ),
    )
    op.create_index("pack_kiosks_kiosk", "pack_kiosks", ["kiosk_id"])
    op.create_table(
        "kiosk_reports",
        sa.Column(
            "kiosk_id",
            sa.String(64),
            sa.ForeignKey("kiosks.kiosk_id", name="kiosk_reports_kiosk_fk"),
            primary_key=True,
        ),
        sa.Column("reported_at", sa.String(30), primary_key=True),
        sa.Column("received_at", sa.String(30), nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
