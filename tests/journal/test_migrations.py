"""Schema versions: every earlier journal migrates forward with its data; a failed step leaves
the journal at the version before it."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.journal import Journal, journal_path, schema
from kiosk.stop import Stop
from tests.journal.contract import problems

SID = "3f2b9c1e-6a0d-4c59-9d7e-0b1f6f4a2c11"


def seed_v1(conn: sqlite3.Connection) -> None:
    """What a version-1 kiosk wrote: a closed session, taps with an undo, progress."""
    stamp = (1_770_903_005.0, "unsynced", "boot-old", 50.0)
    conn.execute(
        "INSERT INTO sessions (id, workshop_id, workshop_version, workshop_title, age_range, "
        "stop_name, venue_type, municipality, postcode, status, start_wall, start_source, "
        "start_boot, start_mono, end_wall, end_source, end_boot, end_mono, revision) "
        "VALUES (?, 'reactiespel', '1.0', '{\"nl\": \"Reactiespel\"}', '10-14', 'Chiro Eeklo', "
        "'youth_movement', 'Eeklo', NULL, 'closed', ?, ?, ?, ?, ?, ?, ?, ?, 5)",
        (SID, *stamp, stamp[0] + 3600, "unsynced", "boot-old", 3650.0),
    )
    taps = [(1, None, "14-17", "girl", 1), (1, None, "10-13", None, 0), (-1, 2, "10-13", None, 0)]
    for delta, undoes, band, gender, back in taps:
        conn.execute(
            "INSERT INTO taps (session_id, delta, undoes, band, gender, came_back, wall, source, "
            "boot, mono) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (SID, delta, undoes, band, gender, back, *stamp),
        )
    conn.execute(
        "INSERT INTO progress (session_id, kind, step_id, wall, source, boot, mono) "
        "VALUES (?, 'check', 'bouw', ?, ?, ?, ?)",
        (SID, *stamp),
    )


def seed_v2(conn: sqlite3.Connection) -> None:
    """Version 2 added the kiosk id and the clock fixes of a boot."""
    seed_v1(conn)
    conn.execute("INSERT INTO meta (key, value) VALUES ('kiosk_id', 'mobilab-eeklo-2')")
    conn.execute("INSERT INTO clock_fixes VALUES ('boot-old', 1.0, 'listing', 1770903005.0)")


SEEDS = {
    0: None,
    1: seed_v1,
    2: seed_v2,
    3: seed_v2,  # version 3 added an index only
}  # one per earlier version: a new version needs a seed here


def test_every_earlier_version_has_a_seed():
    assert set(SEEDS) == set(range(schema.LATEST))
    assert schema.LATEST >= 2


def make_journal(path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    schema.migrate(conn, target=version)
    if SEEDS[version]:
        conn.execute("BEGIN")
        SEEDS[version](conn)
        conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", sorted(SEEDS))
def test_migrates_from_every_earlier_version(data_dir, version):
    data_dir.mkdir(mode=0o700)
    make_journal(journal_path(data_dir), version)
    with Journal.open(data_dir) as j:
        assert j.notices == []
        assert schema.version(j._conn) == schema.LATEST
        assert j._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if SEEDS[version]:
            s = j.snapshot(SID)
            assert problems(s) == []
            assert s["attendance"]["total"] == 1 and s["attendance"]["returning"] == 1
            assert s["revision"] == 5 and s["time_source"] == "unsynced"
            assert s["progress"] == {"steps": 0, "checks_passed": 1}
            assert [x["session_id"] for x in j.unconfirmed()] == [SID]
            kiosk = "mobilab-eeklo-2" if version >= 2 else "mobilab-demo"
            assert s["kiosk_id"] == kiosk
        sid = j.start_session(
            {"id": "w", "version": "1", "title": {"nl": "W"}, "typical_age_range": "10-"},
            Stop("X", "other", "Y"),
        )
        assert j.count(sid, "18-") == 1
        assert j.apply_clock_offset(0.0, "listing") >= 0  # v2's clock_fixes is there
        j.record_creation(sid)  # v4's count of maker mode's creations is there
        assert j.snapshot(sid)["progress"] == {"steps": 0, "checks_passed": 0, "creations": 1}


def test_opening_twice_applies_nothing_more(data_dir):
    Journal.open(data_dir).close()
    conn = sqlite3.connect(journal_path(data_dir), isolation_level=None)
    assert schema.migrate(conn) == []
    conn.close()


def test_a_failing_migration_leaves_the_version_before(tmp_path, monkeypatch):
    def v2_broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk pulled mid-migration")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], v2_broken])
    conn = sqlite3.connect(tmp_path / "j.sqlite3", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, target=2)
    assert schema.version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "sessions" in tables and "half_done" not in tables
    conn.close()
