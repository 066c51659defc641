"""One sync at a time: the lock holds across threads and processes, and `sync` says busy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.sync.lock import SyncBusy, SyncLock
from kiosk.sync.once import sync_once
from kiosk.sync.round import BUSY, DONE
from tests.sync.conftest import FAST, add_sessions

HOLDER = """
import sys
from kiosk.sync.lock import SyncLock
with SyncLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    with SyncLock(tmp_path), pytest.raises(SyncBusy), SyncLock(tmp_path):
        pass
    with SyncLock(tmp_path):  # released: free again
        pass


def test_a_sync_in_another_process_keeps_this_one_out(kiosk, capsys):
    with kiosk.journal() as journal:
        add_sessions(journal, 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(kiosk.config.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert sync_once(kiosk.config, **FAST).state == BUSY
        assert main(["--config", str(kiosk.config.path), "sync"]) == 3
        assert "another sync is running" in capsys.readouterr().err
        with kiosk.journal() as journal:
            assert len(journal.unconfirmed()) == 2  # nothing was sent
    finally:
        holder.communicate("\n", timeout=10)
    assert sync_once(kiosk.config, **FAST).state == DONE
