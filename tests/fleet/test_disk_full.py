"""A full SD card while a pack is installed: the kiosk keeps exactly what it had, the status
says the pack is pending and why, and the next round after space is freed installs it."""

from __future__ import annotations

import dataclasses
import os

import pytest

from kiosk.core.folders import open_library
from kiosk.journal import Journal
from kiosk.sync.round import DONE, RETRY_LATER
from tests.fleet.conftest import KIOSK_ID
from tests.fleet.packs import good_pack, workshop
from tests.listing.packs import pack_zip
from tests.support.tmpfs import mounted_tmpfs
from tests.sync.conftest import add_sessions
from tests.sync.test_round import held, latest

PICTURE = 600 * 1024  # random bytes: the zip cannot shrink them


@pytest.fixture
def tiny_fs(tmp_path):
    """A real 3 MiB file system (tmpfs), so the disk really fills up."""
    with mounted_tmpfs(tmp_path, "3m") as mount:
        yield mount


def test_a_full_disk_while_installing_keeps_the_old_state_and_says_so(fleet, tiny_fs):
    fleet.config = dataclasses.replace(fleet.config, data_dir=tiny_fs / "data")
    first = fleet.desk.add_pack(good_pack("eerste-spel"), "a-eerste")
    assert fleet.sync().state == DONE
    big = pack_zip({"bib-reactie.yaml": workshop("bib-reactie", picture="img/knop.png"),
                  "img/knop.png": b"\x89PNG\r\n\x1a\n" + os.urandom(PICTURE)})  # fmt: skip
    sha = fleet.desk.add_pack(big, "b-groot")
    ballast = tiny_fs / "photos.bin"  # something else fills the card: room to download only
    free = os.statvfs(tiny_fs)
    ballast.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - len(big) - 300 * 1024))
    with Journal.for_config(fleet.config) as journal:
        add_sessions(journal, 2)
        done = fleet.sync()
        assert done.state == RETRY_LATER, done.message
        assert held(fleet.kiosk) == latest(journal)
    assert fleet.installed() == [first] and fleet.no_scratch()
    assert set(open_library(fleet.config, None).workshops) >= {"eerste-spel"}
    state = fleet.pack_state(sha)
    assert state["state"] == "pending", state
    assert state["detail"].startswith("cannot install the pack (No space left on device)")
    assert "keeps what it had" in state["detail"]
    assert fleet.desk.report(KIOSK_ID)["disk_free_bytes"] < len(big) * 2
    ballast.unlink()
    assert fleet.sync().state == DONE
    assert sorted(fleet.installed()) == sorted([first, sha])
    assert "bib-reactie" in open_library(fleet.config, None).workshops
