"""The journal's behaviour: sessions, taps and undo, progress, revisions, snapshots, sync state."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import threading

import pytest

from kiosk.journal import (
    BANDS,
    GENDERS,
    InvalidBand,
    InvalidGender,
    Journal,
    NothingToUndo,
    SessionClosed,
    UnknownSession,
    journal_path,
)
from tests.journal.conftest import STOP, WORKSHOP
from tests.journal.contract import problems


def test_snapshot_is_listing_api_exact(journal, session, machine):
    journal.count(session, "10-13", "girl")
    journal.count(session, "14-17", "boy", returning=True)
    journal.count(session, "14-17")
    journal.record_step(session, "bouw")
    journal.record_check(session, "bouw")
    machine.advance(3600)
    journal.end_session(session)
    s = journal.snapshot(session)
    assert problems(s) == []
    assert s == {
        "session_id": session,
        "kiosk_id": "mobilab-test-1",
        "revision": s["revision"],
        "status": "closed",
        "workshop": WORKSHOP,
        "stop": {
            "name": "Bibliotheek Maldegem",
            "venue_type": "library",
            "municipality": "Maldegem",
            "postcode": "9990",
        },
        "started_at": "2026-02-12T13:30:05Z",
        "ended_at": "2026-02-12T14:30:05Z",
        "time_source": "ntp",
        "attendance": {
            "total": 3,
            "age_bands": {"0-9": 0, "10-13": 1, "14-17": 2, "18-": 0, "unknown": 0},
            "gender": {"girl": 1, "boy": 1, "x": 0, "unstated": 1},
            "returning": 1,
        },
        "progress": {"steps": 1, "checks_passed": 1},
    }
    json.dumps(s)  # plain JSON types only


def test_open_session_has_null_end(journal, session):
    s = journal.snapshot(session)
    assert s["status"] == "open" and s["ended_at"] is None and s["revision"] == 1
    assert problems(s) == []


def test_every_change_raises_the_revision(journal, session):
    seen = [journal.snapshot(session)["revision"]]
    for change in (
        lambda: journal.count(session, "0-9"),
        lambda: journal.undo(session),
        lambda: journal.record_step(session, "s1"),
        lambda: journal.record_check(session, "s1"),
        lambda: journal.record_check(session, "s1"),
        lambda: journal.end_session(session),
        lambda: journal.cancel_session(session),
    ):
        change()
        seen.append(journal.snapshot(session)["revision"])
    assert seen == sorted(set(seen)), seen


def test_a_step_reached_twice_is_one_step_and_no_change(journal, session):
    journal.record_step(session, "s1")
    revision = journal.snapshot(session)["revision"]
    journal.record_step(session, "s1")
    journal.record_step(session, "s2")
    s = journal.snapshot(session)
    assert s["progress"] == {"steps": 2, "checks_passed": 0}
    assert s["revision"] == revision + 1


def test_count_returns_the_new_total_and_undo_compensates(journal, session):
    assert [journal.count(session, b) for b in BANDS] == [1, 2, 3, 4, 5]
    assert journal.undo(session) == 4
    assert journal.undo(session) == 3
    a = journal.attendance(session)
    assert a["age_bands"] == {"0-9": 1, "10-13": 1, "14-17": 1, "18-": 0, "unknown": 0}
    # the taps stay: an undo is a compensating event, never a delete
    with Journal.open(journal.path.parent) as other:
        rows = other._conn.execute("SELECT delta, undoes FROM taps ORDER BY id").fetchall()
    assert [d for d, _ in rows] == [1, 1, 1, 1, 1, -1, -1]
    assert [u for _, u in rows[-2:]] == [5, 4]


def test_undo_with_nothing_left(journal, session):
    journal.count(session, "18-")
    journal.undo(session)
    with pytest.raises(NothingToUndo):
        journal.undo(session)


def test_undo_takes_back_returning_and_gender_too(journal, session):
    journal.count(session, "14-17", "x", returning=True)
    journal.undo(session)
    a = journal.attendance(session)
    assert a["total"] == 0 and a["returning"] == 0 and a["gender"]["x"] == 0


@pytest.mark.parametrize("band", ["10-14", "", "UNKNOWN", "18+"])
def test_unknown_band_is_refused(journal, session, band):
    with pytest.raises(InvalidBand) as err:
        journal.count(session, band)
    assert isinstance(err.value, ValueError)
    assert journal.attendance(session)["total"] == 0


def test_unknown_gender_is_refused(journal, session):
    with pytest.raises(InvalidGender):
        journal.count(session, "0-9", "m")
    assert all(journal.count(session, "0-9", g) for g in GENDERS)


def test_unknown_session(journal):
    with pytest.raises(UnknownSession) as err:
        journal.count("0d7a5c6e-0000-4000-8000-000000000000", "0-9")
    assert isinstance(err.value, LookupError)
    with pytest.raises(UnknownSession):
        journal.snapshot("nope")


def test_closed_session_takes_nothing_more(journal, session):
    journal.count(session, "0-9")
    journal.end_session(session)
    for act in (
        lambda: journal.count(session, "0-9"),
        lambda: journal.undo(session),
        lambda: journal.end_session(session),
        lambda: journal.record_step(session, "s"),
    ):
        with pytest.raises(SessionClosed):
            act()
    assert journal.attendance(session)["total"] == 1


def test_cancel_keeps_the_session_with_its_end(journal, session, machine):
    machine.advance(60)
    journal.cancel_session(session)
    s = journal.snapshot(session)
    assert s["status"] == "cancelled" and s["ended_at"] == "2026-02-12T13:31:05Z"
    with pytest.raises(SessionClosed):
        journal.cancel_session(session)


def test_session_ids_are_case_insensitive(journal, session):
    assert journal.count(session.upper(), "0-9") == 1


def test_sessions_of_a_day(journal, machine):
    first = journal.start_session(WORKSHOP, STOP)
    journal.count(first, "10-13")
    machine.advance(2 * 86400)
    second = journal.start_session(WORKSHOP, STOP)
    everything = journal.sessions()
    assert [s.session_id for s in everything] == [first, second]
    assert everything[0].total == 1 and everything[0].workshop_title["nl"] == "Reactiespel"
    day = dt.datetime.fromtimestamp(machine.wall).date()
    assert [s.session_id for s in journal.sessions(day)] == [second]
    assert journal.sessions(day - dt.timedelta(days=1)) == []


def test_sync_state_and_unconfirmed(journal, session):
    other = journal.start_session(WORKSHOP, STOP)
    assert {s["session_id"] for s in journal.unconfirmed()} == {session, other}
    assert journal.sync_state(session) == {"confirmed_revision": 0, "attention": None}

    journal.mark_confirmed(session, 1)
    journal.mark_attention(other, 1, "stop.name too long")
    assert journal.unconfirmed() == []
    assert journal.sync_state(other) == {"confirmed_revision": 0, "attention": "stop.name too long"}

    journal.count(session, "0-9")  # a local change: the listing must hear about it again
    journal.count(other, "0-9")  # a change may cure the problem: try again, attention stale
    assert [s["revision"] for s in journal.unconfirmed()] == [2, 2]
    assert journal.sync_state(other)["attention"] is None
    journal.mark_confirmed(session, 2)
    journal.mark_confirmed(session, 1)  # a late answer never lowers what was confirmed
    assert journal.sync_state(session)["confirmed_revision"] == 2
    assert journal.unconfirmed(limit=1)[0]["session_id"] == other


def test_a_second_connection_reads_while_the_first_writes(journal, session, data_dir):
    with Journal.open(data_dir, kiosk_id="mobilab-test-1") as reader:
        for n in range(1, 6):
            journal.count(session, "14-17")
            assert reader.snapshot(session)["attendance"]["total"] == n


def test_files_are_owner_only(journal, session, data_dir):
    journal.count(session, "0-9")
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    files = [journal_path(data_dir), *(f"{journal_path(data_dir)}{s}" for s in ("-wal", "-shm"))]
    for f in files:
        assert stat.S_IMODE(os.stat(f).st_mode) == 0o600, f


def test_wal_and_full_sync_are_on(journal):
    assert journal._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_failed_write_rolls_back_whole(journal, session):
    with pytest.raises(RuntimeError), journal.transaction() as conn:
        conn.execute("UPDATE sessions SET revision = 99 WHERE id = ?", (session,))
        raise RuntimeError("power dip in the middle")
    assert journal.snapshot(session)["revision"] == 1


def test_no_personal_data_columns(journal):
    columns = set()
    for (table,) in journal._conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        columns |= {r[1] for r in journal._conn.execute(f"PRAGMA table_info({table})")}
    assert not columns & {"name", "first_name", "last_name", "email", "phone", "birthdate"}


def test_the_journal_remembers_its_kiosk_id(data_dir, journal, session):
    with Journal.open(data_dir) as sync_process:  # opened without the config
        assert sync_process.snapshot(session)["kiosk_id"] == "mobilab-test-1"
    with Journal.open(data_dir, kiosk_id="mobilab-enrolled-2") as j:
        assert j.snapshot(session)["kiosk_id"] == "mobilab-enrolled-2"
    with Journal.open(data_dir) as j:
        assert j.kiosk_id == "mobilab-enrolled-2"


def test_a_reader_always_sees_one_revision_with_one_content(journal, session, data_dir):
    """The sync process reads while the kiosk writes: a revision never has two contents
    (the listing would answer 409), and every snapshot keeps the contract."""
    done = threading.Event()

    def kiosk():
        try:
            for i in range(150):
                journal.count(session, BANDS[i % 5], returning=i % 2 == 0)
        finally:
            done.set()

    seen: dict[int, dict] = {}
    writer = threading.Thread(target=kiosk)
    with Journal.open(data_dir) as sync_process:
        writer.start()
        while not done.is_set():
            for s in sync_process.unconfirmed():
                assert problems(s) == []
                assert seen.setdefault(s["revision"], s) == s
        writer.join()
        final = sync_process.snapshot(session)
    assert final["attendance"]["total"] == 150 and final["attendance"]["returning"] == 75
    assert len(seen) > 1
