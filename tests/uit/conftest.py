"""Fixtures for the UiTdatabank tests: the fake of publiq's APIs on 127.0.0.1, an owner-only
secret file for it, settings and a client with short waits, an in-memory store, and a real
listing database (`listing_db`: SQLite and PostgreSQL, through `listing_db_url`)."""

from __future__ import annotations

import os
import random

import pytest

from listing.uit.client import UitClient
from listing.uit.http import Pacing
from listing.uit.publish import Settle
from tests.support.listing_server import listing_db_url
from tests.uit.examples import MemoryStore
from tests.uit.fake_uit import FakeUit
from tests.uit.listing_db import ListingDb

__all__ = ["listing_db_url"]


def write_secret(path, secret: str, mode: int = 0o600):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        f.write(secret + "\n")
    os.chmod(path, mode)
    return path


def configure(monkeypatch, uit: FakeUit, secret_file):
    """The STEM_LISTING_UIT_* variables a coordinator sets, for the fake; returns a setter
    that changes some of them (the others as they were first set)."""
    values = {
        "ENTRY_URL": uit.entry_url,
        "SEARCH_URL": uit.url + "/search",
        "TOKEN_URL": uit.settings(secret_file).token_url,
        "CLIENT_ID": uit.client_id,
        "CLIENT_SECRET_FILE": str(secret_file),
        "EVENTTYPE": "0.3.1.0.1",
        "SEARCH_WINDOW_S": "1",
    }

    def setenv(**changes):
        for name, value in {**values, **changes}.items():
            monkeypatch.setenv(f"STEM_LISTING_UIT_{name}", value)

    setenv()
    return setenv


class Sleeps(list):
    """A sleep that records how long it was asked to wait and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fast_pacing(seed: int = 0, sleep=None) -> Pacing:
    return Pacing(
        attempts=4,
        base=0.01,
        cap=0.05,
        max_wait=5.0,
        rng=random.Random(seed),
        sleep=Sleeps() if sleep is None else sleep,
    )


@pytest.fixture
def uit():
    with FakeUit() as fake:
        yield fake


@pytest.fixture
def secret_file(tmp_path, uit):
    return write_secret(tmp_path / "uit-secret", uit.secret)


@pytest.fixture
def settings(uit, secret_file):
    return uit.settings(secret_file)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def client(settings, sleeps):
    return UitClient(settings, pacing=fast_pacing(sleep=sleeps), timeout=5.0)


@pytest.fixture
def store(uit):
    return MemoryStore(uit)


@pytest.fixture
def settle():
    """Searches for a lost create's event go on for 1 s, every 20 ms (the fake lags less)."""
    return Settle(window_s=1.0, poll_s=0.02)


@pytest.fixture
def listing_db(listing_db_url):
    found = ListingDb.open(listing_db_url)
    yield found
    found.engine.dispose()
