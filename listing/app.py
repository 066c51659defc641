"""The FastAPI application factory: `create_app(db_url)` builds the engine and upgrades it.

Nothing touches a database at import time; tests and the CLI each make their own app, and each
worker of `stem-listing serve --workers N` makes one with `from_environment()`.
"""

from __future__ import annotations

from fastapi import FastAPI

from listing import db, docs, errors, problems
from listing.auth import guard
from listing.maintenance import MaintenanceMiddleware
from listing.migrate import require_head, upgrade
from listing.portal import fleet, funder, kiosk, login, people, stops, tokens
from listing.portal import packs as portal_packs
from listing.portal import reports as portal_reports
from listing.portal import uit as portal_uit
from listing.routers import (
    activities,
    agenda,
    health,
    kiosks,
    packs,
    plan,
    reports,
    sessions,
    status,
    upcoming,
)
from listing.settings import Settings, resolve_db_url


def attach_database(app: FastAPI, db_url: str, *, migrate: bool = True) -> None:
    """Build the engine for `db_url`, bring it to this code's schema (or, with migrate=False,
    refuse one that is not there), and make it the app's, disposing any old one."""
    engine = db.make_engine(db_url)
    try:
        upgrade(engine) if migrate else require_head(engine)
    except Exception:
        engine.dispose()
        raise
    old = getattr(app.state, "engine", None)
    app.state.engine = engine
    if old is not None:
        old.dispose()


def create_app(db_url: str, settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    app = FastAPI(
        title="stem-kiosk listing",
        version="1",
        description="The central activity listing that stem-kiosk kiosks sync to "
        "(listing-api.md, version 1).",
    )
    attach_database(app, db_url, migrate=migrate)
    app.state.settings = settings or Settings()
    problems.install(app)
    guard.install(app)
    for module in (
        health, sessions, kiosks, plan, packs, status, activities, upcoming, agenda, reports
    ):  # fmt: skip
        app.include_router(module.router)
    for module in (
        login,
        fleet,
        kiosk,
        stops,
        portal_uit,
        portal_packs,
        portal_reports,
        funder,
        tokens,
        people,
    ):  # the portal's pages, fmt: skip
        app.include_router(module.router)
    app.include_router(login.fallback)
    docs.install(app)
    app.add_middleware(MaintenanceMiddleware)
    app.add_middleware(errors.RequestIdMiddleware)  # added last: outermost
    return app


def from_environment() -> FastAPI:
    """The app of one worker process: $STEM_LISTING_DB and the settings' variables; the
    database must already be at this code's schema (`serve` upgrades it before the workers)."""
    return create_app(resolve_db_url(None), Settings.from_environment(), migrate=False)
