"""The fleet part of a sync round, over loopback to the real listing on SQLite: what the plan
check costs in a round with nothing new (a 304) against the same round without it, and a 5 MiB
pack and one just under the contract's 50 MiB from download to installed. Each is also given as
a ratio to a bare download (requests) of the same bytes from the same server.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import requests

from kiosk.config import Config
from kiosk.core.packstore import packs_dir
from kiosk.journal import Journal
from kiosk.sync.client import ListingClient
from kiosk.sync.round import DONE, Round
from tests.fleet.desk import Desk
from tests.fleet.packs import photo_pack
from tests.support.listing_server import running_listing
from tests.sync.conftest import STOP, WORKSHOP, write_token

KIOSK = "bench-fleet"
ROUNDS = 30
PACKS = ((5, 7), (49.9, 3))  # (MiB, installs timed)


def run(report) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as scratch:
        root = Path(scratch)
        with running_listing(f"sqlite:///{root / 'listing.db'}") as srv:
            desk = Desk(srv)
            token = srv.add_kiosk(KIOSK)
            config = Config(path=root / "kiosk.yaml", kiosk_id=KIOSK, data_dir=root / "data",
                            listing_url=srv.url,
                            token_file=write_token(root / "token", token))  # fmt: skip
            desk.add_stop(KIOSK, "2027-02-12", "Bib Maldegem", workshops=["reactiespel"])
            plan_check(report, config, token)
            for mib, installs in PACKS:
                big = photo_pack(mib)
                sha = desk.add_pack(big, f"groot-{mib}")
                pack_install(report, config, token, sha, len(big), mib, installs)
                desk.remove_pack(sha)


def plan_check(report, config: Config, token: str) -> None:
    """Rounds with nothing new: sessions all confirmed, the plan unchanged (304)."""
    with Journal.for_config(config) as journal, ListingClient(config.listing_url, token) as client:
        for _ in range(20):
            journal.count(journal.start_session(WORKSHOP, STOP), "14-17")
        assert _round(journal, client, config) and _round(journal, client, None)  # warm up
        bare, plain, fleet = [], [], []
        url = f"{config.listing_url}/v1/kiosks/{KIOSK}/plan"
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {token}"
        for _ in range(ROUNDS):
            bare.append(_timed(lambda: http.get(url, timeout=10).raise_for_status()))
            plain.append(_timed(lambda: _round(journal, client, None)))
            fleet.append(_timed(lambda: _round(journal, client, config)))
    bare_s, plain_s, fleet_s = (statistics.median(x) for x in (bare, plain, fleet))
    report.row("a round with nothing new, with the plan check", fleet_s * 1000, "ms",
               baseline=plain_s * 1000, goal="(baseline: the same round without it)")  # fmt: skip
    extra_ms = (fleet_s - plain_s) * 1000
    bare = "(baseline: a bare GET of the plan's bytes)"
    report.row("extra cost of the plan check and status (304)", extra_ms, "ms",
               baseline=bare_s * 1000, goal=bare)  # fmt: skip


def pack_install(report, config: Config, token: str, sha: str, size: int, mib: float,
                 installs: int) -> None:  # fmt: skip
    """A pack of `mib` MiB: downloaded, checked, unpacked, checked as an import, installed."""
    url = f"{config.listing_url}/v1/packs/{sha}"
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    bare, whole = [], []
    with Journal.for_config(config) as journal, ListingClient(config.listing_url, token) as client:
        for _ in range(installs):
            bare.append(_timed(lambda: _download(http, url, size)))
            shutil.rmtree(packs_dir(config.data_dir), ignore_errors=True)
            (config.data_dir / "packs.json").unlink(missing_ok=True)
            whole.append(_timed(lambda: _round(journal, client, config)))
            plain = _timed(lambda: _round(journal, client, None))
            whole[-1] -= plain  # the pack's own share of the round
            assert (packs_dir(config.data_dir) / sha).is_dir()
    report.row(f"a {mib} MiB pack from download to installed", statistics.median(whole), "s",
               baseline=statistics.median(bare), goal="(baseline: a bare download)")  # fmt: skip


def _round(journal, client, config) -> bool:
    done = Round(journal, client, KIOSK, config=config).run()
    assert done.state == DONE, done.message
    return True


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _download(http: requests.Session, url: str, size: int) -> None:
    got = 0
    with http.get(url, stream=True, timeout=30) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_content(64 * 1024):
            got += len(chunk)
    assert got == size
