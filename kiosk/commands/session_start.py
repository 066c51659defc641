"""`stem-kiosk session start --workshop ID --stop NAME`: open a session; prints its id alone.

Apart from count and end because it needs the workshop library and the tour plan (the kit file
too, to check the workshops against): the kiosk's core opens them as the screens do.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.commands.common import OK, PROBLEM, USAGE, config_of, fail, unknown_workshop
from kiosk.commands.session import journal_failure, warn
from kiosk.core.station import Station
from kiosk.journal import JournalError


def start(args: argparse.Namespace) -> int:
    with Station.open(config_of(args), hardware=False) as station:
        for problem in station.tour_problems:
            print(problem, file=sys.stderr)
        if station.journal is None:
            return fail(station.journal_error or "the journal cannot be opened", PROBLEM)
        warn(station.journal)
        workshop = station.library.workshops.get(args.workshop)
        if workshop is None:
            return fail(unknown_workshop(args.workshop, station.library), USAGE)
        try:
            session = station.journal.start_session(workshop.as_json(), station.stop_for(args.stop))
        except JournalError as err:
            return journal_failure(err)
    print(session)
    return OK
