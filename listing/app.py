"""The FastAPI application factory: `create_app(db_url)` builds the engine and migrates.

Nothing touches a database at import time; tests and the CLI each make their own app.
"""

from __future__ import annotations

from fastapi import FastAPI

from listing import db, docs, problems
from listing.maintenance import MaintenanceMiddleware
from listing.migrations import migrate
from listing.routers import activities, agenda, health, kiosks, reports, sessions
from listing.security import RateLimiter
from listing.settings import Limits, maintenance_file


def attach_database(app: FastAPI, db_url: str) -> None:
    """Build the engine for `db_url`, migrate it, and make it the app's (disposing any old one)."""
    engine = db.make_engine(db_url)
    migrate(engine)
    old = getattr(app.state, "engine", None)
    app.state.engine = engine
    if old is not None:
        old.dispose()


def create_app(db_url: str, limits: Limits | None = None) -> FastAPI:
    limits = limits or Limits()
    app = FastAPI(
        title="stem-kiosk listing",
        version="1",
        description="The central activity listing that stem-kiosk kiosks sync to "
        "(listing-api.md, version 1).",
    )
    attach_database(app, db_url)
    app.state.limits = limits
    app.state.limiter = RateLimiter(limits.rate_per_minute)
    problems.install(app)
    for module in (health, sessions, kiosks, activities, agenda, reports):
        app.include_router(module.router)
    docs.install(app)
    app.add_middleware(MaintenanceMiddleware, flag=limits.maintenance_file or maintenance_file())
    return app
