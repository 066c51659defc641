"""Maker mode's creations in a session's progress: a count that raises the revision, in the
snapshot the listing accepts, and nothing of what a creation is in the journal."""

from __future__ import annotations

import json

import pytest

from kiosk.journal import SessionClosed, journal_path
from kiosk.ui.session import Session
from listing.models.incoming import SnapshotIn
from tests.journal.conftest import STOP, WORKSHOP
from tests.journal.contract import problems


def test_a_session_without_creations_has_no_count_of_them(journal, session):
    assert journal.snapshot(session)["progress"] == {"steps": 0, "checks_passed": 0}


def test_each_saved_creation_counts_and_raises_the_revision(journal, session):
    before = journal.snapshot(session)["revision"]
    journal.record_creation(session)
    journal.record_creation(session)
    s = journal.snapshot(session)
    assert s["progress"] == {"steps": 0, "checks_passed": 0, "creations": 2}
    assert s["revision"] == before + 2
    assert problems(s) == []
    assert SnapshotIn.model_validate_json(json.dumps(s)).progress.steps == 0  # the listing takes it
    assert [x["session_id"] for x in journal.unconfirmed()] == [session]


def test_a_closed_session_counts_no_more_creations(journal, session):
    journal.end_session(session)
    with pytest.raises(SessionClosed):
        journal.record_creation(session)


class _App:
    """What Session.creation_saved needs of the app: a notice for a journal that fails."""

    def __init__(self):
        self.notices = []

    def notice(self, text):
        self.notices.append(text)


def test_the_session_counts_a_creation_once_and_keeps_its_name_out_of_the_journal(journal):
    sid = journal.start_session(WORKSHOP, STOP)
    session = Session(sid, None, STOP, 0.0, journal)
    app = _App()
    session.creation_saved("Snelle Raket", app)
    session.creation_saved("snelle raket", app)  # saved again after a change: the same one
    session.creation_saved("Gekke Uil", app)
    assert journal.snapshot(sid)["progress"]["creations"] == 2
    assert app.notices == []
    journal.close()
    raw = b"".join(p.read_bytes() for p in journal_path(journal.path.parent).parent.iterdir())
    assert b"Raket" not in raw and b"Uil" not in raw
