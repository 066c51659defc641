"""What can go wrong talking to UiTdatabank, as a small exception tree.

Every error has a `.message` for the coordinator; the caller decides per class what a run does.
"""

from __future__ import annotations


class UitError(Exception):
    """Base: `.message` is one line for the coordinator (CLI, portal)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConfigError(UitError):
    """A setting is missing or malformed, or a URL points at something that is not UiTdatabank.

    Stops the run: nothing will work until the coordinator fixes it.
    """


class AuthFailed(UitError):
    """publiq refused the client id and secret, or a fresh token. Stops the run."""


class TryLater(UitError):
    """Unreachable, a timeout, 5xx or 429, after the retries: nothing is lost, run again later."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class AnswerLost(TryLater):
    """A create was sent but its answer never came (dropped, timed out, 5xx): UiTdatabank may
    or may not have made the event. Resolved by searching for the stop's label, never by
    sending the create again."""


class Rejected(UitError):
    """UiTdatabank refused the content (400, 403, 409): stored and shown; never resent unchanged."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class NotFound(UitError):
    """404 for an event the listing stored: UiTdatabank no longer knows it."""
