"""Attendance: a tap shows +1 only once the journal made it durable; disk full counts nothing."""

from __future__ import annotations

from kiosk.ui.attendance import TOTAL_BOX


def open_attendance(driver):
    driver.goto_workshop("reactiespel")
    driver.do_tap("intro.start")
    driver.do_tap("player.count")
    assert driver.screen.id == "attendance"
    return driver.app.session


def test_a_tap_is_written_with_band_gender_and_returning_then_shown(kiosk):
    session = open_attendance(kiosk)
    before = kiosk.region(TOTAL_BOX)
    kiosk.do_tap("attendance.gender.girl")
    kiosk.do_tap("attendance.returning")
    kiosk.do_tap("attendance.band.14-17")
    att = kiosk.app.journal.attendance(session.id)
    assert att["total"] == 1
    assert att["age_bands"]["14-17"] == 1
    assert att["gender"]["girl"] == 1 and att["returning"] == 1
    assert kiosk.region(TOTAL_BOX) != before
    assert kiosk.screen.total == 1
    # gender and "came before" apply to one participant only
    kiosk.do_tap("attendance.band.10-13")
    att = kiosk.app.journal.attendance(session.id)
    assert att["gender"]["girl"] == 1 and att["returning"] == 1 and att["total"] == 2


def test_disk_full_shows_a_message_and_counts_nothing(kiosk):
    session = open_attendance(kiosk)
    kiosk.do_tap("attendance.band.18-")
    shown = kiosk.region(TOTAL_BOX)
    conn = kiosk.app.journal._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(400):  # until the file really has no page left
        kiosk.do_tap("attendance.band.18-")
        if kiosk.app.notice_text:
            break
    assert kiosk.app.notice_text == kiosk.app.text.t("journal.disk_full")
    total = kiosk.app.journal.attendance(session.id)["total"]
    assert kiosk.screen.total == total  # the screen never shows more than the journal holds
    conn.execute("PRAGMA max_page_count = 1073741823")
    kiosk.do_tap("attendance.band.18-")
    assert kiosk.app.journal.attendance(session.id)["total"] == total + 1
    assert kiosk.region(TOTAL_BOX) != shown


def test_undo_takes_back_the_last_tap_and_is_off_with_nothing_to_undo(kiosk):
    session = open_attendance(kiosk)
    assert not kiosk.button("attendance.undo").enabled
    kiosk.do_tap("attendance.band.0-9")
    kiosk.do_tap("attendance.band.unknown")
    kiosk.do_tap("attendance.undo")
    att = kiosk.app.journal.attendance(session.id)
    assert att["total"] == 1 and att["age_bands"]["unknown"] == 0
    assert kiosk.screen.total == 1


def test_end_of_session_summarises_and_closes_it_in_the_journal(kiosk):
    session = open_attendance(kiosk)
    for band in ("10-13", "14-17", "14-17"):
        kiosk.do_tap(f"attendance.band.{band}")
    kiosk.do_tap("attendance.end")
    assert kiosk.screen.id == "end"
    assert kiosk.screen.counts["age_bands"]["14-17"] == 2
    kiosk.do_tap("end.confirm")
    assert kiosk.screen.id == "home" and kiosk.app.session is None
    snap = kiosk.app.journal.snapshot(session.id)
    assert snap["status"] == "closed" and snap["attendance"]["total"] == 3
