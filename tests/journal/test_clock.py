"""Time without a real-time clock: NTP and listing corrections within one boot, never across."""

from __future__ import annotations

import pytest

from kiosk import clock
from kiosk.clock import Clock
from kiosk.journal import Journal
from tests.journal.conftest import STOP, T0, WORKSHOP

WRONG = 1_700_000_000.0  # where an unsynchronised Pi thinks it is (fake-hwclock's last save)


def reopen(data_dir, machine) -> Journal:
    return Journal.open(data_dir, kiosk_id="mobilab-test-1", clock=machine.clock())


def test_synchronised_clock_gives_ntp(journal, session):
    assert journal.snapshot(session)["time_source"] == "ntp"


def test_sync_later_in_the_same_boot_corrects_the_session(data_dir, machine):
    machine.synced, machine.wall = False, WRONG
    j = reopen(data_dir, machine)
    sid = j.start_session(WORKSHOP, STOP)
    machine.advance(600)
    j.count(sid, "14-17")
    before = j.snapshot(sid)
    assert before["time_source"] == "unsynced" and before["started_at"].startswith("2023-11-14")

    # timesyncd reaches a server: the wall clock jumps; boot time runs on undisturbed
    machine.advance(300)
    machine.wall, machine.synced = T0, True
    j.count(sid, "14-17")
    after = j.snapshot(sid)
    assert after["time_source"] == "corrected"
    assert after["started_at"] == "2026-02-12T13:15:05Z"  # 900 s of boot time before T0
    assert after["revision"] > before["revision"] + 1
    rows = j._conn.execute("SELECT DISTINCT source FROM taps").fetchall()
    assert sorted(r[0] for r in rows) == ["corrected", "ntp"]
    machine.advance(60)
    j.end_session(sid)
    assert j.snapshot(sid)["time_source"] == "corrected"  # the start stays corrected
    j.close()


def test_a_synced_reopen_corrects_what_an_earlier_process_of_the_boot_wrote(data_dir, machine):
    machine.synced, machine.wall = False, WRONG
    with reopen(data_dir, machine) as j:
        sid = j.start_session(WORKSHOP, STOP)
        revision = j.snapshot(sid)["revision"]
    machine.advance(30)
    machine.wall, machine.synced = T0, True
    with reopen(data_dir, machine) as j:  # e.g. the sync process, which only reads
        s = j.snapshot(sid)
    assert s["time_source"] == "corrected" and s["started_at"] == "2026-02-12T13:29:35Z"
    assert s["revision"] == revision + 1


def test_an_earlier_boot_stays_unsynced(data_dir, machine):
    machine.synced, machine.wall = False, WRONG
    with reopen(data_dir, machine) as j:
        old = j.start_session(WORKSHOP, STOP)
        j.count(old, "10-13")
    machine.reboot("boot-2", WRONG + 50)  # unplugged for the night
    machine.advance(10)
    machine.wall, machine.synced = T0, True
    with reopen(data_dir, machine) as j:
        j.count(old, "10-13")
        new = j.start_session(WORKSHOP, STOP)
        s = j.snapshot(old)
        assert s["time_source"] == "unsynced" and s["started_at"].startswith("2023-11-14")
        assert j.snapshot(new)["time_source"] == "ntp"
        j.end_session(old)
        assert j.snapshot(old)["ended_at"] >= j.snapshot(old)["started_at"]


def test_listing_offset_corrects_this_boot_and_later_records(data_dir, machine):
    machine.synced, machine.wall = False, WRONG
    j = reopen(data_dir, machine)
    sid = j.start_session(WORKSHOP, STOP)
    machine.advance(120)
    revision = j.snapshot(sid)["revision"]
    # the listing's server_time says it is T0 now
    assert j.apply_clock_offset(T0 - machine.wall, "listing") == 1
    s = j.snapshot(sid)
    assert s["time_source"] == "corrected" and s["started_at"] == "2026-02-12T13:28:05Z"
    assert s["revision"] == revision + 1
    # later records of this boot are stamped with the proof too, still unsynced system clock
    machine.advance(60)
    j.end_session(sid)
    s = j.snapshot(sid)
    assert s["ended_at"] == "2026-02-12T13:31:05Z" and s["time_source"] == "corrected"
    # the first proof of a boot stands; a later measurement moves nothing
    assert j.apply_clock_offset(3600, "listing") == 0
    assert j.snapshot(sid)["ended_at"] == "2026-02-12T13:31:05Z"
    j.close()


def test_offset_seen_by_another_process_of_the_same_boot(data_dir, machine):
    machine.synced, machine.wall = False, WRONG
    kiosk = reopen(data_dir, machine)
    sync = reopen(data_dir, machine)
    sid = kiosk.start_session(WORKSHOP, STOP)
    sync.apply_clock_offset(T0 - machine.wall, "listing")
    machine.advance(10)
    kiosk.end_session(sid)
    assert kiosk.snapshot(sid)["ended_at"] == "2026-02-12T13:30:15Z"
    kiosk.close()
    sync.close()


def test_offset_on_a_synchronised_clock_changes_nothing(journal, session):
    assert journal.apply_clock_offset(1234.0, "listing") == 0
    assert journal.snapshot(session)["started_at"] == "2026-02-12T13:30:05Z"


def test_clock_rechecks_and_then_stays_synchronised(machine):
    answers = iter([False, True, False])
    c = Clock(wall=lambda: 0.0, mono=lambda: machine.mono, synchronised=lambda: next(answers),
              boot=lambda: "b", recheck_s=10)  # fmt: skip
    assert c.now().source == "unsynced"
    machine.mono += 5
    assert c.now().source == "unsynced"  # not asked again within 10 s
    machine.mono += 5
    assert c.now().source == "ntp"
    assert c.now().source == "ntp"  # the third answer is never needed


def test_timesyncd_flag_file(tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "TIMESYNC_DIR", tmp_path)
    assert clock.time_source() == "unsynced"
    (tmp_path / "synchronized").touch()
    assert clock.time_source() == "ntp"


def test_boot_id_and_monotonic():
    if not clock.BOOT_ID_FILE.exists():
        pytest.skip("no /proc boot id here")
    assert clock.boot_id() == clock.BOOT_ID_FILE.read_text().strip()
    first = clock.monotonic()
    assert clock.monotonic() >= first > 0


def test_timedatectl_is_asked_only_where_systemd_is_the_init(tmp_path, monkeypatch):
    """It cannot answer elsewhere (this container, a laptop without systemd): no process then."""
    import subprocess

    asked = []

    def timedatectl(argv, **options):
        asked.append(argv)
        return subprocess.CompletedProcess(argv, 0, "yes\n", "")

    monkeypatch.setattr(subprocess, "run", timedatectl)
    monkeypatch.setattr(clock, "TIMESYNC_DIR", tmp_path / "no-timesyncd")
    monkeypatch.setattr(clock, "SYSTEMD_DIR", tmp_path / "systemd")
    assert clock.time_source() == "unsynced" and asked == []
    (tmp_path / "systemd").mkdir()
    assert clock.time_source() == "ntp"
    assert asked == [["timedatectl", "show", "-p", "NTPSynchronized", "--value"]]
