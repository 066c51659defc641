"""The journal's fixed vocabularies (age bands, genders) and its errors, one place for each.

Every error carries `.message`, one line for the facilitator or the CLI.
"""

from __future__ import annotations

BANDS = ("0-9", "10-13", "14-17", "18-", "unknown")
GENDERS = ("girl", "boy", "x", "unstated")
STATUSES = ("open", "closed", "cancelled")


class JournalError(Exception):
    """Base of the journal's errors; `.message` is a one-line text for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DiskFull(JournalError):
    """The journal could not grow: the write was refused and nothing earlier was lost."""

    key = "journal.disk_full"  # the facilitator's screen text in the catalogues


class UnknownSession(JournalError, LookupError):
    pass


class SessionClosed(JournalError):
    """The session is closed or cancelled: it takes no more taps, steps or an end."""


class InvalidInput(JournalError, ValueError):
    pass


class InvalidBand(InvalidInput):
    pass


class InvalidGender(InvalidInput):
    pass


class NothingToUndo(JournalError):
    pass
