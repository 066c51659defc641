"""The workshops shipped with this distribution (`workshops/*.yaml`, package data), read as
data the way the listing reads a pack's files: never by importing the kiosk, which owns them.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

from listing.models.stored_fleet import PackWorkshop
from listing.packcheck import MAX_WORKSHOP_BYTES, SUFFIX, workshop_facts

LIBRARY = "workshops"  # the package that holds the shipped files


@cache
def shipped_workshops() -> dict[str, PackWorkshop]:
    """Each shipped workshop's id, title, summary and ages; a file the listing cannot read is
    left out (the kiosk's own validator names its problems)."""
    found: dict[str, PackWorkshop] = {}
    for entry in sorted(files(LIBRARY).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(SUFFIX):
            continue
        raw = entry.read_bytes()
        if len(raw) > MAX_WORKSHOP_BYTES:
            continue
        try:
            workshop = workshop_facts(yaml.safe_load(raw.decode("utf-8")))
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
            continue
        if workshop is not None:
            found.setdefault(workshop.id, workshop)
    return found
