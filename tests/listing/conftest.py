"""Fixtures for the listing tests: a real listing over HTTP on a clean database per test.

`listing_db_url` (from tests.support) runs every test on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import httpx
import pytest

from tests.listing.snapshots import KIOSK
from tests.support.listing_server import listing_db_url, running_listing

__all__ = ["listing_db_url"]


@pytest.fixture
def server(listing_db_url):
    with running_listing(listing_db_url) as srv:
        yield srv


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
