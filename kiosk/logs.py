"""The kiosk's log lines on stderr; under systemd each line starts with the journal's priority
(`<3>` error, `<4>` warning, `<6>` info, `<7>` debug), so `journalctl -p warning` finds them.

systemd names the stream it reads in JOURNAL_STREAM (device:inode); the prefix is written only
while stderr is that stream, never when a person redirected it to a file (sd-daemon(3)).
"""

from __future__ import annotations

import logging
import os
import sys

FORMAT = "%(levelname)s %(name)s: %(message)s"


def priority(level: int) -> int:
    """The syslog priority of a logging level."""
    if level >= logging.CRITICAL:
        return 2
    if level >= logging.ERROR:
        return 3
    if level >= logging.WARNING:
        return 4
    return 6 if level >= logging.INFO else 7


def to_journal(stream) -> bool:
    """Whether the stream is the one systemd's journal reads."""
    wanted = os.environ.get("JOURNAL_STREAM")
    if not wanted:
        return False
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # a stream without a file (a test's buffer)
        return False
    return wanted == f"{info.st_dev}:{info.st_ino}"


class _Formatter(logging.Formatter):
    """The time in a terminal (the journal keeps its own); every line of a record prefixed."""

    def __init__(self):
        super().__init__(FORMAT)
        self.timed = logging.Formatter(f"%(asctime)s {FORMAT}")

    def format(self, record: logging.LogRecord) -> str:
        if not to_journal(sys.stderr):
            return self.timed.format(record)
        prefix = f"<{priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines())


def setup_logging(level: int = logging.WARNING) -> None:
    """Log at `level` and above to stderr. Like logging.basicConfig, nothing changes in a process
    that already logs somewhere (a test runner's capture)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter())
    root.addHandler(handler)
    root.setLevel(level)
