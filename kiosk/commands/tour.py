"""`stem-kiosk tour [--json]`: every stop the kiosk knows and where each comes from: the
listing's plan (as the last sync kept it) or the local tour file.

Exit 0 listed; 1 the tour file has a problem (each printed; the plan's stops are still listed).
"""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.commands.common import OK, PROBLEM, config_of
from kiosk.core.plan import load_plan
from kiosk.stop import Stop
from kiosk.tour import load_tour

PLAN, TOUR_FILE = "plan", "tour file"


def tour(args: argparse.Namespace) -> int:
    config = config_of(args)
    plan = load_plan(config.data_dir)
    local, problems = load_tour(config.tour) if config.tour is not None else (None, [])
    for problem in problems:
        print(problem, file=sys.stderr)
    stops = [(s, PLAN) for s in (plan.stops if plan else ())]
    stops += [(s, TOUR_FILE) for s in (local.stops if local else ())]
    if args.json:
        print(json.dumps([_row(s, source) for s, source in stops], ensure_ascii=False, indent=2))
        return PROBLEM if problems else OK
    if plan is None:
        print("no plan from the listing yet (it comes with a sync)")
    else:
        received = plan.received_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"the listing's plan{f' ({plan.tour})' if plan.tour else ''}, received {received}")
    if local is not None:
        print(f"the tour file {config.tour}{f' ({local.name})' if local.name else ''}")
    for stop, source in stops:
        row = _row(stop, source)
        workshops = ", ".join(stop.workshops) or "any workshop"
        print(f"{row['date'] or '-':<10}  {stop.name} ({stop.municipality}, {stop.venue_type})"
              f"  {row['status']}  {workshops}  [{source}]")  # fmt: skip
    return PROBLEM if problems else OK


def _row(stop: Stop, source: str) -> dict:
    return stop.as_json() | {
        "date": stop.date.isoformat() if stop.date else None,
        "status": "cancelled" if stop.cancelled else "planned",
        "workshops": list(stop.workshops),
        "stop_id": stop.stop_id,
        "source": source,
    }
