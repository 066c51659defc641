"""Take a creation home: its gpiozero program written to a `.py` file whose header says which
pins it expects (for `stem-kiosk maker export` and, later, the facilitator's USB export)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from devices.kitconfig import KitSpec
from kiosk.configedit import write_atomically
from kiosk.maker.codegen import file_name, program
from kiosk.maker.rules import Creation


def export_py(creation: Creation, spec: KitSpec, target: str | os.PathLike) -> Path:
    """Write the program to `target` (a folder: as `snelle_raket.py` in it); the file it wrote.

    Readable by everyone (0644): it is made to be copied and shared. OSError if it cannot be.
    """
    path = Path(target)
    if path.is_dir():
        path = path / file_name(creation)
    write_atomically(path, program(creation, spec))
    with contextlib.suppress(PermissionError):  # a USB stick's FAT has no permissions to set
        os.chmod(path, 0o644)
    return path
