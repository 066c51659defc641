"""Fixtures for the listing tests: a real listing over HTTP on a clean database per test.

`listing_db_url` (from tests.support) runs every test on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import warnings
from contextlib import ExitStack

import httpx
import pytest

from tests.listing.snapshots import KIOSK
from tests.support.listing_server import ListingServer, listing_db_url, running_listing

__all__ = ["listing_db_url"]


@pytest.fixture(scope="session")
def _listings():
    """One real listing per database kind for the whole run (starting uvicorn is the slow
    part); each test points it at its own fresh database."""
    with ExitStack() as stack:
        started: dict[str, ListingServer] = {}

        def listing_for(db_url: str) -> ListingServer:
            kind = db_url.split(":", 1)[0]
            if kind not in started:
                started[kind] = stack.enter_context(running_listing(db_url))
            return started[kind]

        yield listing_for


@pytest.fixture
def server(_listings, listing_db_url):
    """The real listing over HTTP, on this test's clean database."""
    srv = _listings(listing_db_url)
    srv.use_database(listing_db_url)
    yield srv
    srv.maintenance(None)
    srv.engine.dispose()


@pytest.fixture
def token(server) -> str:
    return server.add_kiosk(KIOSK)


@pytest.fixture
def client(server, token):
    """An HTTP client authenticated as the example's kiosk."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as http:
        yield http


@pytest.fixture
def anonymous(server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def validator(request, tmp_path_factory):
    """A TestClient for pure validation tests (answers 4xx before any write), one app per
    database kind and module; authenticated as the example's kiosk."""
    with warnings.catch_warnings():  # starlette's notice about httpx, not about this code
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from listing.app import create_app
    from listing.settings import Settings
    from tests.support.listing_server import postgres_schema, postgres_url_or_skip

    scratch = tmp_path_factory.mktemp("validator")

    def serve(url):
        app = create_app(url, Settings(rate_per_minute=0))
        token = ListingServer("", url, app).add_kiosk(KIOSK)
        with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as http:
            yield http
        app.state.engine.dispose()

    if request.param == "sqlite":
        yield from serve(f"sqlite:///{scratch / 'listing.db'}")
    else:
        with postgres_schema(postgres_url_or_skip()) as url:
            yield from serve(url)
