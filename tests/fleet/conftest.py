"""Fleet fixtures: the real listing on 127.0.0.1 behind a fault proxy, the coordinator's desk
(stops and packs for a kiosk), and a kiosk enrolled to it whose rounds go through the proxy."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from devices.kitconfig import load_kit
from kiosk.config import Config
from kiosk.core.packstore import installed
from kiosk.library import load_library, shipped_dir
from kiosk.sync.once import sync_once
from kiosk.sync.round import SyncProgress
from tests.fleet.injector import PackInjector
from tests.fleet.stand_in import StandIn
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
    desk: StandIn
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

    def requests(self, path: str) -> list[str]:
        """What the proxy did with each request whose path starts with `path`."""
        return [action for _, p, action in self.proxy.log if p.startswith(path)]


@pytest.fixture
def fleet(tmp_path, listing):
    kiosk = enroll(tmp_path, listing)
    desk = StandIn(listing.url)
    injector = PackInjector(desk)
    with FaultyProxy(listing.url, answer=injector, stall_s=2.5) as proxy:
        config = kiosk.pointed_at(proxy.url)
        write_config(config)
        yield Fleet(kiosk, desk, proxy, config, injector)
