"""`stem-kiosk export --csv FILE`: every session as a CSV row.

The format is the core's (kiosk/core/export.py), the same as the facilitator's USB export.
"""

from __future__ import annotations

import argparse

from kiosk.commands.common import OK, PROBLEM, fail
from kiosk.commands.session import with_journal
from kiosk.config import Config
from kiosk.core.export import write_csv
from kiosk.journal import Journal


@with_journal
def export(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    try:
        written = write_csv(journal, args.csv)
    except OSError as err:
        return fail(f"cannot write {args.csv}: {err.strerror}", PROBLEM)
    print(f"{written} session(s) written to {args.csv}")
    return OK
