"""Kiosk status reports: the latest per kiosk by `reported_at`, and the few before it.

A report not newer than the kiosk's latest is ignored (a retry, or one overtaken on the way);
each kiosk keeps its REPORT_HISTORY newest.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, delete, func, select

from listing.models.stored_fleet import StoredReport
from listing.schema import kiosk_reports, kiosks
from listing.settings import REPORT_HISTORY


def record_report(conn: Connection, report: StoredReport) -> bool:
    """Keep the report if it is the kiosk's newest; returns whether it was kept."""
    # One report of a kiosk at a time (PostgreSQL: its row locked; SQLite: BEGIN IMMEDIATE).
    conn.execute(
        select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == report.kiosk_id).with_for_update()
    )
    newest = conn.scalar(
        select(func.max(kiosk_reports.c.reported_at)).where(
            kiosk_reports.c.kiosk_id == report.kiosk_id
        )
    )
    if newest is not None and report.reported_at <= newest:
        return False
    conn.execute(
        kiosk_reports.insert().values(
            kiosk_id=report.kiosk_id,
            reported_at=report.reported_at,
            received_at=report.received_at,
            report=json.dumps(report.report, sort_keys=True, ensure_ascii=False),
        )
    )
    oldest_kept = conn.scalar(
        select(kiosk_reports.c.reported_at)
        .where(kiosk_reports.c.kiosk_id == report.kiosk_id)
        .order_by(kiosk_reports.c.reported_at.desc())
        .offset(REPORT_HISTORY - 1)
        .limit(1)
    )
    if oldest_kept is not None:
        conn.execute(
            delete(kiosk_reports).where(
                kiosk_reports.c.kiosk_id == report.kiosk_id,
                kiosk_reports.c.reported_at < oldest_kept,
            )
        )
    return True


def recent_reports(
    conn: Connection, kiosk_id: str, limit: int = REPORT_HISTORY
) -> list[StoredReport]:
    """A kiosk's reports, newest first (the first is its latest)."""
    query = (
        select(kiosk_reports)
        .where(kiosk_reports.c.kiosk_id == kiosk_id)
        .order_by(kiosk_reports.c.reported_at.desc())
        .limit(limit)
    )
    return [_report(row) for row in conn.execute(query)]


def latest_reports(conn: Connection) -> dict[str, StoredReport]:
    """Every kiosk's latest report, by kiosk id."""
    newest = (
        select(kiosk_reports.c.kiosk_id, func.max(kiosk_reports.c.reported_at).label("at"))
        .group_by(kiosk_reports.c.kiosk_id)
        .subquery()
    )
    query = select(kiosk_reports).join(
        newest,
        (newest.c.kiosk_id == kiosk_reports.c.kiosk_id)
        & (newest.c.at == kiosk_reports.c.reported_at),
    )
    return {row.kiosk_id: _report(row) for row in conn.execute(query)}


def _report(row) -> StoredReport:
    return StoredReport(row.kiosk_id, row.reported_at, row.received_at, json.loads(row.report))
