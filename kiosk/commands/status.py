"""`stem-kiosk status [--json]`: the report this kiosk sends the listing in each sync round
(listing-api.md, status), as it stands now; the clock offset is the last sync's.

Exit 0 shown; 1 the journal cannot be read.
"""

from __future__ import annotations

import argparse
import json

from kiosk.commands.common import OK, PROBLEM, config_of, fail
from kiosk.core.status import build_report, last_sent
from kiosk.journal import Journal, JournalError


def status(args: argparse.Namespace) -> int:
    config = config_of(args)
    sent = last_sent(config.data_dir)
    try:
        with Journal.for_config(config) as journal:
            offset = sent.get("clock_offset_s") if sent else None
            report = build_report(config, journal, clock_offset_s=offset)
    except JournalError as err:
        return fail(err.message, PROBLEM)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return OK
    s = report["sessions"]
    print(f"kiosk {report['kiosk_id']}, stem-kiosk {report['software_version']}, "
          f"clock {report['time_source']}")  # fmt: skip
    print(f"sessions: {s['total']} in the journal, {s['unconfirmed']} not yet confirmed, "
          f"{s['attention']} need attention")  # fmt: skip
    print(f"plan: {report['plan_etag'] or 'none yet'}")
    for pack in report["packs"]:
        detail = f": {pack['detail']}" if pack.get("detail") else ""
        print(f"pack {pack['sha256'][:12]} {pack['state']}{detail}")
    print(f"workshops it can run: {', '.join(w['id'] for w in report['workshops']) or 'none'}")
    kit = report["kit"]
    if kit is None:
        print("kit: never checked")
    else:
        failed = ", ".join(f"{f['device']} ({f['detail']})" for f in kit["failed"]) or "none"
        print(f"kit checked {kit['checked_at']}: failed {failed}")
    if report["disk_free_bytes"] is not None:
        print(f"disk: {report['disk_free_bytes'] // 2**20} MiB free")
    print(f"last sent to the listing: {sent['reported_at'] if sent else 'never'}")
    return OK
