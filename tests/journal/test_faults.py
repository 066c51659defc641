"""Faults: power cuts mid-write, a full disk, and journals that cannot be opened."""

from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from kiosk.journal import DiskFull, Journal, journal_path, schema
from tests.journal.conftest import STOP, WORKSHOP
from tests.journal.powercut import run_kills
from tests.support.tmpfs import mounted_tmpfs

KILLS = 50


@pytest.mark.slow
def test_power_cut_loses_no_printed_total(data_dir):
    stats = run_kills(data_dir, KILLS, seed=4)
    assert stats.failures == []
    assert stats.kills == KILLS
    assert stats.printed > KILLS  # it really was counting when killed
    with Journal.open(data_dir) as j:
        assert j.notices == []


def test_disk_full_refuses_the_tap_and_keeps_the_rest(journal, session, data_dir):
    conn = journal._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    totals = []
    with pytest.raises(DiskFull) as err:
        for _ in range(100_000):
            totals.append(journal.count(session, "14-17", "girl", returning=True))
    assert "full" in err.value.message and "NOT saved" in err.value.message
    assert err.value.key == "journal.disk_full"
    assert len(totals) > 10
    # the refused tap left nothing half-written; the journal still reads and still refuses
    assert journal.attendance(session)["total"] == totals[-1]
    with pytest.raises(DiskFull):
        journal.count(session, "0-9")
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert journal.count(session, "0-9") == totals[-1] + 1
    journal.close()
    with Journal.open(data_dir) as again:
        assert again.attendance(session)["total"] == totals[-1] + 1
        assert again._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def aside_files(data_dir):
    return sorted(p.name for p in data_dir.iterdir() if "-unreadable-" in p.name)


def test_garbage_journal_is_moved_aside_and_a_new_one_started(data_dir, caplog):
    data_dir.mkdir(mode=0o700)
    journal_path(data_dir).write_bytes(b"this is not SQLite at all\n" * 400)
    with caplog.at_level(logging.WARNING), Journal.open(data_dir) as j:
        assert len(j.notices) == 1 and j.notices[0].key == "journal.replaced"
        sid = j.start_session(WORKSHOP, STOP)
        assert j.count(sid, "10-13") == 1
    assert "JOURNAL REPLACED" in caplog.text
    kept = aside_files(data_dir)
    assert len(kept) == 1 and kept[0].startswith("journal-unreadable-")
    assert (data_dir / kept[0]).read_bytes().startswith(b"this is not SQLite")
    assert j.notices[0].values["path"] == str(data_dir / kept[0])


def test_damaged_pages_are_moved_aside_with_their_wal(data_dir, journal, session):
    for _ in range(200):
        journal.count(session, "14-17")
    journal._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = journal_path(data_dir)
    size = path.stat().st_size
    with open(path, "r+b") as f:  # scribble over every page but the first
        f.seek(4096)
        f.write(os.urandom(size - 4096))
    journal.close()
    with Journal.open(data_dir) as j:
        assert [n.key for n in j.notices] == ["journal.replaced"]
        assert j.sessions() == []
    kept = aside_files(data_dir)
    assert any(k.endswith(".sqlite3") for k in kept), kept


def test_journal_from_a_newer_kiosk_is_kept_not_touched(data_dir):
    Journal.open(data_dir).close()
    conn = sqlite3.connect(journal_path(data_dir))
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.commit()
    conn.close()
    with Journal.open(data_dir) as j:
        assert "newer" in j.notices[0].values["reason"]
        assert schema.version(j._conn) == schema.LATEST
    (kept,) = [k for k in aside_files(data_dir) if k.endswith(".sqlite3")]
    old = sqlite3.connect(data_dir / kept)
    assert schema.version(old) == schema.LATEST + 1
    old.close()


def test_two_bad_journals_in_one_second_both_kept(data_dir):
    data_dir.mkdir(mode=0o700)
    for n in range(2):
        journal_path(data_dir).write_bytes(f"broken {n}".encode() * 100)
        Journal.open(data_dir).close()
    assert len([k for k in aside_files(data_dir) if k.endswith(".sqlite3")]) == 2


@pytest.fixture
def tiny_fs(tmp_path):
    """A real 320 KiB file system (tmpfs), so the disk really fills up (the max_page_count
    test still runs where it cannot be mounted)."""
    with mounted_tmpfs(tmp_path, "320k") as mount:
        yield mount


def test_a_really_full_disk_refuses_the_tap_and_keeps_the_rest(tiny_fs):
    data_dir = tiny_fs / "data"
    journal = Journal.open(data_dir)
    sid = journal.start_session(WORKSHOP, STOP)
    ballast = tiny_fs / "photos.bin"  # something else fills the card, leaving a little room
    free = os.statvfs(tiny_fs)
    ballast.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 40_000))
    totals = []
    with pytest.raises(DiskFull):
        for _ in range(100_000):
            totals.append(journal.count(sid, "10-13"))
    assert totals and journal.attendance(sid)["total"] == totals[-1]
    journal.close()
    ballast.unlink()
    with Journal.open(data_dir) as again:
        assert again.notices == []
        assert again.attendance(sid)["total"] == totals[-1]
        assert again.count(sid, "10-13") == totals[-1] + 1
