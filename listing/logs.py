"""Log lines for the journal: `<3>` error, `<4>` warning, `<6>` info, `<7>` debug in front.

systemd reads those prefixes when stderr is its journal stream ($JOURNAL_STREAM says which).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

JOURNAL_ENV = "JOURNAL_STREAM"
JOURNAL_FORMAT = "%(name)s: %(message)s"
TERMINAL_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def priority(level: int) -> int:
    """The syslog priority of a logging level."""
    if level >= logging.ERROR:
        return 3
    if level >= logging.WARNING:
        return 4
    if level >= logging.INFO:
        return 6
    return 7


def to_journal(stream=None) -> bool:
    """Whether `stream` (stderr) is the journal stream systemd connected to this process."""
    stream = stream or sys.stderr
    device, _, inode = os.environ.get(JOURNAL_ENV, "").partition(":")
    try:
        found = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return f"{found.st_dev}:{found.st_ino}" == f"{device}:{inode}"


class JournalFormatter(logging.Formatter):
    """Every line of a record (a traceback's too) starts with the record's priority, when
    stderr goes to the journal; plain lines otherwise."""

    def __init__(self) -> None:
        self.prefixed = to_journal()
        # The journal stamps the time and keeps the priority itself.
        super().__init__(JOURNAL_FORMAT if self.prefixed else TERMINAL_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if not self.prefixed:
            return text
        prefix = f"<{priority(record.levelno)}>"
        return "\n".join(prefix + line for line in text.splitlines())


def config(level: str = "INFO") -> dict[str, Any]:
    """A logging configuration (dictConfig) for the listing and uvicorn, every worker alike."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"journal": {"()": JournalFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "journal"}},
        "loggers": {
            "listing": {"handlers": ["stderr"], "level": level, "propagate": False},
            "alembic": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }
