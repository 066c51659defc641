"""The journal's sessions as a CSV file for a spreadsheet: one row per session, every count; and
maker mode's creations as the gpiozero programs to take home, next to it.

UTF-8 with a byte order mark (so a spreadsheet reads "é" as é), and text a spreadsheet would
run as a formula (=, +, -, @ first) made inert with a leading quote, as the listing's reports do.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from devices.kitconfig import KitSpec
from kiosk.journal import BANDS, GENDERS, Journal
from kiosk.maker.export import export_py
from kiosk.maker.store import Store

FIELDS = (
    ["session_id", "kiosk_id", "status", "workshop_id", "workshop_version", "workshop_title",
     "stop", "venue_type", "municipality", "postcode", "started_at", "ended_at", "time_source",
     "total"]
    + [f"age_{b}" for b in BANDS]
    + [f"gender_{g}" for g in GENDERS]
    + ["returning", "steps", "checks_passed", "revision", "confirmed_revision"]
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(journal: Journal, path: str | os.PathLike) -> int:
    """Write every session of the journal to `path`; the number of sessions written."""
    rows = journal.snapshots()
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(FIELDS)
        for s, sync in rows:
            out.writerow([_inert(cell) for cell in _row(s, sync)])
    return len(rows)


def _row(s: dict, sync: dict) -> list:
    att, w, stop = s["attendance"], s["workshop"], s["stop"]
    return (
        [s["session_id"], s["kiosk_id"], s["status"], w["id"], w["version"], w["title"]["nl"],
         stop["name"], stop["venue_type"], stop["municipality"], stop.get("postcode", ""),
         s["started_at"], s["ended_at"] or "", s["time_source"], att["total"]]
        + [att["age_bands"][b] for b in BANDS]
        + [att["gender"][g] for g in GENDERS]
        + [att["returning"], s["progress"]["steps"], s["progress"]["checks_passed"],
           s["revision"], sync["confirmed_revision"]]
    )  # fmt: skip


def _inert(cell: object) -> object:
    """Text a spreadsheet must not read as a formula; numbers stay numbers."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell


def write_creations(data_dir: str | os.PathLike, spec: KitSpec, folder: Path) -> list[Path]:
    """Every creation kept on the kiosk as its program (`snelle_raket.py`, with the pins it
    expects in its header) into the folder; the files written. One that does not load is left
    where it is (`stem-kiosk maker list` names it)."""
    creations, _ = Store(data_dir).load()
    return [export_py(creation, spec, folder) for creation in creations]
