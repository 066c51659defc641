"""Fleet fixtures: the real listing on 127.0.0.1 behind a fault proxy (which can also slip in
packs the listing would never take), the coordinator's desk on that listing, and a kiosk
enrolled to it whose rounds go through the proxy."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from devices.kitconfig import load_kit
from kiosk.config import Config
from kiosk.core.packstore import installed, packs_dir
from kiosk.library import load_library, shipped_dir
from kiosk.sync.once import sync_once
from kiosk.sync.round import SyncProgress
from tests.fleet.desk import Desk
from tests.fleet.injector import PackInjector
from tests.sync.conftest import FAST, KIOSK_ID, Kiosk, enroll, listing, write_config
from tests.sync.faulty_proxy import FaultyProxy

__all__ = ["KIOSK_ID", "listing"]
SHORT = {"client_options": {"connect_timeout": 1.0, "read_timeout": 2.0}}


@pytest.fixture(scope="session")
def library():
    return load_library([shipped_dir()], load_kit()[0])


@dataclass
class Fleet:
    """One kiosk of the fleet: its config (through the proxy), the desk, the proxy."""

    kiosk: Kiosk
    desk: Desk
    proxy: FaultyProxy
    config: Config
    injector: PackInjector

    def sync(self, **options) -> SyncProgress:
        return sync_once(self.config, **{**FAST, **SHORT, **options})

    def inject(self, data: bytes, name: str) -> str:
        """A pack the listing would not take, served as if its plan listed it."""
        return self.injector.add(data, name)

    def installed(self) -> list[str]:
        return installed(self.config.data_dir)

    def pack_state(self, sha: str) -> dict:
        """The pack as the listing's latest report of the kiosk has it (no detail: none said)."""
        found = next(p for p in self.desk.report(KIOSK_ID)["packs"] if p["sha256"] == sha)
        return {k: v for k, v in found.items() if v is not None}

    def no_scratch(self) -> bool:
        """Nothing half-done beside the packs: no download, stage or removal left over."""
        folder = packs_dir(self.config.data_dir)
        return not folder.exists() or not [p for p in folder.iterdir() if p.name.startswith(".")]

    def requests(self, path: str) -> list[str]:
        """What the proxy did with each request whose path starts with `path`."""
        return [action for _, p, action in self.proxy.log if p.startswith(path)]


@pytest.fixture
def fleet(tmp_path, listing):
    kiosk = enroll(tmp_path, listing)
    injector = PackInjector(listing.url)
    with FaultyProxy(listing.url, answer=injector, stall_s=2.5) as proxy:
        config = kiosk.pointed_at(proxy.url)
        write_config(config)
        yield Fleet(kiosk, Desk(listing), proxy, config, injector)
