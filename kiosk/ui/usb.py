"""Where an export goes: the first mounted USB stick (/media/*/*), else a folder in the data dir.

The CSV itself is the core's (kiosk/core/export.py), the same file `stem-kiosk export` writes.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from pathlib import Path

from kiosk.core.export import write_csv

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
    """Write every session as CSV into the folder; the file's path."""
    path = folder / f"stem-kiosk-{config.kiosk_id}-{dt.datetime.now():%Y%m%d-%H%M%S}.csv"
    write_csv(journal, path)
    return path
