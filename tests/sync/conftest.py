"""Sync fixtures: the real listing on 127.0.0.1, a kiosk config enrolled to it, its journal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.journal import BANDS, Journal
from kiosk.stop import Stop
from kiosk.sync.backoff import Backoff
from tests.support.listing_server import listing_db_url, running_listing

KIOSK_ID = "mobilab-test-1"
WORKSHOP = {
    "id": "reactiespel",
    "version": "1.0",
    "title": {"nl": "Reactiespel", "en": "Reaction game"},
    "typical_age_range": "10-14",
}
STOP = Stop(name="Bibliotheek Maldegem", venue_type="library", municipality="Maldegem")
__all__ = ["listing_db_url"]  # the fixture, parametrised over sqlite and postgresql

FAST = {"backoff": Backoff(base=0.01, cap=0.05), "attempts": 4}  # round options for tests


@pytest.fixture
def listing(tmp_path):
    """The real listing service on SQLite, on a free port of 127.0.0.1."""
    with running_listing(f"sqlite:///{tmp_path / 'listing.sqlite3'}") as server:
        yield server


@dataclass
class Kiosk:
    config: Config
    token: str

    def journal(self) -> Journal:
        return Journal.for_config(self.config)

    def pointed_at(self, url: str) -> Config:
        """The same kiosk, syncing through another URL (e.g. a faulty proxy)."""
        return Config(**{**self.config.__dict__, "listing_url": url})


def write_token(path: Path, token: str, mode: int = 0o600) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    os.chmod(path, mode)
    return path


def write_config(config: Config) -> Path:
    """The config as a kiosk.yaml, for CLI tests."""
    text = f"kiosk_id: {config.kiosk_id}\ndata_dir: {config.data_dir}\n"
    if config.listing_url:
        text += f"listing:\n  url: {config.listing_url}\n  token_file: {config.token_file}\n"
    config.path.write_text(text)
    return config.path


def enroll(tmp_path: Path, server) -> Kiosk:
    """A kiosk with a config and an owner-only token file for this listing."""
    token = server.add_kiosk(KIOSK_ID)
    config = Config(
        path=tmp_path / "kiosk.yaml",
        kiosk_id=KIOSK_ID,
        data_dir=tmp_path / "data",
        listing_url=server.url,
        token_file=write_token(tmp_path / "token", token),
    )
    write_config(config)
    return Kiosk(config, token)


@pytest.fixture
def kiosk(tmp_path, listing) -> Kiosk:
    return enroll(tmp_path, listing)


def add_sessions(journal: Journal, n: int, taps: int = 2) -> list[str]:
    """n sessions with a few participants each."""
    ids = []
    for i in range(n):
        sid = journal.start_session(WORKSHOP, STOP)
        for t in range(taps):
            journal.count(sid, BANDS[(i + t) % len(BANDS)])
        ids.append(sid)
    return ids


@pytest.fixture
def any_listing(listing_db_url):
    """The real listing on SQLite and (when there is one) on PostgreSQL."""
    with running_listing(listing_db_url) as server:
        yield server
