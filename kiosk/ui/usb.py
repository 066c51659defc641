"""Where an export goes: the first mounted USB stick (/media/*/*), else a folder in the data dir.

The CSV itself is the core's (kiosk/core/export.py), the same file `stem-kiosk export` writes;
beside it, each creation of maker mode as its `.py` program (`stem-kiosk maker export`'s).
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from pathlib import Path

from devices.kitconfig import load_kit
from kiosk.core.export import write_creations, write_csv

MEDIA_GLOB = "/media/*/*"


def export_target(data_dir: Path, media_glob: str = MEDIA_GLOB) -> Path:
    """A writable USB stick if one is mounted, else `data_dir/exports` (created)."""
    for mount in sorted(glob.glob(media_glob)):
        if os.path.isdir(mount) and os.access(mount, os.W_OK):
            return Path(mount)
    folder = data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def export_sessions(config, journal, folder: Path) -> Path:
    """Write every session as CSV into the folder, and every creation's program next to it
    (when the kit file loads: a program needs its pins); the CSV's path."""
    path = folder / f"stem-kiosk-{config.kiosk_id}-{dt.datetime.now():%Y%m%d-%H%M%S}.csv"
    write_csv(journal, path)
    spec, _ = load_kit(config.kit)
    if spec is not None:
        write_creations(config.data_dir, spec, folder)
    return path
