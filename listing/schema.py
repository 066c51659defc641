"""The listing's tables, as SQLAlchemy Core metadata: the schema at the newest revision.

The revisions in `listing/migrations/versions/` build it; a test keeps the two in step.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()
# Every session column a report reads besides started_at (the covering index below).
REPORTED = (
    "status", "total", "band_0_9", "band_10_13", "band_14_17", "band_18", "band_unknown",
    "gender_girl", "gender_boy", "gender_x", "gender_unstated", "returning_count",
    "venue_type", "municipality", "kiosk_id", "workshop_id", "progress_creations",
)  # fmt: skip

# The first release's version record, kept so that release refuses newer databases.
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
    Column("last_seen_at", String(30)),  # the last authenticated request, to the minute
    Column("software_version", String(32)),  # from its User-Agent: stem-kiosk/<version>
    Column("tour_name", String(200)),  # the plan's tour, set by `stem-listing kiosk tour`
)

admin_tokens = Table(
    "admin_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Column("token_prefix", String(8)),  # the token's first characters, to name it when revoking
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
    Column("progress_creations", BigInteger),  # revision 0007
    Column("received_at", String(30), nullable=False),
    Index("sessions_kiosk_started", "kiosk_id", "started_at"),
    # On PostgreSQL it covers what reports sum (storage.tallies), so they read the index alone.
    Index("sessions_report", "started_at", postgresql_include=list(REPORTED)),
    Index("sessions_venue", "venue_type", "started_at"),
    Index("sessions_municipality", "municipality", "started_at"),
    Index("sessions_workshop", "workshop_id", "started_at"),
)

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # coordinator | admin
    Column("password_hash", String(200), nullable=False),  # scrypt with its parameters
    Column("created_at", String(30), nullable=False),
    Column("password_set_at", String(30), nullable=False),
)

# Browser sessions, server-side: the cookie holds a secret whose sha256 is the key. A row
# without a user is a login form's session (it carries the form's CSRF token).
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name", name="web_sessions_user_fk")),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", String(30), nullable=False),
    Column("last_seen_at", String(30), nullable=False),
    Index("web_sessions_user", "user_name"),
    Index("web_sessions_seen", "last_seen_at"),
)

# Failed logins per "user:NAME" and per "address:IP" in the current window.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("bucket", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", String(30), nullable=False),
)

# Requests per kiosk in this minute and the one before (a sliding-window counter).
rate_windows = Table(
    "rate_windows",
    metadata,
    Column("bucket", String(100), primary_key=True),
    Column("minute", BigInteger, nullable=False),  # minutes since the epoch
    Column("hits", Integer, nullable=False),
    Column("previous", Integer, nullable=False),
)

# One row while the listing is in maintenance: kiosks get 503 with Retry-After.
maintenance = Table(
    "maintenance",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("retry_after", Integer, nullable=False),
    Column("since", String(30), nullable=False),
    CheckConstraint("id = 1", name="maintenance_one_row"),
)

# The fleet (revision 0004): what the coordinator plans for the kiosks and what they report.
# A stop is one day of one kiosk somewhere; its stop_id (a UUID made here) never changes, so
# other records (UiTdatabank's events) can hang on it. Its times are UTC text or NULL.
stops = Table(
    "stops",
    metadata,
    Column("stop_id", String(36), primary_key=True),
    Column(
        "kiosk_id", String(64), ForeignKey("kiosks.kiosk_id", name="stops_kiosk_fk"), nullable=False
    ),
    Column("date", String(10), nullable=False),  # YYYY-MM-DD, the local date (Europe/Brussels)
    Column("starts_at", String(30)),
    Column("ends_at", String(30)),
    Column("name", String(200), nullable=False),
    Column("venue_type", String(20), nullable=False),
    Column("municipality", String(200), nullable=False),
    Column("postcode", String(4)),
    Column("status", String(16), nullable=False),
    Column("created_at", String(30), nullable=False),
    Column("updated_at", String(30), nullable=False),
    CheckConstraint("status IN ('planned', 'cancelled')", name="stops_status"),
    Index("stops_kiosk_date", "kiosk_id", "date"),
    Index("stops_date", "date"),
)

# The workshops planned for a stop, in the coordinator's order; none at all means "any".
stop_workshops = Table(
    "stop_workshops",
    metadata,
    Column(
        "stop_id",
        String(36),
        ForeignKey("stops.stop_id", name="stop_workshops_stop_fk"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("workshop_id", String(64), nullable=False),
    Index("stop_workshops_workshop", "workshop_id"),
)

# Workshop packs, content-addressed: the zip's own bytes in the database, so every host of the
# listing serves the same ones. A name names one pack at a time.
packs = Table(
    "packs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("for_all", Boolean, nullable=False),  # every kiosk's
    Column("uploaded_at", String(30), nullable=False),
)

# What each pack holds, read from its workshop files at upload (title: a language map as JSON).
pack_workshops = Table(
    "pack_workshops",
    metadata,
    Column(
        "sha256",
        String(64),
        ForeignKey("packs.sha256", name="pack_workshops_pack_fk"),
        primary_key=True,
    ),
    Column("workshop_id", String(64), primary_key=True),
    Column("version", String(32)),
    Column("title", Text),
    Column("typical_age_range", String(7)),
    Index("pack_workshops_workshop", "workshop_id"),
)

# The kiosks a pack is assigned to (besides packs.for_all).
pack_kiosks = Table(
    "pack_kiosks",
    metadata,
    Column(
        "sha256",
        String(64),
        ForeignKey("packs.sha256", name="pack_kiosks_pack_fk"),
        primary_key=True,
    ),
    Column(
        "kiosk_id",
        String(64),
        ForeignKey("kiosks.kiosk_id", name="pack_kiosks_kiosk_fk"),
        primary_key=True,
    ),
    Index("pack_kiosks_kiosk", "kiosk_id"),
)

# Each kiosk's status reports, newest by reported_at first: the latest is the kiosk's state,
# the few before it its recent history (storage.reports keeps HISTORY of them per kiosk).
kiosk_reports = Table(
    "kiosk_reports",
    metadata,
    Column(
        "kiosk_id",
        String(64),
        ForeignKey("kiosks.kiosk_id", name="kiosk_reports_kiosk_fk"),
        primary_key=True,
    ),
    Column("reported_at", String(30), primary_key=True),
    Column("received_at", String(30), nullable=False),
    Column("report", Text, nullable=False),  # the report as validated, JSON
)

# The listing's reason for the newest snapshot of a session it refused (a rejected batch item
# or PUT), per kiosk; gone once the session is accepted. The portal shows them with the fleet.
session_refusals = Table(
    "session_refusals",
    metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("session_id", String(64), primary_key=True),  # as sent (lower case)
    Column("revision", BigInteger),  # as sent, where it could be read
    Column("status", Integer, nullable=False),  # the problem's status: 403, 409, 422
    Column("detail", Text, nullable=False),
    Column("refused_at", String(30), nullable=False),
    Index("session_refusals_when", "kiosk_id", "refused_at"),
)

# UiTdatabank (revision 0006): per stop and UiTdatabank environment (its Entry API URL, so
# the test environment's events never stand in for production's), what listing.uit.publish
# remembers (listing.uit.publish.UitRecord: state, event, content hash, a create whose answer
# is missing since unsure_since, the last error and the content refused), the place the
# coordinator chose (an @id URL or a UUID) and, while no single place fits, the candidates
# found (JSON: [{"id", "name", "address"}]).
uit_events = Table(
    "uit_events",
    metadata,
    Column(
        "stop_id",
        String(36),
        ForeignKey("stops.stop_id", name="uit_events_stop_fk"),
        primary_key=True,
    ),
    Column("entry_url", String(200), primary_key=True),
    Column("state", String(16)),  # NULL (nothing sent), creating, published, cancelled
    Column("event_id", String(36)),
    Column("content_hash", String(64)),
    Column("unsure_since", String(30)),  # UTC text
    Column("error", Text),
    Column("rejected_hash", String(64)),
    Column("place_id", String(300)),
    Column("candidates", Text),
    Column("updated_at", String(30), nullable=False),
    CheckConstraint(
        "state IS NULL OR state IN ('creating', 'published', 'cancelled')",
        name="uit_events_state",
    ),
)
