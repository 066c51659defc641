"""Log lines under systemd carry the journal's priority (`<3>` error ... `<7>` debug), so
`journalctl -p warning` finds the kiosk's warnings; elsewhere they read as plain lines."""

from __future__ import annotations

import os
import subprocess
import sys

LOGS = """
import logging
from kiosk.logs import setup_logging
setup_logging(logging.DEBUG)
log = logging.getLogger("kiosk.test")
log.debug("checking"); log.info("ready"); log.warning("sensor quiet"); log.error("no journal")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("fault")
"""


def run(tmp_path, journal_stream: str | None) -> list[str]:
    """The lines the snippet writes to stderr (a file), with JOURNAL_STREAM as given."""
    err = tmp_path / "stderr"
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    with open(err, "wb") as f:
        info = os.fstat(f.fileno())
        stream = f"{info.st_dev}:{info.st_ino}" if journal_stream == "stderr" else journal_stream
        if stream:
            env["JOURNAL_STREAM"] = stream
        subprocess.run([sys.executable, "-c", LOGS], stderr=f, env=env, check=True)
    return err.read_text().splitlines()


def test_under_systemd_every_line_starts_with_its_priority(tmp_path):
    lines = run(tmp_path, "stderr")
    assert lines[:4] == [
        "<7>DEBUG kiosk.test: checking",
        "<6>INFO kiosk.test: ready",
        "<4>WARNING kiosk.test: sensor quiet",
        "<3>ERROR kiosk.test: no journal",
    ]
    traceback = lines[4:]
    assert traceback[0] == "<3>ERROR kiosk.test: fault"
    assert len(traceback) > 3 and all(line.startswith("<3>") for line in traceback)
    assert traceback[-1] == "<3>ZeroDivisionError: division by zero"


def test_without_the_journal_lines_are_plain_and_timed(tmp_path):
    for stream in (None, "1:2"):  # not set, or another stream than this stderr
        lines = run(tmp_path, stream)
        assert not any(line.startswith("<") for line in lines)
        assert lines[1].endswith(" INFO kiosk.test: ready") and lines[1][:4].isdigit()
