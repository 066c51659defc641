"""SyncWorker: the kiosk's background rounds, progress for the facilitator screen, request_now."""

from __future__ import annotations

import threading
import time

from kiosk.config import Config
from kiosk.journal import journal_path
from kiosk.sync.round import DONE, NOT_CONFIGURED, SENDING, UNAUTHORIZED
from kiosk.sync.worker import SyncWorker
from tests.sync.conftest import FAST, KIOSK_ID, add_sessions
from tests.sync.faulty_proxy import STALL, FaultyProxy
from tests.sync.test_round import held, latest


def wait_for(condition, timeout: float = 20.0) -> None:
    """Poll until condition() holds (a deadline for a hung test, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_the_worker_syncs_in_the_background_and_again_when_asked(kiosk):
    with kiosk.journal() as journal:
        first, _ = add_sessions(journal, 2)
        worker = SyncWorker(kiosk.config, journal_path(kiosk.config.data_dir), **FAST).start()
        try:
            wait_for(lambda: worker.rounds >= 1)
            assert worker.progress.state == DONE
            assert (worker.progress.confirmed, worker.progress.on_kiosk) == (2, 2)
            journal.count(first, "14-17")  # the kiosk counts while the worker waits
            worker.request_now()
            wait_for(lambda: worker.rounds >= 2)
            assert worker.progress.state == DONE and worker.progress.sent == 1
            assert held(kiosk) == latest(journal)
        finally:
            worker.stop()
        assert worker.rounds == 2  # no round between: the interval is minutes


def test_a_revoked_token_shows_on_the_progress_and_stop_is_prompt(kiosk, listing):
    listing.revoke(KIOSK_ID)
    with kiosk.journal() as journal:
        add_sessions(journal, 1)
    worker = SyncWorker(kiosk.config, **FAST).start()
    wait_for(lambda: worker.rounds >= 1)
    assert worker.progress.state == UNAUTHORIZED
    assert "invalid or revoked" in worker.progress.message
    worker.stop()
    assert not any(t.name == "stem-kiosk-sync" for t in threading.enumerate())


def test_without_a_listing_the_worker_waits_quietly(tmp_path):
    worker = SyncWorker(Config(path=tmp_path / "k.yaml", data_dir=tmp_path / "d")).start()
    wait_for(lambda: worker.rounds >= 1)
    assert worker.progress.state == NOT_CONFIGURED
    worker.stop()


def test_the_kiosk_counts_while_a_round_waits_on_the_network(kiosk):
    with kiosk.journal() as journal, FaultyProxy(kiosk.config.listing_url, stall_s=4) as proxy:
        sid, _ = add_sessions(journal, 2)
        proxy.plan(STALL, path="/v1/sessions/batch")
        worker = SyncWorker(
            kiosk.pointed_at(proxy.url),
            client_options={"connect_timeout": 1.0, "read_timeout": 3.0},
            **FAST,
        ).start()
        try:
            wait_for(lambda: any(a == STALL for *_, a in proxy.log))
            assert journal.count(sid, "10-13") == 3  # durable while the batch hangs
            assert worker.rounds == 0 and worker.progress.state == SENDING
            wait_for(lambda: worker.rounds >= 1)
            assert worker.progress.state == DONE, worker.progress.message
            assert held(kiosk) == latest(journal)
        finally:
            worker.stop()
