"""The report the kiosk sends the listing (listing-api.md, `PUT /v1/kiosks/{id}/status`): its
version, clock, plan, sessions, packs, the workshops it can run now, the kit's last check, disk.

Built alike by the sync round and `stem-kiosk status`. The workshops it can run are cached in
the data dir under a fingerprint of the library's files and the kit, so a round with nothing
new parses none; the last report sent is kept too (`status.json`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.about import version
from kiosk.clock import time_source
from kiosk.config import Config
from kiosk.core.datafile import read_json, write_json
from kiosk.core.folders import fingerprint, open_library
from kiosk.core.kitcheck import last_kit_check
from kiosk.core.packstore import states
from kiosk.core.plan import Plan, load_plan

RUNNABLE_FILE = "workshops.json"
SENT_FILE = "status.json"


def build_report(
    config: Config,
    journal,
    *,
    clock_offset_s: float | None = None,
    clock: str | None = None,
    now: dt.datetime | None = None,
    plan: Plan | None = None,
    kept: dict[str, dict] | None = None,
) -> dict:
    """The status body for this kiosk now (`journal`: kiosk.journal.Journal); the plan and the
    packs' records are read from the data dir unless given (a round that could not save them)."""
    plan = plan or load_plan(config.data_dir)
    sync = journal.sync_states()
    attention = sum(1 for *_, detail in sync if detail)
    confirmed = sum(1 for _, revision, done, detail in sync if done >= revision and not detail)
    now = now or dt.datetime.now(dt.UTC)
    return {
        "kiosk_id": config.kiosk_id,
        # to the microsecond: the listing keeps the newest, and two rounds may share a second
        "reported_at": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "software_version": version()[:32],
        "time_source": clock or time_source(),
        "clock_offset_s": None if clock_offset_s is None else round(clock_offset_s, 3),
        "plan_etag": plan.etag if plan else None,
        "sessions": {
            "total": len(sync),
            "unconfirmed": len(sync) - confirmed - attention,
            "attention": attention,
        },
        "packs": [s.as_json() for s in states(config.data_dir, plan, kept)],
        "workshops": runnable(config),
        "kit": last_kit_check(config.data_dir),
        "disk_free_bytes": disk_free(config.data_dir),
    }


def runnable(config: Config) -> list[dict]:
    """[{"id", "version"}] of every valid workshop of the library, by id (cached)."""
    marks = [fingerprint(config), version(), _stat(config.kit)]
    key = hashlib.sha256(json.dumps(marks).encode()).hexdigest()
    path = Path(config.data_dir) / RUNNABLE_FILE
    kept = read_json(path)
    if isinstance(kept, dict) and kept.get("fingerprint") == key:
        return kept["workshops"]
    spec, _ = load_kit(config.kit)
    library = open_library(config, spec)
    found = [{"id": i, "version": library.workshops[i].version} for i in sorted(library.workshops)]
    with contextlib.suppress(OSError):  # a full disk: the report is still right, only slower
        write_json(path, {"fingerprint": key, "workshops": found}, durable=False)
    return found


def disk_free(data_dir: Path) -> int | None:
    try:
        info = os.statvfs(data_dir)
    except OSError:
        return None
    return info.f_bavail * info.f_frsize


def remember_sent(data_dir: Path, report: dict) -> None:
    """Keep the report the listing accepted (for `stem-kiosk status`; a copy, not durable)."""
    write_json(Path(data_dir) / SENT_FILE, report, durable=False)


def last_sent(data_dir: Path) -> dict | None:
    """The last report the listing accepted, or None."""
    found = read_json(Path(data_dir) / SENT_FILE)
    return found if isinstance(found, dict) else None


def _stat(path: Path) -> list | None:
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return [str(path), info.st_size, info.st_mtime_ns]
