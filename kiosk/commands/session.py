"""`stem-kiosk session count|end` and `sessions`: the journal's own commands.

Every write is printed only after the journal has made it durable. These load the journal and
nothing else: a tap on the command line stays quick (session start is session_start.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail
from kiosk.config import Config
from kiosk.journal import (
    InvalidInput,
    Journal,
    JournalError,
    NothingToUndo,
    SessionClosed,
    UnknownSession,
)

USAGE_ERRORS = (InvalidInput, UnknownSession, SessionClosed, NothingToUndo)

Action = Callable[[argparse.Namespace, Config, Journal], int]


def journal_failure(err: JournalError) -> int:
    """A journal error as one line and its exit code: 2 for a wrong name or value, else 1."""
    return fail(err.message, USAGE if isinstance(err, USAGE_ERRORS) else PROBLEM)


def warn(journal: Journal) -> None:
    """What the facilitator must know of the journal (e.g. a damaged one moved aside)."""
    for notice in journal.notices:
        print(f"stem-kiosk: WARNING: {notice.message}", file=sys.stderr)


def with_journal(action: Action) -> Callable[[argparse.Namespace], int]:
    """Open the config's journal, run the action, turn journal errors into one line + exit code."""

    def handler(args: argparse.Namespace) -> int:
        config = config_of(args)
        try:
            with Journal.for_config(config) as journal:
                warn(journal)
                return action(args, config, journal)
        except JournalError as err:
            return journal_failure(err)

    return handler


@with_journal
def count(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    total = journal.count(args.session, args.band, args.gender, args.returning)
    print(total, flush=True)
    return OK


@with_journal
def end(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    journal.end_session(args.session)
    return OK


@with_journal
def sessions(args: argparse.Namespace, config: Config, journal: Journal) -> int:
    rows = journal.snapshots()
    if args.json:
        print(json.dumps([s | {"sync": sync} for s, sync in rows], ensure_ascii=False, indent=2))
        return OK
    header = ("SESSION", "STARTED (UTC)", "STATUS", "TOTAL", "WORKSHOP", "STOP", "SYNC")
    table = [header]
    for s, sync in rows:
        state = f"r{s['revision']} confirmed r{sync['confirmed_revision']}"
        if sync["attention"]:
            state += f"; NEEDS ATTENTION: {sync['attention']}"
        started = s["started_at"].replace("T", " ").rstrip("Z")[:16]
        if s["time_source"] != "ntp":
            started += f" ({s['time_source']})"
        table.append((s["session_id"], started, s["status"], str(s["attendance"]["total"]),
                      s["workshop"]["id"], s["stop"]["name"], state))  # fmt: skip
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    for r in table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    print(f"{len(rows)} session(s)")
    return OK
