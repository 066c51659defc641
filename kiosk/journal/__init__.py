"""The participation journal (package): sessions, anonymous attendance taps, progress, sync state.

Import everything from here: `from kiosk.journal import Journal, BANDS, DiskFull, ...`.
"""

from kiosk.journal.core import Journal
from kiosk.journal.errors import (
    BANDS,
    GENDERS,
    STATUSES,
    DiskFull,
    InvalidBand,
    InvalidGender,
    InvalidInput,
    JournalError,
    NothingToUndo,
    SessionClosed,
    UnknownSession,
)
from kiosk.journal.files import JOURNAL_NAME, Notice, journal_path
from kiosk.journal.snapshot import SessionSummary

__all__ = [
    "BANDS",
    "GENDERS",
    "JOURNAL_NAME",
    "STATUSES",
    "DiskFull",
    "InvalidBand",
    "InvalidGender",
    "InvalidInput",
    "Journal",
    "JournalError",
    "NothingToUndo",
    "Notice",
    "SessionClosed",
    "SessionSummary",
    "UnknownSession",
    "journal_path",
]
